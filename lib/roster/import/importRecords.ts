import { randomUUID } from 'node:crypto';

import { DUPLICATE_KEY_LABELS } from '../../cleanse';
import type { Queryable } from '../../store';
import { LeadError } from '../LeadError';
import { DUPLICATE_ACTION_LABELS, type ImportReport } from './ImportReport';

/** How long a kept import (its counts and rejected rows) can be downloaded. */
export const KEPT_IMPORT_DAYS = 30;

/** One row of a kept import's problems: rejected with a reason, or a duplicate of a known lead. */
export interface ImportIssue {
	row: number;
	kind: 'rejected' | 'duplicate';
	field: string | null;
	code: string;
	reason: string;
	/** Masked where it is personal data, as the report holds it. */
	value: string | null;
}

export interface KeptImport {
	importId: string;
	importedBy: string;
	fileName: string;
	createdAt: string;
	issues: ImportIssue[];
}

const ISSUE_COLUMNS = ['import_id', 'seq', 'row_no', 'kind', 'field', 'code', 'reason', 'value'];

/**
 * Keeps an import's counts and its rejected and duplicate rows (never the file, never a
 * clear personal value), and drops kept imports older than KEPT_IMPORT_DAYS. Answers the id
 * to download them by.
 */
export async function saveImport(
	db: Queryable,
	{ importedBy, fileName, report, now = new Date() }: { importedBy: string; fileName: string; report: ImportReport; now?: Date },
): Promise<string> {
	const importId = randomUUID();
	await db.query('DELETE FROM lead_imports WHERE created_at < $1', [new Date(now.getTime() - KEPT_IMPORT_DAYS * 86_400_000)]);
	const { rejected: _rejected, duplicates: _duplicates, importId: _none, ...counts } = report;
	await db.query('INSERT INTO lead_imports (import_id, imported_by, file_name, counts, created_at) VALUES ($1, $2, $3, $4, $5)', [
		importId,
		importedBy,
		fileName,
		JSON.stringify(counts),
		now,
	]);
	let seq = 0;
	const rows = [
		...report.rejected.map((r) => [importId, seq++, r.row, 'rejected', r.field, r.code, r.reason, r.value ?? null]),
		...report.duplicates.map((d) => [
			importId,
			seq++,
			d.row,
			'duplicate',
			null,
			`duplicate.${d.by}`,
			`与线索 ${d.existingLeadId} 重复（${DUPLICATE_KEY_LABELS[d.by]}）${d.owner ? `，负责人 ${d.owner}` : ''}；处理：${DUPLICATE_ACTION_LABELS[d.action]}`,
			null,
		]),
	];
	if (rows.length > 0) await db.bulkLoad({ table: 'lead_import_rejects', columns: ISSUE_COLUMNS }, rows);
	return importId;
}

/** A kept import and its problem rows in file order, or notFound (unknown, or older than KEPT_IMPORT_DAYS). */
export async function loadKeptImport(db: Queryable, importId: string): Promise<KeptImport> {
	const head = await db.query<{ imported_by: string; file_name: string; created_at: Date }>(
		'SELECT imported_by, file_name, created_at FROM lead_imports WHERE import_id = $1',
		[importId],
	);
	const found = head.rows[0];
	if (!found) throw new LeadError(`导入记录 ${importId} 不存在或已超过 ${KEPT_IMPORT_DAYS} 天 (import not found)`, 'importId', 'notFound');
	const issues = await db.query<{ row_no: number; kind: ImportIssue['kind']; field: string | null; code: string; reason: string; value: string | null }>(
		'SELECT row_no, kind, field, code, reason, value FROM lead_import_rejects WHERE import_id = $1 ORDER BY row_no, seq',
		[importId],
	);
	return {
		importId,
		importedBy: found.imported_by,
		fileName: found.file_name,
		createdAt: new Date(found.created_at).toISOString(),
		issues: issues.rows.map((r) => ({ row: r.row_no, kind: r.kind, field: r.field, code: r.code, reason: r.reason, value: r.value })),
	};
}
