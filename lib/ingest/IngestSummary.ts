import type { EventType } from '../vocabulary';
import type { RejectCode } from './rejectReasons';

/** The one item an ingest outputs. rowsRead = accepted + rejected + duplicates, always. */
export interface IngestSummary {
	batchId: string;
	file: string;
	/** SHA-256 of the file's bytes. */
	checksum: string;
	/** The same content was ingested before: nothing was read or added this time. */
	alreadyIngested: boolean;
	/** Records after the header (blank lines included). */
	rowsRead: number;
	/** Events stored by this batch. */
	accepted: number;
	rejected: number;
	rejectedByReason: Partial<Record<RejectCode, number>>;
	/** Rejected rows listed in the rejects table (the rest are only counted). */
	rejectsStored: number;
	/** Rows that repeat an event: within this file, or stored by an earlier batch. */
	duplicates: number;
	duplicatesInFile: number;
	duplicatesAlreadyStored: number;
	/** First and last event time among valid rows, ISO 8601 in the ingest's time zone. */
	timeSpan: { from: string | null; to: string | null };
	/** Local days that received events. */
	days: string[];
	/** Institutions that received events (names as stored). */
	institutions: string[];
	acceptedByEventType: Record<EventType, number>;
	format: 'csv' | 'jsonl';
	encoding: string;
	timeZone: string;
	bytes: number;
	durationMs: number;
	/** Where the time went: the checksum pass, the load (read, check, COPY), settling duplicates and commit. */
	phasesMs?: { checksum: number; load: number; settle: number };
	/** The earlier batch, when alreadyIngested. */
	previous?: { batchId: string; ingestedAt: string | null; accepted: number };
	/** One line for people: what happened, in Chinese and English. */
	message: string;
}
