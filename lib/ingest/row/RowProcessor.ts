import type { KeyObject } from 'node:crypto';

import type { EventType } from '../../vocabulary';
import { IdPseudonymiser } from '../hash/IdPseudonymiser';
import type { InstitutionRules } from '../mapping/institutionMapping';
import type { RecordView } from '../read/RecordView';
import type { RejectCode, RejectField } from '../rejectReasons';
import { ByteInterner } from '../text/ByteInterner';
import { checkUtf8Text, TEXT_NUL, TEXT_OK, trimEnd, trimStart } from '../text/utf8Bytes';
import type { TimestampParser } from '../time/TimestampParser';
import { EventRow, type EventTypeValue, type InstitutionValue } from './EventRow';
import { eventTypeResolver, institutionResolver, type Resolved } from './valueResolvers';

/** Longest request ID kept, in bytes. */
export const MAX_REQUEST_ID_BYTES = 128;
/** Longest result code or product kept, in bytes. */
export const MAX_DETAIL_BYTES = 200;

/** Where each field is in a record: −1 when the file does not have it. */
export interface FieldPositions {
	idNumber: number;
	institution: number;
	eventType: number;
	timestamp: number;
	resultCode: number;
	product: number;
	requestId: number;
}

export interface RowRules {
	positions: FieldPositions;
	/** Fields every record must have (the header's count), or −1 not to check. */
	expectedFieldCount: number;
	/** Institution for rows without one (a file per institution). */
	defaultInstitution?: string;
	institutions: InstitutionRules;
	eventTypes: ReadonlyMap<string, EventType>;
	timestamps: TimestampParser;
	/** Accepted local days, inclusive (days since 1970-01-01). */
	firstDay: number;
	lastDay: number;
	/** The credential's hashing key (as bytes inside a worker thread). */
	hashKey: KeyObject | Uint8Array;
}

const encoder = new TextEncoder();

/**
 * Checks one record and turns it into an EventRow: institution (mapped, filtered), ID
 * number (validated, pseudonymised), timestamp (instant, local day and hour), event type
 * (vendor code mapped), and the optional request ID, result code and product. Returns
 * null when the row is accepted, else the reason, with `rejectField` saying which field.
 */
export class RowProcessor {
	readonly row = new EventRow();
	rejectField: RejectField = 'record';

	private readonly ids: IdPseudonymiser;
	private readonly institutions: ByteInterner<Resolved<InstitutionValue>>;
	private readonly eventTypes: ByteInterner<Resolved<EventTypeValue>>;
	private readonly defaultInstitution: Resolved<InstitutionValue> | undefined;

	constructor(private readonly rules: RowRules) {
		this.ids = new IdPseudonymiser(rules.hashKey);
		const resolveInstitution = institutionResolver(rules.institutions);
		this.institutions = new ByteInterner(resolveInstitution);
		this.eventTypes = new ByteInterner(eventTypeResolver(rules.eventTypes));
		this.defaultInstitution = rules.defaultInstitution?.trim()
			? resolveInstitution(encoder.encode(rules.defaultInstitution))
			: undefined;
		this.row.idWords = this.ids.words;
	}

