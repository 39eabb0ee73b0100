import { CALL_LOG_FIELDS, DEFAULT_HEADER_NAMES, normaliseHeader, type CallLogField } from '../mapping/callLogColumns';
import type { RejectCode } from '../rejectReasons';
import { EXCERPT_BYTES, type RecordView } from './RecordView';

const LF = 10;
const CR = 13;

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/**
 * JSON Lines: one JSON object per line. Each object's keys are matched to the call-log
 * fields by the same names as CSV headers; the view's fields are the call-log fields in
 * CALL_LOG_FIELDS order (an absent key is an empty field). Keeps only the unfinished
 * line between chunks; a line over `maxRecordBytes` is skipped and reported.
 */
export class JsonLinesReader implements RecordView {
	bytes: Uint8Array = new Uint8Array(0);
	fieldCount: number = CALL_LOG_FIELDS.length;
	readonly starts = new Int32Array(CALL_LOG_FIELDS.length);
	readonly ends = new Int32Array(CALL_LOG_FIELDS.length);
	lineNo = 0;
	problem: RejectCode | null = null;
	/** Values are unescaped from JSON strings: each is checked on its own. */
	readonly cleanText = false;

	private buffer: Uint8Array = new Uint8Array(0);
	private position = 0;
	private final = false;
	private nextLine = 1;
	private line = '';
	private skipping = false;
	private readonly keyFields = new Map<string, number>();
	private lastObject: Record<string, unknown> = {};
	private readonly names: Map<string, number>;

	constructor(
		overrides: Partial<Record<CallLogField, string>>,
		private readonly maxRecordBytes: number,
	) {
		this.names = new Map();
		CALL_LOG_FIELDS.forEach((field, index) => {
			const given = overrides[field]?.trim();
			const names = given ? given.split(/[,，]/) : DEFAULT_HEADER_NAMES[field];
			for (const name of names) if (!this.names.has(normaliseHeader(name))) this.names.set(normaliseHeader(name), index);
		});
	}

	/** Adds the next chunk (copied: the caller may reuse it); `final` after the last one. */
	push(chunk: Uint8Array, final = false): void {
		const rest = this.buffer.length - this.position;
		const joined = new Uint8Array(rest + chunk.length);
		joined.set(this.buffer.subarray(this.position));
		joined.set(chunk, rest);
		this.buffer = joined;
		this.position = 0;
		this.final = final;
	}

	next(): RecordView | null {
		const buffer = this.buffer;
		if (this.position >= buffer.length) return null;
		let end = buffer.indexOf(LF, this.position);
		if (end < 0) {
			if (!this.final) {
				if (buffer.length - this.position > this.maxRecordBytes && !this.skipping) {
					this.skipping = true;
					this.line = utf8.decode(buffer.subarray(this.position, this.position + EXCERPT_BYTES));
					this.position = buffer.length;
				} else if (this.skipping) {
					this.position = buffer.length;
				}
				return null;
			}
			end = buffer.length;
		}
		const start = this.position;
		this.position = end + 1;
		this.lineNo = this.nextLine++;
		if (this.skipping) {
			this.skipping = false;
			return this.reject('recordTooLong');
		}
		const lineEnd = end > start && buffer[end - 1] === CR ? end - 1 : end;
		if (lineEnd - start > this.maxRecordBytes) {
			this.line = utf8.decode(buffer.subarray(start, start + EXCERPT_BYTES));
			return this.reject('recordTooLong');
		}
		this.line = utf8.decode(buffer.subarray(start, lineEnd));
		if (this.line.trim() === '') return this.reject('emptyLine');
		let parsed: unknown;
		try {
			parsed = JSON.parse(this.line);
		} catch {
			return this.reject('badJson');
		}
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return this.reject('badJson');
		this.fill(parsed as Record<string, unknown>);
		return this;
	}

	excerpt(): string {
		return this.line.length > EXCERPT_BYTES ? this.line.slice(0, EXCERPT_BYTES) : this.line;
	}

	/** The call-log field (index in CALL_LOG_FIELDS) a key names, or −1. */
	fieldOf(key: string): number {
		let index = this.keyFields.get(key);
		if (index === undefined) {
			index = this.names.get(normaliseHeader(key)) ?? -1;
			this.keyFields.set(key, index);
		}
		return index;
	}

	/** The keys of the last object read. */
	lastKeys(): string[] {
		return Object.keys(this.lastObject);
	}

	private fill(object: Record<string, unknown>): void {
		this.lastObject = object;
		const values: string[] = new Array(CALL_LOG_FIELDS.length).fill('');
		for (const key in object) {
			const index = this.fieldOf(key);
			if (index < 0 || values[index] !== '') continue;
			const value = object[key];
			values[index] = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
		}
		const encoded = values.map((value) => encoder.encode(value));
		const total = encoded.reduce((sum, bytes) => sum + bytes.length, 0);
		const target = new Uint8Array(total);
		let offset = 0;
		encoded.forEach((bytes, index) => {
			target.set(bytes, offset);
			this.starts[index] = offset;
			offset += bytes.length;
			this.ends[index] = offset;
		});
		this.bytes = target;
		this.fieldCount = CALL_LOG_FIELDS.length;
		this.problem = null;
	}

	private reject(problem: RejectCode): RecordView {
		this.problem = problem;
		this.fieldCount = 0;
		return this;
	}
}
