import fc from 'fast-check';

import { CsvRecordReader } from '../../lib/ingest/read/CsvRecordReader';
import { JsonLinesReader } from '../../lib/ingest/read/JsonLinesReader';
import type { RecordView } from '../../lib/ingest/read/RecordView';
import { checkUtf8Text, TEXT_OK } from '../../lib/ingest/text/utf8Bytes';

interface Read {
	line: number;
	fields: string[];
	problem: string | null;
}

const utf8 = new TextDecoder();

function view(record: RecordView): Read {
	const fields: string[] = [];
	for (let i = 0; i < record.fieldCount; i++) fields.push(utf8.decode(record.bytes.subarray(record.starts[i], record.ends[i])));
	return { line: record.lineNo, fields: record.problem ? [] : fields, problem: record.problem };
}

/** Reads `text` fed in chunks cut at `cuts` (byte offsets). */
function readCsv(text: string | Uint8Array, cuts: number[] = [], maxRecordBytes = 1 << 20): Read[] {
	const bytes = typeof text === 'string' ? Buffer.from(text) : text;
	const reader = new CsvRecordReader(44, maxRecordBytes);
	const out: Read[] = [];
	let from = 0;
	for (const cut of [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b)) {
		reader.push(bytes.subarray(from, cut));
		for (let r = reader.next(); r; r = reader.next()) out.push(view(r));
		from = cut;
	}
	reader.push(bytes.subarray(from), true);
	for (let r = reader.next(); r; r = reader.next()) out.push(view(r));
	return out;
}

