import type { Readable } from 'node:stream';

import { decodeTextStream, type TextEncoding } from './decodeText';
import type { FileRecord } from './FileRecord';

/**
 * Streams JSON Lines (one object per line; UTF-8 or GBK, BOM, CRLF or LF) with constant
 * memory, for files too large to read whole (jsonRecords reads a JSON array at once). A
 * line that is not a JSON object is kept and flagged, never dropped; `row` is its line.
 */
export async function* jsonLinesRecords(input: Readable, encoding: TextEncoding = 'auto'): AsyncIterable<FileRecord> {
	const { text } = await decodeTextStream(input, encoding);
	let pending = '';
	let line = 0;
	for await (const chunk of text as AsyncIterable<string>) {
		pending += chunk;
		let start = 0;
		for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
			line++;
			const record = lineRecord(line, pending.slice(start, end));
			if (record) yield record;
			start = end + 1;
		}
		pending = pending.slice(start);
	}
	if (pending !== '') {
		const record = lineRecord(line + 1, pending);
		if (record) yield record;
	}
}

function lineRecord(row: number, raw: string): FileRecord | undefined {
	const line = raw.trim();
	if (line === '') return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(line);
	} catch {
		return { row, values: {}, shapeProblem: '该行不是有效的 JSON (line is not valid JSON)' };
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return { row, values: {}, shapeProblem: '该行不是 JSON 对象 (row is not a JSON object)' };
	}
	const values: Record<string, string> = {};
	for (const [key, cell] of Object.entries(parsed)) {
		if (cell === null || cell === undefined) continue;
		values[key] = typeof cell === 'object' ? JSON.stringify(cell) : String(cell);
	}
	return { row, values };
}