	process(record: RecordView): RejectCode | null {
		const row = this.row;
		const rules = this.rules;
		const positions = rules.positions;
		row.lineNo = record.lineNo;
		if (record.problem !== null) return this.reject('record', record.problem);
		const bytes = record.bytes;
		const starts = record.starts;
		const ends = record.ends;
		row.source = bytes;

		const idAt = positions.idNumber;
		const idStart = idAt < record.fieldCount ? trimStart(bytes, starts[idAt], ends[idAt]) : 0;
		const idEnd = idAt < record.fieldCount ? trimEnd(bytes, idStart, ends[idAt]) : 0;
		if (idStart === idEnd && isBlankRecord(record)) return this.reject('record', 'emptyLine');
		if (rules.expectedFieldCount >= 0 && record.fieldCount !== rules.expectedFieldCount) {
			return this.reject('record', 'fieldCount');
		}

		let institution: Resolved<InstitutionValue> | undefined;
		const institutionAt = positions.institution;
		if (institutionAt >= 0) {
			const start = trimStart(bytes, starts[institutionAt], ends[institutionAt]);
			const end = trimEnd(bytes, start, ends[institutionAt]);
			if (start < end) institution = this.institutions.lookup(bytes, start, end);
		}
		institution ??= this.defaultInstitution;
		if (!institution) return this.reject('institution', 'institutionEmpty');
		if (institution.reject !== null) return this.reject('institution', institution.reject);
		row.institution = institution.value;

		const idProblem = this.ids.pseudonymise(bytes, idStart, idEnd);
		if (idProblem !== null) return this.reject('idNumber', idProblem);
		row.idWordsOffset = this.ids.wordsOffset;

		const timestampAt = positions.timestamp;
		const timestamps = rules.timestamps;
		const timeStart = trimStart(bytes, starts[timestampAt], ends[timestampAt]);
		const timeProblem = timestamps.parse(bytes, timeStart, trimEnd(bytes, timeStart, ends[timestampAt]));
		if (timeProblem !== null) return this.reject('timestamp', timeProblem);
		if (timestamps.localDay < rules.firstDay || timestamps.localDay > rules.lastDay) {
			return this.reject('timestamp', 'timestampOutOfRange');
		}
		row.utcMicros = timestamps.utcMicros;
		row.localDay = timestamps.localDay;
		row.hour = timestamps.hour;

		const typeAt = positions.eventType;
		const typeStart = trimStart(bytes, starts[typeAt], ends[typeAt]);
		const typeEnd = trimEnd(bytes, typeStart, ends[typeAt]);
		if (typeStart === typeEnd) return this.reject('eventType', 'eventTypeEmpty');
		const eventType = this.eventTypes.lookup(bytes, typeStart, typeEnd);
		if (eventType.reject !== null) return this.reject('eventType', eventType.reject);
		row.eventType = eventType.value;

		const requestAt = positions.requestId;
		if (requestAt >= 0) {
			const start = trimStart(bytes, starts[requestAt], ends[requestAt]);
			const end = trimEnd(bytes, start, ends[requestAt]);
			const problem = detailProblem(bytes, start, end, MAX_REQUEST_ID_BYTES, record.cleanText);
			if (problem !== null) return this.reject('requestId', problem);
			row.requestIdStart = start;
			row.requestIdEnd = end;
		} else {
			row.requestIdStart = row.requestIdEnd = 0;
		}

		const resultAt = positions.resultCode;
		row.resultCodeStart = row.resultCodeEnd = -1;
		if (resultAt >= 0) {
			const start = trimStart(bytes, starts[resultAt], ends[resultAt]);
			const end = trimEnd(bytes, start, ends[resultAt]);
			if (start < end) {
				const problem = detailProblem(bytes, start, end, MAX_DETAIL_BYTES, record.cleanText);
				if (problem !== null) return this.reject('resultCode', problem);
				row.resultCodeStart = start;
				row.resultCodeEnd = end;
			}
		}

		const productAt = positions.product;
		row.productStart = row.productEnd = -1;
		if (productAt >= 0) {
			const start = trimStart(bytes, starts[productAt], ends[productAt]);
			const end = trimEnd(bytes, start, ends[productAt]);
			if (start < end) {
				const problem = detailProblem(bytes, start, end, MAX_DETAIL_BYTES, record.cleanText);
				if (problem !== null) return this.reject('product', problem);
				row.productStart = start;
				row.productEnd = end;
			}
		}
		return null;
	}

	private reject(field: RejectField, code: RejectCode): RejectCode {
		this.rejectField = field;
		return code;
	}
}

function detailProblem(bytes: Uint8Array, start: number, end: number, maxBytes: number, cleanText: boolean): RejectCode | null {
	if (end - start > maxBytes) return 'fieldTooLong';
	if (cleanText) return null;
	let plain = true;
	for (let i = start; i < end; i++) {
		const byte = bytes[i];
		if (byte === 0 || byte >= 0x80) {
			plain = false;
			break;
		}
	}
	if (plain) return null;
	const check = checkUtf8Text(bytes, start, end);
	if (check === TEXT_OK) return null;
	return check === TEXT_NUL ? 'invalidCharacter' : 'encoding';
}

function isBlankRecord(record: RecordView): boolean {
	const bytes = record.bytes;
	for (let field = 0; field < record.fieldCount; field++) {
		for (let i = record.starts[field]; i < record.ends[field]; i++) {
			const byte = bytes[i];
			if (byte !== 32 && byte !== 9) return false;
		}
	}
	return true;
}