describe('CsvRecordReader', () => {
	it('reads quoted delimiters, doubled quotes and line breaks inside quotes, with physical line numbers', () => {
		const text = 'a,b,c\n1,"x,y",3\n2,"say ""hi""",4\r\n3,"two\nlines",5\n4,,\n';
		expect(readCsv(text)).toEqual([
			{ line: 1, fields: ['a', 'b', 'c'], problem: null },
			{ line: 2, fields: ['1', 'x,y', '3'], problem: null },
			{ line: 3, fields: ['2', 'say "hi"', '4'], problem: null },
			{ line: 4, fields: ['3', 'two\nlines', '5'], problem: null },
			{ line: 6, fields: ['4', '', ''], problem: null },
		]);
	});

	it('takes LF, CRLF and lone CR line ends, and a last line without one', () => {
		expect(readCsv('a,b\r\nc,d\re,f\ng,h').map((r) => r.fields)).toEqual([
			['a', 'b'],
			['c', 'd'],
			['e', 'f'],
			['g', 'h'],
		]);
	});

	it('reports a blank line as a record of one empty field', () => {
		expect(readCsv('a\n\nb\n').map((r) => [r.line, r.fields])).toEqual([
			[1, ['a']],
			[2, ['']],
			[3, ['b']],
		]);
	});

	it('says a quote left open at the end is unterminated, and a quote followed by text is malformed', () => {
		expect(readCsv('a,b\n1,"cut off').at(-1)).toMatchObject({ line: 2, problem: 'unterminatedQuote' });
		expect(readCsv('a,b\n1,"x"y,2\n3,4\n').slice(1)).toEqual([
			{ line: 2, fields: [], problem: 'malformedQuote' },
			{ line: 3, fields: ['3', '4'], problem: null },
		]);
	});

	it('skips a record longer than the limit without holding it, reports it once, and goes on', () => {
		const long = 'x'.repeat(1024 * 1024);
		const text = `a,b\n1,${long}\n2,ok\n`;
		const cuts = Array.from({ length: 40 }, (_, i) => (i + 1) * 32 * 1024);
		const records = readCsv(text, cuts, 64 * 1024);
		expect(records).toEqual([
			{ line: 1, fields: ['a', 'b'], problem: null },
			{ line: 2, fields: [], problem: 'recordTooLong' },
			{ line: 3, fields: ['2', 'ok'], problem: null },
		]);
	});

	it('reads the same records however the input is cut into chunks', () => {
		const text = 'h1,h2,h3\r\n身份证,"机构,分行","a ""q"" b"\r\n"multi\r\nline",x,\r\n\r\nlast,"q",end';
		const whole = readCsv(text);
		const length = Buffer.byteLength(text);
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 1, max: length - 1 }), { maxLength: 12 }), (cuts) => {
				expect(readCsv(text, cuts)).toEqual(whole);
			}),
			{ numRuns: 500 },
		);
		for (let cut = 1; cut < length; cut++) expect(readCsv(text, [cut])).toEqual(whole);
	});
	it('splits unquoted fields at the delimiter whatever it is and wherever it falls in a four-byte word', () => {
		const delimiters = [',', ';', '\t', '|'];
		const field = fc.array(fc.constantFrom('a', '7', '中', ' ', ',', ';', '\t', '|', '"'), { maxLength: 9 }).map((chars) => chars.join(''));
		const records = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });
		fc.assert(
			fc.property(fc.constantFrom(...delimiters), records, fc.constantFrom('\n', '\r\n'), (delimiter, rows, lineEnd) => {
				// Fields without the delimiter and not starting with a quote: split is the whole truth.
				const plain = rows.map((row) => row.map((value) => value.split(delimiter).join('').replace(/^"+/, '')));
				const text = plain.map((row) => row.join(delimiter)).join(lineEnd) + lineEnd;
				const reader = new CsvRecordReader(delimiter.charCodeAt(0), 1 << 20);
				reader.push(Buffer.from(text), true);
				const read: string[][] = [];
				for (let r = reader.next(); r; r = reader.next()) read.push(view(r).fields);
				expect(read).toEqual(plain);
			}),
			{ numRuns: 2_000 },
		);
	});

	it('marks a record clean text only when every field passes the character check, however the input is cut', () => {
		const lines = [Buffer.from('h1,h2\n身份证,"机构,分行"\n'), Buffer.from([0x61, 0x2c, 0xb9, 0xe3, 0x0a]), Buffer.from('nul,\u0000x\nlost,\uFFFD\nok,好\r\n')];
		const bytes = Buffer.concat(lines);
		const cleanFields = (cuts: number[]) => {
			const reader = new CsvRecordReader(44, 1 << 20);
			const seen: Array<{ clean: boolean; fieldsPass: boolean }> = [];
			const drain = () => {
				for (let r = reader.next(); r; r = reader.next()) {
					let fieldsPass = true;
					for (let i = 0; i < r.fieldCount; i++) fieldsPass &&= checkUtf8Text(r.bytes, r.starts[i], r.ends[i]) === TEXT_OK;
					seen.push({ clean: r.cleanText, fieldsPass });
				}
			};
			let from = 0;
			for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
				reader.push(bytes.subarray(from, cut));
				drain();
				from = cut;
			}
			reader.push(bytes.subarray(from), true);
			drain();
			return seen;
		};
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 6 }), (cuts) => {
				for (const record of cleanFields(cuts)) if (record.clean) expect(record.fieldsPass).toBe(true);
			}),
			{ numRuns: 300 },
		);
		// A clean chunk is checked once, not field by field: each of its records says so.
		const reader = new CsvRecordReader(44, 1 << 20);
		reader.push(Buffer.from('h1,h2\n身份证,"机构,分行"\nok,好\r\n'), true);
		const flags: boolean[] = [];
		for (let r = reader.next(); r; r = reader.next()) flags.push(r.cleanText);
		expect(flags).toEqual([true, true, true]);
	});
});

describe('JsonLinesReader', () => {
	function readJson(text: string, maxRecordBytes = 1 << 20) {
		const reader = new JsonLinesReader({}, maxRecordBytes);
		reader.push(Buffer.from(text), true);
		const out: Read[] = [];
		for (let r = reader.next(); r; r = reader.next()) out.push(view(r));
		return out;
	}

	it('maps keys by the header synonyms into the fixed field order, numbers included', () => {
		const [record] = readJson('{"证件号码":"110105194912310020","机构名称":"杭州分行","type":"ocr","timestamp":1734835200,"extra":1}\n');
		expect(record.fields).toEqual(['110105194912310020', '杭州分行', 'ocr', '1734835200', '', '', '']);
	});

	it('reports blank lines, broken JSON and non-objects', () => {
		expect(readJson('\n{oops\n[1,2]\n"text"\n').map((r) => [r.line, r.problem])).toEqual([
			[1, 'emptyLine'],
			[2, 'badJson'],
			[3, 'badJson'],
			[4, 'badJson'],
		]);
	});
});
