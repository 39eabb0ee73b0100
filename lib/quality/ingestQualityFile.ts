import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

import { isValidUtf8Prefix, jsonLinesRecords, UnreadableFileError, type FileRecord, type TextEncoding } from '../files';
import type { CallLogSource } from '../ingest';
import type { PrivacyKeys } from '../privacy';
import type { Store } from '../store';
import { csvRecordBatches } from './read/csvRecordBatches';
import { messageRow, type MessageRow, type RowContext } from './read/messageRow';
import { headerFor, MESSAGE_FIELDS, RATING_FIELDS, type QualityField } from './read/qualityFields';
import type { QualityRowReject } from './read/QualityRowReject';
import { ratingRow, type RatingRow } from './read/ratingRow';
import { TimeReader } from './read/TimeReader';
import { batchByChecksum, closeBatch, listRejects, openBatch, storeRejects, type QualityFileKind } from './store/qualityBatches';
import { storeMessages } from './store/messageStore';
import { storeRatings } from './store/ratingStore';

export type QualityFileFormat = 'auto' | 'csv' | 'jsonl';

export interface QualityIngestOptions {
	kind: QualityFileKind;
	format?: QualityFileFormat;
	encoding?: TextEncoding;
	/** The zone of times written without an offset (default Asia/Shanghai). */
	timeZone?: string;
	/** "Now" for the future-time check (tests). */
	now?: Date;
}

/** What one file's ingest did. rowsRead = accepted + rejected + duplicates, always. */
export interface QualityIngestSummary {
	kind: QualityFileKind;
	file: string;
	batchId: number;
	/** The same file (by SHA-256) was ingested before: nothing changed, its rows count as duplicates. */
	alreadyIngested: boolean;
	format: 'csv' | 'jsonl';
	encoding: 'utf8' | 'gbk';
	rowsRead: number;
	accepted: number;
	rejected: number;
	duplicates: number;
	/** Messages earlier than the one before them in the same session: accepted and put in time order, counted here. */
	outOfOrder: number;
	/** The first rejected rows (all are kept in the store). */
	rejects: QualityRowReject[];
}

const SHOWN_REJECTS = 100;
const SNIFF_BYTES = 64 * 1024;

/** Ingests one message or rating file: idempotent by the file's checksum and by each row's key; rejects name row, field and reason. */
export async function ingestQualityFile(db: Store, keys: PrivacyKeys, source: CallLogSource, options: QualityIngestOptions): Promise<QualityIngestSummary> {
	const { checksum, head } = await fingerprint(source);
	// The rule lib/files decodes by: valid UTF-8 (a BOM is) in the first 64 KB, else GBK.
	const encoding = options.encoding && options.encoding !== 'auto' ? options.encoding : isValidUtf8Prefix(head) ? 'utf8' : 'gbk';
	const format = options.format && options.format !== 'auto' ? options.format : formatOf(source.name, head);
	const base = { kind: options.kind, file: source.name, format, encoding } as const;

	const earlier = await batchByChecksum(db, options.kind, checksum);
	if (earlier) return alreadyIngested(db, base, earlier);

	const now = (options.now ?? new Date()).getTime();
	const times = new TimeReader(options.timeZone);
	const rejects: QualityRowReject[] = [];
	let rowsRead = 0;
	let outOfOrder = 0;

	const outcome = await db.transaction(async (tx) => {
		const batchId = await openBatch(tx, options.kind, source.name, checksum, encoding);
		if (batchId === undefined) return undefined;
		const records = format === 'csv' ? csvRecordBatches(await source.open(), encoding) : jsonLinesBatches(await openCopied(source), encoding);
		let stored: { staged: number; accepted: number };
		if (options.kind === 'messages') {
			const lastTime = new Map<string, number>();
			const context = { times, hashKey: keys.hashKey, now, hashes: new Map<string, string>() };
			// Every record of a CSV file has the header's keys: one context for the file (a copy per row cost 0.7 s of 1 M).
			let csvContext: RowContext | undefined;
			const contextOf = (record: FileRecord): RowContext => ({ ...context, headers: headersOf(MESSAGE_FIELDS, record) });
			stored = await storeMessages(
				tx,
				batchId,
				accepted(records, (record) => {
					rowsRead++;
					const row = messageRow(record, format === 'csv' ? (csvContext ??= contextOf(record)) : contextOf(record));
					if ('reason' in row) return rejects.push(row), undefined;
					const last = lastTime.get(row.sessionId);
					if (last !== undefined && row.sentAt < last) outOfOrder++;
					else lastTime.set(row.sessionId, row.sentAt);
					return row;
				}),
			);
		} else {
			stored = await storeRatings(
				tx,
				batchId,
				accepted<RatingRow>(records, (record) => {
					rowsRead++;
					const row = ratingRow(record, { headers: headersOf(RATING_FIELDS, record), times, now });
					return 'reason' in row ? (rejects.push(row), undefined) : row;
				}),
			);
		}
		await storeRejects(tx, batchId, rejects);
		const counts = { rowsRead, accepted: stored.accepted, rejected: rejects.length, duplicates: stored.staged - stored.accepted, outOfOrder };
		await closeBatch(tx, batchId, counts);
		return { batchId, ...counts };
	});
	// Another run stored the same file between our check and our insert.
	if (!outcome) return alreadyIngested(db, base, (await batchByChecksum(db, options.kind, checksum))!);
	return { ...base, alreadyIngested: false, ...outcome, rejects: rejects.slice(0, SHOWN_REJECTS) };
}

