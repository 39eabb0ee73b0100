import type { DuplicateKey } from '../../cleanse';
import { rejectedRowCount, type DuplicateAction, type ImportDuplicate, type ImportRejection, type ImportReport } from './ImportReport';

/** A row Lead Cleanse rejected before the import: every reason, and the duplicate it is, if it is one. */
export interface EarlierRejection {
	row: number;
	reasons?: Array<{ field?: string; code?: string; reason?: string; value?: string }>;
	duplicate?: {
		row?: number;
		by: DuplicateKey;
		existingLeadId: string;
		duplicateOfRow?: number;
		owner: string | null;
		action: DuplicateAction;
	};
}

/**
 * Adds the rows a Lead Cleanse node rejected to the import's report, so the report covers
 * every row of the original file: read = created + updated + rejected + duplicate.
 */
export function withEarlierRejections(report: ImportReport, earlier: EarlierRejection[]): ImportReport {
	const rejected: ImportRejection[] = [];
	const duplicates: ImportDuplicate[] = [];
	for (const item of earlier) {
		if (item.duplicate) {
			duplicates.push({ ...item.duplicate, row: item.row });
			continue;
		}
		for (const reason of item.reasons ?? []) {
			rejected.push({
				row: item.row,
				field: reason.field ?? '*',
				code: reason.code ?? 'rejected',
				reason: reason.reason ?? '',
				value: reason.value,
			});
		}
	}
	return {
		...report,
		rowsRead: report.rowsRead + earlier.length,
		rejectedCount: report.rejectedCount + rejectedRowCount(rejected),
		duplicateCount: report.duplicateCount + duplicates.length,
		rejected: [...rejected, ...report.rejected].sort((a, b) => a.row - b.row),
		duplicates: [...duplicates, ...report.duplicates].sort((a, b) => a.row - b.row),
	};
}
