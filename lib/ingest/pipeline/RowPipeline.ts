import { EVENT_TYPES } from '../../vocabulary';
import { EventFingerprint } from '../dedup/eventFingerprint';
import { DUPLICATE, InFileDuplicates, UNCERTAIN } from '../dedup/RecentEvents';
import type { EventEncoder } from '../load/EventEncoder';
import type { RecordView } from '../read/RecordView';
import { RejectLog, type RejectEntry } from '../RejectLog';
import type { RejectCode } from '../rejectReasons';
import type { InstitutionValue } from '../row/EventRow';
import { RowProcessor, type RowRules } from '../row/RowProcessor';

/** Encoded rows handed on at a time. */
const ROWS_FLUSH_BYTES = 1 << 20;
/**
 * Side rows held before they are handed on. Writing them pauses the main COPY, and each
 * pause lets the server run dry (it must finish what is queued before the next COPY
 * starts), so they go in few, large batches.
 */
const SUSPECTS_FLUSH_BYTES = 32 << 20;
const REJECTS_FLUSH_COUNT = 100_000;
/** Duplicates are searched in memory among events this close to the latest one (per institution). */
const DUPLICATE_WINDOW_MICROS = 10 * 60 * 1_000_000;
/** Most events remembered for that search, across institutions (12–48 bytes each). */
const MAX_REMEMBERED_EVENTS = 4_000_000;

/**
 * What the pipeline hands on, in order: encoded rows for call_events, a new day (its
 * partition must exist before the rows after it), UNCERTAIN rows for the database's
 * duplicate check, and rejects.
 */
export type PipelineOutput<Payload> =
	/** `day`: the local day of every row in the payload, or MIXED_DAYS. */
	| { kind: 'rows'; payload: Payload; day: number }
	| { kind: 'day'; day: number }
	| { kind: 'suspects'; payload: Payload }
	| { kind: 'rejects'; entries: RejectEntry[] };

/** What the pipeline counted; plain data, so a worker thread can send it. */
export interface PipelineTally {
	rowsRead: number;
	inFileDuplicates: number;
	suspectRows: number;
	firstSuspectDay: number;
	lastSuspectDay: number;
	firstMicros: number | null;
	lastMicros: number | null;
	rejected: number;
	rejectsStored: number;
	rejectedByReason: Partial<Record<RejectCode, number>>;
	/** Rows handed on for call_events, per institution and local day. */
	loaded: Array<{ institution: string; day: number; events: number }>;
	/** The same, per event type (index in EVENT_TYPES). */
	loadedByType: number[];
}

/**
 * The synchronous heart of an ingest: records in, encoded rows out. Each record is
 * checked and pseudonymised (RowProcessor), compared with recent events (in-file
 * duplicates), and encoded for the COPY, or rejected with its reason. It never waits
 * and never touches the database, so it runs the same in the calling thread or a worker.
 */
export class RowPipeline<Payload> {
	private rowsRead = 0;
	private inFileDuplicates = 0;
	private suspectRows = 0;
	private readonly processor: RowProcessor;
	private readonly duplicates = new InFileDuplicates(DUPLICATE_WINDOW_MICROS, MAX_REMEMBERED_EVENTS);
	private readonly fingerprint = new EventFingerprint();
	private readonly rejects: RejectLog;
	private readonly days = new Set<number>();
	/** The day of the last accepted row (a file runs day by day: the set is rarely asked). */
	private lastDay = NaN;
	/** Per institution id, rows handed on per day (index: day − firstDay). */
	private readonly loadedByDay: Float64Array[] = [];
	private readonly institutions: InstitutionValue[] = [];
	private readonly loadedByType = new Float64Array(EVENT_TYPES.length);
	private firstMicros = Infinity;
	private lastMicros = -Infinity;
	private firstSuspectDay = Infinity;
	private lastSuspectDay = -Infinity;

	constructor(
		private readonly rules: RowRules,
		private readonly rows: EventEncoder<Payload>,
		private readonly suspects: EventEncoder<Payload>,
		maxStoredRejects: number,
	) {
		this.processor = new RowProcessor(rules);
		this.rejects = new RejectLog(maxStoredRejects);
	}

