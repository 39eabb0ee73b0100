import type { RejectCode } from '../rejectReasons';
import { isCleanText } from '../text/utf8Bytes';
import { EXCERPT_BYTES, type RecordView } from './RecordView';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const MAX_FIELDS = 512;
const LF_WORD = 0x0a0a0a0a;
const CR_WORD = 0x0d0d0d0d;

const utf8 = new TextDecoder('utf-8');

/**
 * An RFC 4180 CSV reader over UTF-8 bytes, fed chunk by chunk, with constant memory: it
 * keeps only the unfinished record between chunks. Quoted fields may hold delimiters,
 * doubled quotes and line breaks; lines end with LF, CRLF or CR. A record longer than
 * `maxRecordBytes` is skipped to the next line end and reported once as recordTooLong,
 * so a 1 MB line or a stray quote cannot make it buffer the rest of the file.
 */
export class CsvRecordReader implements RecordView {
	bytes: Uint8Array = new Uint8Array(0);
	fieldCount = 0;
	readonly starts = new Int32Array(MAX_FIELDS);
	readonly ends = new Int32Array(MAX_FIELDS);
	lineNo = 0;
	problem: RejectCode | null = null;
	cleanText = false;

	private buffer: Uint8Array = new Uint8Array(0);
	/** `buffer` read four bytes at a time. */
	private words = new DataView(new ArrayBuffer(0));
	/** Bytes of `buffer` in use. */
	private length = 0;
	private position = 0;
	private final = false;
	/** `buffer` up to here is clean text (checked once per chunk, far cheaper than field by field). */
	private cleanUpTo = 0;
	/** Physical line of the next record. */
	private nextLine = 1;
	private recordStart = 0;
	private recordEnd = 0;
	private skipping = false;
	private skippedExcerpt = '';
	private skippedLine = 0;

	constructor(
		private readonly delimiter: number,
		private readonly maxRecordBytes: number,
	) {}

	/**
	 * Adds the next chunk of the file; `final` after the last one. The chunk is copied (after
	 * the unfinished record kept from the last one) into the reader's own buffer, so the
	 * caller may reuse it at once, and the reader allocates nothing while it runs.
	 */
	push(chunk: Uint8Array, final = false): void {
		const rest = this.length - this.position;
		const needed = rest + chunk.length;
		if (needed > this.buffer.length) {
			const bigger = new Uint8Array(Math.max(needed, this.buffer.length * 2, 1 << 16));
			bigger.set(this.buffer.subarray(this.position, this.length));
			this.buffer = bigger;
			this.words = new DataView(bigger.buffer);
		} else if (rest > 0 && this.position > 0) {
			this.buffer.copyWithin(0, this.position, this.length);
		}
		this.buffer.set(chunk, rest);
		this.length = needed;
		this.position = 0;
		this.final = final;
		// Cut after a line end, which no multi-byte character contains, so the check cannot split one.
		const checkedEnd = final ? needed : Math.max(this.buffer.lastIndexOf(LF, needed - 1), this.buffer.lastIndexOf(CR, needed - 1)) + 1;
		this.cleanUpTo = checkedEnd > 0 && isCleanText(this.buffer.subarray(0, checkedEnd)) ? checkedEnd : 0;
	}

	/** The next complete record, or null when the reader needs the next chunk (or the file is done). */
	next(): RecordView | null {
		if (this.skipping && !this.skipToLineEnd()) return null;
		if (this.skipping) {
			this.skipping = false;
			return this.tooLong();
		}
		if (this.position >= this.length) return null;
		const end = this.parseRecord();
		if (end >= 0) {
			this.recordStart = this.position;
			this.recordEnd = end;
			this.position = end;
			if (this.problem === null && end - this.recordStart > this.maxRecordBytes) this.problem = 'recordTooLong';
			return this;
		}
		// The record runs past the data we have.
		if (this.length - this.position > this.maxRecordBytes) {
			this.skipping = true;
			this.skippedLine = this.nextLine;
			this.skippedExcerpt = utf8.decode(this.buffer.subarray(this.position, Math.min(this.length, this.position + EXCERPT_BYTES)));
			if (!this.skipToLineEnd()) return null;
			this.skipping = false;
			return this.tooLong();
		}
		return null;
	}

	excerpt(): string {
		if (this.problem === 'recordTooLong' && this.recordEnd - this.recordStart === 0) return this.skippedExcerpt;
		return utf8.decode(this.buffer.subarray(this.recordStart, Math.min(this.recordEnd, this.recordStart + EXCERPT_BYTES)));
	}

	private tooLong(): RecordView {
		this.problem = 'recordTooLong';
		this.fieldCount = 0;
		this.lineNo = this.skippedLine;
		this.recordStart = this.recordEnd = this.position;
		return this;
	}

