import type { Readable } from 'node:stream';

import { UnreadableFileError, type FileRecord } from './FileRecord';

/** Reads a JSON array of objects, or JSON Lines (one object per line). */
export async function* jsonRecords(input: Readable): AsyncIterable<FileRecord> {
	const chunks: Buffer[] = [];
	for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
	const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '').trim();
	if (text === '') throw new UnreadableFileError('the file is empty');
	if (text.startsWith('[')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch (error) {
			throw new UnreadableFileError(`not valid JSON: ${(error as Error).message}`);
		}
		const rows = parsed as unknown[];
		for (let i = 0; i < rows.length; i++) yield toRecord(i + 1, rows[i]);
		return;
	}
	const lines = text.split(/\r?\n/);
	for (let i = 0; i < lines.length; i++) {
		if (lines[i].trim() === '') continue;
		let parsed: unknown;
		try {
			parsed = JSON.parse(lines[i]);
		} catch {
			yield { row: i + 1, values: {}, shapeProblem: '该行不是有效的 JSON (line is not valid JSON)' };
			continue;
		}
		yield toRecord(i + 1, parsed);
	}
}

function toRecord(row: number, value: unknown): FileRecord {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return { row, values: {}, shapeProblem: '该行不是 JSON 对象 (row is not a JSON object)' };
	}
	const values: Record<string, string> = {};
	for (const [key, cell] of Object.entries(value)) {
		if (cell === null || cell === undefined) continue;
		values[key] = typeof cell === 'object' ? JSON.stringify(cell) : String(cell);
	}
	return { row, values };
}