async function alreadyIngested(
	db: Store,
	base: Pick<QualityIngestSummary, 'kind' | 'file' | 'format' | 'encoding'>,
	earlier: NonNullable<Awaited<ReturnType<typeof batchByChecksum>>>,
): Promise<QualityIngestSummary> {
	return {
		...base,
		batchId: earlier.batchId,
		alreadyIngested: true,
		rowsRead: earlier.rowsRead,
		accepted: 0,
		rejected: earlier.rejected,
		duplicates: earlier.accepted + earlier.duplicates,
		outOfOrder: earlier.outOfOrder,
		rejects: await listRejects(db, earlier.batchId, SHOWN_REJECTS),
	};
}

/** Records checked between two turns of the event loop. */
const CHECKS_PER_TURN = 2_000;

/**
 * The rows that pass their checks, a batch per batch of records (a stream hop per batch, not per
 * row). The event loop runs every CHECKS_PER_TURN records: a 1 MB chunk is about 13 000 rows,
 * checked in one go they held up the COPY in flight on the database connection meanwhile.
 */
async function* accepted<Row extends MessageRow | RatingRow>(batches: AsyncIterable<FileRecord[]>, check: (record: FileRecord) => Row | undefined): AsyncIterable<Row[]> {
	for await (const records of batches) {
		const rows: Row[] = [];
		for (let i = 0; i < records.length; i++) {
			if (i > 0 && i % CHECKS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
			const row = check(records[i]);
			if (row) rows.push(row);
		}
		if (rows.length > 0) yield rows;
	}
}

/** Header lookups per set of keys (a CSV file has one; JSON Lines may vary by line). */
const headerCache = new WeakMap<readonly QualityField[], Map<string, Record<string, string | undefined>>>();
function headersOf<Field extends QualityField>(fields: readonly Field[], record: FileRecord): Record<Field, string | undefined> {
	let byKeys = headerCache.get(fields);
	if (!byKeys) headerCache.set(fields, (byKeys = new Map()));
	const names = Object.keys(record.values);
	const signature = names.join('\u0001');
	let headers = byKeys.get(signature);
	if (!headers) {
		if (byKeys.size > 1000) byKeys.clear();
		byKeys.set(signature, (headers = headerFor(fields, names)));
	}
	return headers as Record<Field, string | undefined>;
}

async function* jsonLinesBatches(input: Readable, encoding: 'utf8' | 'gbk'): AsyncIterable<FileRecord[]> {
	for await (const record of jsonLinesRecords(input, encoding)) yield [record];
}

function formatOf(name: string, head: Buffer): 'csv' | 'jsonl' {
	const extension = name.toLowerCase().split('.').pop();
	if (extension === 'jsonl' || extension === 'ndjson' || extension === 'json') return 'jsonl';
	if (extension === 'csv' || extension === 'txt') return 'csv';
	const first = head.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart()[0];
	return first === '{' ? 'jsonl' : 'csv';
}

/** The file's SHA-256 and its first bytes (to tell the encoding and the format). */
async function fingerprint(source: CallLogSource): Promise<{ checksum: string; head: Buffer }> {
	const hash = createHash('sha256');
	const head: Buffer[] = [];
	let headBytes = 0;
	for await (const chunk of await source.open()) {
		hash.update(chunk);
		if (headBytes < SNIFF_BYTES) {
			head.push(Buffer.from(chunk.subarray(0, SNIFF_BYTES - headBytes)));
			headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
		}
	}
	if (headBytes === 0) throw new UnreadableFileError(`${source.name}: 文件为空 (the file is empty)`);
	return { checksum: hash.digest('hex'), head: Buffer.concat(head) };
}

/** The source's chunks copied: a file source reuses its buffer, and the decoder reads ahead. */
async function openCopied(source: CallLogSource): Promise<Readable> {
	const chunks = await source.open();
	return Readable.from(
		(async function* () {
			for await (const chunk of chunks) yield Buffer.from(chunk);
		})(),
	);
}

