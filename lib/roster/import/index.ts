export * from './ImportReport';
export { importLeads, screenLeads, type ImportRow, type LeadImportOptions, type ScreenedLead, type ScreenResult } from './importLeads';
export { leadFromRecord, checkedLeadMapping, type LeadField } from './leadColumns';
export { withEarlierRejections, type EarlierRejection } from './withEarlierRejections';
export { leadRowsOfFile, previewLeadFile, type ImportPreview, type LeadFile } from './leadFile';
export { importIssuesFile } from './issuesFile';
export { KEPT_IMPORT_DAYS } from './importRecords';
