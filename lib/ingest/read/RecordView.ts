import type { RejectCode } from '../rejectReasons';

/**
 * One record of the file, as byte ranges into `bytes` (valid until the reader's next
 * call). The reader reuses the same view for every record.
 */
export interface RecordView {
	bytes: Uint8Array;
	fieldCount: number;
	starts: Int32Array;
	ends: Int32Array;
	/** Physical line the record starts on (1-based, the header being line 1 in CSV). */
	lineNo: number;
	/** Set when the reader itself finds the record broken (the rest of the view is then unreliable). */
	problem: RejectCode | null;
	/** True when the record's bytes are known to be clean text (isCleanText): fields then need no character check. */
	cleanText: boolean;
	/** The record's text as read, for a masked excerpt in the rejects (at most a few hundred characters). */
	excerpt(): string;
}

/** Longest excerpt kept for a rejected record, in bytes. */
export const EXCERPT_BYTES = 300;
