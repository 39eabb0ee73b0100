import type { EventType } from '../vocabulary';
import type { CallLogField } from './mapping/callLogColumns';
import { buildEventTypeMapping } from './mapping/eventTypeMapping';
import { buildInstitutionRules, type InstitutionRules } from './mapping/institutionMapping';
import type { EncodingChoice } from './read/fileEncoding';
import { AUTO_TIMESTAMP_FORMAT } from './time/TimestampParser';
import { ZoneOffsets } from './time/ZoneOffsets';
import { DEFAULT_TIME_ZONE } from '../calendar';
import { DomainError } from '../errors';

// The rule windows read event_date in this zone: the ingest must write it in the same one.
export { DEFAULT_TIME_ZONE };

export type FormatChoice = 'auto' | 'csv' | 'jsonl';
export type DelimiterChoice = 'auto' | ',' | '\t' | ';' | '|';

/** How to read a call-log file. Every field is optional; the defaults suit the usual export. */
export interface IngestOptions {
	format?: FormatChoice;
	encoding?: EncodingChoice;
	delimiter?: DelimiterChoice;
	/** Header names per field (comma-separated alternatives) instead of the default synonyms. */
	columns?: Partial<Record<CallLogField, string>>;
	/** Extra vendor codes → event type, e.g. "FV01=face" per line. */
	eventTypeMapping?: string;
	/** Institution codes or names in the file → the name to store, e.g. "HZ001=杭州分行" per line. */
	institutionMapping?: string;
	/** Keep only these institutions (names after mapping); empty keeps all. */
	institutionFilter?: string;
	/** Institution for rows without one, e.g. when the file is one institution's log. */
	defaultInstitution?: string;
	/** IANA time zone of times without an offset, and of event dates and hours. */
	timeZone?: string;
	/** 'auto' or a luxon format such as "yyyy/MM/dd HH:mm:ss". */
	timestampFormat?: string;
	/** Rows dated more than this many days before today are rejected (and future ones). */
	maxEventAgeDays?: number;
	/** Longest record accepted, in bytes. */
	maxRecordBytes?: number;
	/** Rejected rows kept line by line in the rejects table; all are counted. */
	maxStoredRejects?: number;
	/** "Now", for tests. */
	now?: Date;
	/**
	 * Run the row checks in a worker thread (PostgreSQL only). Default: for files of 8 MB
	 * and more, when the compiled worker is available.
	 */
	useWorker?: boolean;
}

export const INGEST_DEFAULTS = {
	maxEventAgeDays: 400,
	maxRecordBytes: 64 * 1024,
	maxStoredRejects: 100_000,
} as const;

/** A setting that cannot work; `option` names it. */
export class IngestOptionsError extends DomainError {
	constructor(
		readonly option: string,
		message: string,
	) {
		super('invalidOption', message, option);
	}
}

/** The options checked and turned into what the ingest works with. */
export interface IngestPlan {
	format: FormatChoice;
	encoding: EncodingChoice;
	delimiter: DelimiterChoice;
	columns: Partial<Record<CallLogField, string>>;
	eventTypes: Map<string, EventType>;
	institutions: InstitutionRules;
	defaultInstitution?: string;
	zone: ZoneOffsets;
	timestampFormat: string;
	maxEventAgeDays: number;
	maxRecordBytes: number;
	maxStoredRejects: number;
	nowMs: number;
}

export function planIngest(options: IngestOptions): IngestPlan {
	let zone: ZoneOffsets;
	try {
		zone = new ZoneOffsets(options.timeZone?.trim() || DEFAULT_TIME_ZONE);
	} catch (error) {
		throw new IngestOptionsError('timeZone', (error as Error).message);
	}
	const attempt = <T>(option: string, build: () => T): T => {
		try {
			return build();
		} catch (error) {
			throw new IngestOptionsError(option, (error as Error).message);
		}
	};
	return {
		format: oneOf('format', options.format ?? 'auto', ['auto', 'csv', 'jsonl']),
		encoding: oneOf('encoding', options.encoding ?? 'auto', ['auto', 'utf8', 'gbk']),
		delimiter: oneOf('delimiter', options.delimiter ?? 'auto', ['auto', ',', '\t', ';', '|']),
		columns: options.columns ?? {},
		eventTypes: attempt('eventTypeMapping', () => buildEventTypeMapping(options.eventTypeMapping)),
		institutions: attempt('institutionMapping', () => buildInstitutionRules(options.institutionMapping, options.institutionFilter)),
		defaultInstitution: options.defaultInstitution?.trim() || undefined,
		zone,
		timestampFormat: options.timestampFormat?.trim() || AUTO_TIMESTAMP_FORMAT,
		maxEventAgeDays: positive('maxEventAgeDays', options.maxEventAgeDays ?? INGEST_DEFAULTS.maxEventAgeDays),
		maxRecordBytes: positive('maxRecordBytes', options.maxRecordBytes ?? INGEST_DEFAULTS.maxRecordBytes),
		maxStoredRejects: positive('maxStoredRejects', options.maxStoredRejects ?? INGEST_DEFAULTS.maxStoredRejects, true),
		nowMs: options.now?.getTime() ?? Date.now(),
	};
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
	if (!(allowed as readonly string[]).includes(value)) {
		throw new IngestOptionsError(option, `"${value}" is not a valid ${option}; use one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
	}
	return value as T;
}

function positive(option: string, value: number, zeroAllowed = false): number {
	if (!Number.isFinite(value) || value < (zeroAllowed ? 0 : 1)) {
		throw new IngestOptionsError(option, `${option} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number (got ${value})`);
	}
	return Math.floor(value);
}
