import { EVENT_TYPES, type EventType } from '../../vocabulary';
import { normaliseCode } from '../mapping/eventTypeMapping';
import { normaliseInstitution, type InstitutionRules } from '../mapping/institutionMapping';
import type { RejectCode } from '../rejectReasons';
import { checkUtf8Text, TEXT_NUL, TEXT_OK } from '../text/utf8Bytes';
import { copyField, type EventTypeValue, type InstitutionValue } from './EventRow';

/** Longest institution name or event type code accepted, in bytes. */
export const MAX_NAME_BYTES = 200;

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

export type Resolved<T> = { value: T; reject: null } | { value: null; reject: RejectCode };

function textProblem(bytes: Uint8Array): RejectCode | null {
	if (bytes.length > MAX_NAME_BYTES) return 'fieldTooLong';
	const check = checkUtf8Text(bytes, 0, bytes.length);
	if (check === TEXT_OK) return null;
	return check === TEXT_NUL ? 'invalidCharacter' : 'encoding';
}

/** Institution bytes → stored institution, through the mapping and the filter. */
export function institutionResolver(rules: InstitutionRules): (bytes: Uint8Array) => Resolved<InstitutionValue> {
	const ids = new Map<string, InstitutionValue>();
	return (bytes) => {
		const problem = textProblem(bytes);
		if (problem) return { value: null, reject: problem };
		const raw = normaliseInstitution(utf8.decode(bytes));
		if (!raw) return { value: null, reject: 'institutionEmpty' };
		const name = rules.rename.get(raw) ?? raw;
		if (rules.keep.size > 0 && !rules.keep.has(name)) return { value: null, reject: 'institutionNotSelected' };
		let value = ids.get(name);
		if (!value) {
			value = { id: ids.size, name, copyField: copyField(encoder.encode(name)) };
			ids.set(name, value);
		}
		return { value, reject: null };
	};
}

/** Vendor code bytes → event type. */
export function eventTypeResolver(mapping: ReadonlyMap<string, EventType>): (bytes: Uint8Array) => Resolved<EventTypeValue> {
	const values = EVENT_TYPES.map((type, id): EventTypeValue => ({ id, type, copyField: copyField(encoder.encode(type)) }));
	return (bytes) => {
		const problem = textProblem(bytes);
		if (problem) return { value: null, reject: problem };
		const code = normaliseCode(utf8.decode(bytes));
		if (!code) return { value: null, reject: 'eventTypeEmpty' };
		const type = mapping.get(code);
		if (!type) return { value: null, reject: 'eventTypeUnknown' };
		return { value: values[EVENT_TYPES.indexOf(type)], reject: null };
	};
}