	/** Takes every record the reader has ready, pushing what is ready to hand on to `out`. */
	consume(reader: { next(): RecordView | null }, out: Array<PipelineOutput<Payload>>): void {
		const processor = this.processor;
		const row = processor.row;
		for (let record = reader.next(); record !== null; record = reader.next()) {
			this.rowsRead++;
			const problem = processor.process(record);
			if (problem !== null) {
				this.rejects.add(record, processor.rejectField, problem);
				if (this.rejects.pendingCount >= REJECTS_FLUSH_COUNT) out.push({ kind: 'rejects', entries: this.rejects.take() });
				continue;
			}
			if (row.localDay !== this.lastDay && !this.days.has(row.localDay)) {
				this.days.add(row.localDay);
				this.handOnRows(out);
				out.push({ kind: 'day', day: row.localDay });
			}
			this.lastDay = row.localDay;
			if (row.utcMicros < this.firstMicros) this.firstMicros = row.utcMicros;
			if (row.utcMicros > this.lastMicros) this.lastMicros = row.utcMicros;

			const fingerprint = this.fingerprint.of(row);
			const verdict = this.duplicates.classify(row.institution.id, row.utcMicros, fingerprint.a, fingerprint.b, fingerprint.c);
			if (verdict === DUPLICATE) {
				this.inFileDuplicates++;
				continue;
			}
			if (verdict === UNCERTAIN) {
				this.suspects.add(row);
				this.suspectRows++;
				if (row.localDay < this.firstSuspectDay) this.firstSuspectDay = row.localDay;
				if (row.localDay > this.lastSuspectDay) this.lastSuspectDay = row.localDay;
				if (this.suspects.pendingBytes >= SUSPECTS_FLUSH_BYTES) out.push({ kind: 'suspects', payload: this.suspects.take() });
				continue;
			}
			this.rows.add(row);
			this.countLoaded(row.institution, row.localDay, row.eventType.id);
			if (this.rows.pendingBytes >= ROWS_FLUSH_BYTES) this.handOnRows(out);
		}
	}

	/** Hands on everything still held, and returns the counts. */
	end(out: Array<PipelineOutput<Payload>>): PipelineTally {
		this.handOnRows(out);
		if (this.suspects.pendingRows > 0) out.push({ kind: 'suspects', payload: this.suspects.take() });
		if (this.rejects.pendingCount > 0) out.push({ kind: 'rejects', entries: this.rejects.take() });
		const loaded: PipelineTally['loaded'] = [];
		for (const institution of this.institutions) {
			this.loadedByDay[institution.id].forEach((events, offset) => {
				if (events > 0) loaded.push({ institution: institution.name, day: this.rules.firstDay + offset, events });
			});
		}
		return {
			rowsRead: this.rowsRead,
			inFileDuplicates: this.inFileDuplicates,
			suspectRows: this.suspectRows,
			firstSuspectDay: this.firstSuspectDay,
			lastSuspectDay: this.lastSuspectDay,
			firstMicros: this.firstMicros === Infinity ? null : this.firstMicros,
			lastMicros: this.lastMicros === -Infinity ? null : this.lastMicros,
			rejected: this.rejects.total,
			rejectsStored: this.rejects.stored,
			rejectedByReason: { ...this.rejects.byReason },
			loaded,
			loadedByType: Array.from(this.loadedByType),
		};
	}

	private handOnRows(out: Array<PipelineOutput<Payload>>): void {
		if (this.rows.pendingRows === 0) return;
		const day = this.rows.pendingDay;
		out.push({ kind: 'rows', day, payload: this.rows.take() });
	}

	private countLoaded(institution: InstitutionValue, day: number, typeId: number): void {
		let perDay = this.loadedByDay[institution.id];
		if (perDay === undefined) {
			perDay = this.loadedByDay[institution.id] = new Float64Array(this.rules.lastDay - this.rules.firstDay + 1);
			this.institutions.push(institution);
		}
		perDay[day - this.rules.firstDay]++;
		this.loadedByType[typeId]++;
	}
}
