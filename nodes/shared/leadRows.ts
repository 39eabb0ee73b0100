import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { unsealFields, type PrivacyKeys } from '../../lib/privacy';
import { formatFromFileName, formatFromMimeType, readRecords, type RecordFileFormat, type TextEncoding } from '../../lib/files';
import { leadFromRecord, type ImportRow, type LeadField } from '../../lib/roster/import';
import { binaryInputStream, dropBinaryInput } from './transport/binaryInput';

/** The mapping field → header from the "Column Mapping" parameter. */
function columnMapping(context: IExecuteFunctions, itemIndex: number): Partial<Record<LeadField, string>> {
	const mappings = (context.getNodeParameter('columnMapping.mappings', itemIndex, []) as IDataObject[]) ?? [];
	return Object.fromEntries(mappings.filter((m) => m.header).map((m) => [m.field as LeadField, String(m.header)]));
}

/** Lead rows of the file in one input item's binary field, read as a stream. */
export async function leadRowsFromFile(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<{ rows: AsyncIterable<ImportRow>; fileName: string }> {
	const property = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const { stream, fileName, mimeType } = await binaryInputStream(context, itemIndex, property);
	const chosen = context.getNodeParameter('fileFormat', itemIndex, 'auto') as RecordFileFormat | 'auto';
	const format = chosen === 'auto' ? (formatFromFileName(fileName) ?? formatFromMimeType(mimeType)) : chosen;
	if (!format) {
		throw new NodeOperationError(context.getNode(), `Cannot tell the format of "${fileName ?? property}"`, {
			itemIndex,
			description: 'Name the file .csv, .xlsx or .json, or choose the File Format.',
		});
	}
	const encoding = context.getNodeParameter('encoding', itemIndex, 'auto') as TextEncoding;
	const mapping = columnMapping(context, itemIndex);
	async function* rows(): AsyncIterable<ImportRow> {
		for await (const record of readRecords(stream, format as RecordFileFormat, encoding)) {
			yield { row: record.row, lead: leadFromRecord(record, mapping), problem: record.shapeProblem };
		}
		// Read to the end: the roster leaves n8n's binary-data folder now, not with the execution.
		await dropBinaryInput(context, itemIndex, property);
	}
	return { rows: rows(), fileName: fileName ?? property };
}

/**
 * Lead rows from the input items, one lead per item. Items from Lead Cleanse keep the row
 * of the original file and carry phone and ID number sealed: unsealed here, in memory.
 * An empty item (n8n's "Always Output Data" placeholder) is no lead and is skipped.
 */
export function leadRowsFromItems(context: IExecuteFunctions, keys: PrivacyKeys): ImportRow[] {
	const mapping = columnMapping(context, 0);
	const rows: ImportRow[] = [];
	context.getInputData().forEach((item, index) => {
		if (Object.keys(item.json).length === 0) return;
		const values: Record<string, string> = {};
		// row and existingLead describe the item, not the lead: they must not become attributes.
		const { sealed, row, existingLead: _existingLead, ...fields } = item.json;
		if (typeof sealed === 'string') Object.assign(fields, unsealFields(keys.encryptionKey, sealed));
		for (const [key, value] of Object.entries(fields)) {
			if (value === null || value === undefined) continue;
			values[key] = Array.isArray(value) ? value.join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value);
		}
		const rowNumber = Number.isInteger(row) && (row as number) > 0 ? (row as number) : index + 1;
		rows.push({ row: rowNumber, lead: leadFromRecord({ row: rowNumber, values }, mapping) });
	});
	return rows;
}
