import { Readable } from 'node:stream';
import * as iconv from 'iconv-lite';

import { csvRecords, type FileRecord } from '../../lib/files';
import { csvRecordBatches } from '../../lib/quality/read/csvRecordBatches';

/**
 * The message ingest reads CSV with the call-log ingest's byte reader; lib/files' csvRecords
 * (csv-parse) is the reference it must agree with: same rows, row numbers, cells and shape
 * problems, whatever the chunk boundaries (inside a quoted field, a CRLF, a UTF-8 or GBK character).
 */

/** A deterministic generator (mulberry32). */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const HEADER = '会话ID,客服ID,角色,发送时间,内容,团队,电话';
const WORDS = ['你好', '好的', '嗯嗯', '请稍等', 'OK', '利率3.5%', '  两边有空格  ', 'a', '', '您好，请问', '稍等，马上'];

/** A messy CSV: quoted commas, quotes and line breaks, blank lines, rows of empty cells, too few or too many cells, CRLF and LF. */
function messyCsv(seed: number, rows: number): string {
	const next = random(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
	const newline = next() < 0.3 ? '\r\n' : '\n';
	const lines: string[] = [HEADER];
	for (let r = 0; r < rows; r++) {
		const roll = next();
		if (roll < 0.04) {
			lines.push('');
			continue;
		}
		if (roll < 0.06) {
			lines.push(',,,,,,');
			continue;
		}
		const cells = [`S${Math.floor(next() * 50)}`, next() < 0.5 ? '' : `A${Math.floor(next() * 9)}`, pick(['客户', '客服', '机器人', 'robot', '']), '2026-12-01 10:00:00'];
		const text = pick(WORDS) + (next() < 0.5 ? pick(WORDS) : '');
		const quoting = next();
		if (quoting < 0.15) cells.push(`"${text},带逗号"`);
		else if (quoting < 0.25) cells.push(`"${text}""引号""${newline}第二行"`);
		else if (quoting < 0.3) cells.push(`"${text}\n\n空行之后"`);
		else cells.push(text);
		cells.push(pick(['一组', '', ' 二组 ']), next() < 0.2 ? '13812345678' : '');
		const shape = next();
		if (shape < 0.05) cells.pop();
		else if (shape < 0.08) cells.push('多余');
		lines.push(cells.join(','));
	}
	return lines.join(newline) + (next() < 0.5 ? newline : '');
}

/** The bytes in chunks of 1 to `max` bytes, as a file source hands them (a reused buffer). */
async function* chunked(bytes: Buffer, seed: number, max: number): AsyncIterable<Uint8Array> {
	const next = random(seed);
	const reused = Buffer.alloc(max);
	for (let at = 0; at < bytes.length; ) {
		const size = Math.min(bytes.length - at, 1 + Math.floor(next() * max));
		bytes.copy(reused, 0, at, at + size);
		yield reused.subarray(0, size);
		reused.fill(0);
		at += size;
	}
}

async function viaBatches(bytes: Buffer, encoding: 'utf8' | 'gbk', seed: number, max: number): Promise<FileRecord[]> {
	const records: FileRecord[] = [];
	for await (const batch of csvRecordBatches(chunked(bytes, seed, max), encoding)) records.push(...batch);
	return records;
}

async function viaCsvParse(bytes: Buffer, encoding: 'utf8' | 'gbk'): Promise<FileRecord[]> {
	const records: FileRecord[] = [];
	for await (const record of csvRecords(Readable.from([bytes]), encoding)) records.push(record);
	return records;
}

/** Cells as every reader of them uses them: trimmed (csv-parse keeps the blanks inside quotes, the byte reader trims every cell). */
function comparable(records: FileRecord[]) {
	return records.map((r) => ({ row: r.row, shapeProblem: r.shapeProblem, values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, v.trim()])) }));
}

describe('CSV message rows read by the byte reader, beside csv-parse', () => {
	it.each([1, 2, 3, 4, 5, 6, 7, 8])('agrees on a messy UTF-8 file, in chunks of any size (seed %i)', async (seed) => {
		const text = messyCsv(seed, 300);
		const bytes = Buffer.concat([seed % 2 ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
		const expected = comparable(await viaCsvParse(bytes, 'utf8'));
		expect(expected.length).toBeGreaterThan(200);
		for (const max of [1, 7, 64, 4096]) expect(comparable(await viaBatches(bytes, 'utf8', seed, max))).toEqual(expected);
	});

	it.each([11, 12, 13])('agrees on a messy GBK file, a character split between chunks (seed %i)', async (seed) => {
		const bytes = iconv.encode(messyCsv(seed, 200), 'gbk');
		const expected = comparable(await viaCsvParse(bytes, 'gbk'));
		expect(expected.some((r) => Object.values(r.values).some((v) => /[\u4e00-\u9fff]/.test(v)))).toBe(true);
		for (const max of [1, 3, 4096]) expect(comparable(await viaBatches(bytes, 'gbk', seed, max))).toEqual(expected);
	});

	it('turns bytes that are not UTF-8 (a GBK line in a UTF-8 file) into U+FFFD in that row only, as csv-parse does', async () => {
		const bytes = Buffer.concat([
			Buffer.from(`${HEADER}\ns1,,客户,2026-12-01 10:00:00,你好,,\n`, 'utf8'),
			Buffer.concat([Buffer.from('s1,A1,客服,2026-12-01 10:00:05,', 'utf8'), iconv.encode('您好，请问', 'gbk'), Buffer.from(',一组,\n', 'utf8')]),
			Buffer.from('s1,,客户,2026-12-01 10:00:09,好的,,\n', 'utf8'),
		]);
		const expected = comparable(await viaCsvParse(bytes, 'utf8'));
		const actual = comparable(await viaBatches(bytes, 'utf8', 1, 5));
		expect(actual).toEqual(expected);
		expect(actual.map((r) => r.values['内容'].includes('\uFFFD'))).toEqual([false, true, false]);
	});

	it('keeps a row with a broken quote as a row with its problem, where csv-parse gives up on the whole file', async () => {
		const bytes = Buffer.from(`${HEADER}\ns1,,客户,2026-12-01 10:00:00,"你好"啊,,\ns1,A1,客服,2026-12-01 10:00:05,您好,一组,\n`, 'utf8');
		await expect(viaCsvParse(bytes, 'utf8')).rejects.toThrow();
		const records = await viaBatches(bytes, 'utf8', 1, 4096);
		expect(records.map((r) => r.row)).toEqual([2, 3]);
		expect(records[0].shapeProblem).toMatch(/quote/);
		expect(records[1]).toEqual({ row: 3, values: { 会话ID: 's1', 客服ID: 'A1', 角色: '客服', 发送时间: '2026-12-01 10:00:05', 内容: '您好', 团队: '一组', 电话: '' }, shapeProblem: undefined });
	});

	it('says a file without a header row is unreadable', async () => {
		await expect(viaBatches(Buffer.from('\n\n', 'utf8'), 'utf8', 1, 4096)).rejects.toThrow(/empty/);
		await expect(viaBatches(Buffer.from(',,,\nS1,2,3,4\n', 'utf8'), 'utf8', 1, 4096)).rejects.toThrow(/header row is empty/);
	});
});
