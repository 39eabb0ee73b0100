import { maskExcerpt } from './maskExcerpt';
import type { RecordView } from './read/RecordView';
import { COUNTED_ONLY, type RejectCode, type RejectField } from './rejectReasons';

export interface RejectEntry {
	lineNo: number;
	field: RejectField;
	code: RejectCode;
	excerpt: string;
}

/**
 * Counts every rejected row by reason and keeps, for the rejects table, the first
 * `maxStored` of them with a masked excerpt (rows outside the institution filter are only
 * counted). Entries wait here until the ingest writes them out.
 */
export class RejectLog {
	total = 0;
	stored = 0;
	readonly byReason: Partial<Record<RejectCode, number>> = {};
	private pending: RejectEntry[] = [];

	constructor(private readonly maxStored: number) {}

	add(record: RecordView, field: RejectField, code: RejectCode): void {
		this.total++;
		this.byReason[code] = (this.byReason[code] ?? 0) + 1;
		if (COUNTED_ONLY.has(code) || this.stored >= this.maxStored) return;
		this.stored++;
		this.pending.push({ lineNo: record.lineNo, field, code, excerpt: maskExcerpt(record.excerpt()) });
	}

	get pendingCount(): number {
		return this.pending.length;
	}

	take(): RejectEntry[] {
		const entries = this.pending;
		this.pending = [];
		return entries;
	}
}
