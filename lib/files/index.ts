export * from './FileRecord';
export { decodeTextStream, isValidUtf8Prefix, type TextEncoding } from './decodeText';
export { jsonLinesRecords } from './jsonLinesRecords';
export { csvRecords } from './csvRecords';
export { readRecords, formatFromFileName, formatFromMimeType } from './readRecords';
export { csvFile, xlsxFile, tableFile, type Table, type TableFile, type TableFileFormat } from './writeTable';