	/** Drops bytes up to and including the next line end; false when the chunk ran out first. */
	private skipToLineEnd(): boolean {
		const buffer = this.buffer;
		const length = this.length;
		for (let p = this.position; p < length; p++) {
			const byte = buffer[p];
			if (byte === LF || byte === CR) {
				if (byte === CR && p + 1 >= length && !this.final) {
					// Keep the CR: the LF of a CRLF may start the next chunk.
					this.position = p;
					return false;
				}
				this.position = byte === CR && p + 1 < length && buffer[p + 1] === LF ? p + 2 : p + 1;
				this.nextLine++;
				return true;
			}
		}
		this.position = length;
		return this.final;
	}

	/**
	 * Parses one record at `position` into starts/ends. Returns the offset after its line
	 * end, or −1 when the buffer ends inside the record and more data may come.
	 */
	private parseRecord(): number {
		const buffer = this.buffer;
		const length = this.length;
		const delimiter = this.delimiter;
		const delimiterWord = Math.imul(delimiter, 0x01010101);
		const words = this.words;
		const final = this.final;
		let p = this.position;
		let lines = 0;
		let fields = 0;
		let unescape = false;
		this.problem = null;
		this.bytes = buffer;

		for (;;) {
			let start = p;
			let end: number;
			if (p < length && buffer[p] === QUOTE) {
				p++;
				start = p;
				for (;;) {
					if (p >= length) {
						if (!final) return -1;
						this.problem = 'unterminatedQuote';
						end = p;
						break;
					}
					const byte = buffer[p];
					if (byte === QUOTE) {
						if (p + 1 < length && buffer[p + 1] === QUOTE) {
							unescape = true;
							p += 2;
							continue;
						}
						if (p + 1 >= length && !final) return -1;
						end = p;
						p++;
						break;
					}
					if (byte === LF) lines++;
					p++;
				}
				// After the closing quote only a delimiter or a line end may follow.
				if (p < length && buffer[p] !== delimiter && buffer[p] !== LF && buffer[p] !== CR && this.problem === null) {
					this.problem = 'malformedQuote';
					while (p < length && buffer[p] !== delimiter && buffer[p] !== LF && buffer[p] !== CR) p++;
				}
			} else {
				// Four bytes at a time up to the word holding a delimiter or line end, then byte by byte.
				while (p + 4 <= length) {
					const word = words.getInt32(p);
					if (hasByte(word, delimiterWord) || hasByte(word, LF_WORD) || hasByte(word, CR_WORD)) break;
					p += 4;
				}
				while (p < length) {
					const byte = buffer[p];
					if (byte === delimiter || byte === LF || byte === CR) break;
					p++;
				}
				end = p;
			}
			if (fields < MAX_FIELDS) {
				this.starts[fields] = start;
				this.ends[fields] = end;
			} else if (this.problem === null) {
				this.problem = 'fieldCount';
			}
			fields++;

			if (p >= length) {
				if (!final) return -1;
				break;
			}
			const byte = buffer[p];
			if (byte === delimiter) {
				p++;
				continue;
			}
			if (byte === CR) {
				if (p + 1 >= length && !final) return -1;
				p += p + 1 < length && buffer[p + 1] === LF ? 2 : 1;
			} else {
				p++;
			}
			lines++;
			break;
		}

		this.fieldCount = Math.min(fields, MAX_FIELDS);
		this.cleanText = p <= this.cleanUpTo;
		this.lineNo = this.nextLine;
		this.nextLine += lines;
		if (unescape && this.problem === null) this.unescapeQuotes();
		return p;
	}

	/** Rewrites the record's fields into a fresh buffer with doubled quotes made single (rare). */
	private unescapeQuotes(): void {
		const source = this.buffer;
		let total = 0;
		for (let i = 0; i < this.fieldCount; i++) total += this.ends[i] - this.starts[i];
		const target = new Uint8Array(total);
		let q = 0;
		for (let i = 0; i < this.fieldCount; i++) {
			const start = q;
			for (let p = this.starts[i]; p < this.ends[i]; p++) {
				target[q++] = source[p];
				if (source[p] === QUOTE && source[p + 1] === QUOTE) p++;
			}
			this.starts[i] = start;
			this.ends[i] = q;
		}
		this.bytes = target;
	}
}

/** Whether any byte of `word` equals the byte repeated in `pattern` (the classic has-zero-byte test on their XOR). */
function hasByte(word: number, pattern: number): boolean {
	const x = word ^ pattern;
	return ((x - 0x01010101) & ~x & 0x80808080) !== 0;
}
