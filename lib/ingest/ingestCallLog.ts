import type { Store } from '../store/Store';
import type { PostgresStoreConfig } from '../store/StoreConfig';
import type { PrivacyKeys } from '../privacy/PrivacyKeys';
import { EVENT_TYPES } from '../vocabulary';
import { planIngest, type IngestOptions, type IngestPlan } from './IngestOptions';
import type { IngestSummary } from './IngestSummary';
import type { IngestConnection } from './load/IngestConnection';
import { withPostgresTransaction } from './load/postgresIngestConnection';
import { withStoreTransaction } from './load/storeIngestConnection';
import type { BatchCounts } from './pipeline/BatchWriter';
import type { FileRowsSetup } from './pipeline/FileRows';
import { loadInThread } from './pipeline/loadInThread';
import { loadInWorker, pipelineWorkerAvailable } from './pipeline/loadInWorker';
import { WORKER_MIN_BYTES } from './pipeline/workerLimits';
import type { CallLogSource } from './read/CallLogSource';
import { detectLayout, type FileLayout } from './read/detectLayout';
import { detectEncoding, type DetectedEncoding } from './read/fileEncoding';
import { LoadDigest, type FileContent } from './read/contentDigest';
import { probeSource, readHead, type SourceProbe } from './read/probeSource';
import {
	completeBatch,
	discardIncompleteBatch,
	findBatchByChecksum,
	hasCompleteBatchWithHead,
	newBatchId,
	startBatch,
	type StoredBatch,
} from './store/batches';
import { lockCallEvents } from './store/ingestLock';

/** Where events go: the store, and for PostgreSQL its settings (the load then gets a connection of its own). */
export interface IngestTarget {
	store: Store;
	keys: PrivacyKeys;
	postgres?: PostgresStoreConfig;
}

/**
 * Ingests one call-log file as one batch, all in one transaction, reading it once: the
 * checksum (the same content twice adds nothing) is computed during the load. Only a file
 * whose first 64 KB match a stored batch gets a checksum pass first, so a rerun of the
 * same file stops before loading. Returns the summary; throws CallLogFileError when the
 * file cannot be read at all, IngestOptionsError for unusable options.
 */
export async function ingestCallLog(target: IngestTarget, source: CallLogSource, options: IngestOptions = {}): Promise<IngestSummary> {
	const startedAt = Date.now();
	const plan = planIngest(options);
	const head = await readHead(source);
	const encoding = detectEncoding(source.name, head.head, head.bytes ?? Infinity, plan.encoding);
	const layout = detectLayout(head.head, encoding, plan.format, plan.delimiter);
	const context = { source, layout, encoding, plan, startedAt };

	const outcome = await inTransaction(target, async (db): Promise<IngestSummary | StoredBatch> => {
		await lockCallEvents(db, target.store.schema);
		let probe: SourceProbe | undefined;
		if (await hasCompleteBatchWithHead(db, head.digest)) {
			probe = await probeSource(source);
			const existing = await findBatchByChecksum(db, probe.checksum);
			if (existing?.status === 'complete') return existing;
		}
		const checksumMs = Date.now() - startedAt;
		const batchId = newBatchId();
		await startBatch(db, batchId, source.name, head.digest);

		const loadStarted = Date.now();
		const digest = new LoadDigest(source, probe);
		const counts = await loadFile(db, batchId, source, digest, probe?.bytes ?? head.bytes, encoding, layout, plan, options, target.keys);
		const content = digest.finish();
		const earlier = await findBatchByChecksum(db, content.checksum);
		if (earlier?.status === 'complete') throw new AlreadyIngested(earlier);
		if (earlier) await discardIncompleteBatch(db, earlier.batch_id);

		const summary = summarise(counts, { ...context, batchId, content });
		summary.phasesMs = { checksum: checksumMs, load: Date.now() - loadStarted - counts.settleMs, settle: counts.settleMs };
		await completeBatch(db, summary);
		return summary;
	}).catch((error: unknown) => {
		// The same content stored by a batch from before head digests were kept: the load was rolled back.
		if (error instanceof AlreadyIngested) return error.batch;
		throw error;
	});
	return 'batch_id' in outcome ? alreadyIngested(outcome, context) : outcome;
}

/** Thrown inside the transaction to roll back a load that turned out to repeat a stored batch. */
class AlreadyIngested extends Error {
	constructor(readonly batch: StoredBatch) {
		super(`already ingested as batch ${batch.batch_id}`);
	}
}

function inTransaction<T>(target: IngestTarget, work: (db: IngestConnection) => Promise<T>): Promise<T> {
	if (target.store.kind === 'postgres' && target.postgres) return withPostgresTransaction(target.postgres, work);
	return withStoreTransaction(target.store, work);
}

/** The load, in a worker thread for large files on PostgreSQL (when the compiled worker is there), else here. */
function loadFile(
	db: IngestConnection,
	batchId: string,
	source: CallLogSource,
	digest: LoadDigest,
	bytes: number | undefined,
	encoding: DetectedEncoding,
	layout: FileLayout,
	plan: IngestPlan,
	options: IngestOptions,
	keys: PrivacyKeys,
): Promise<BatchCounts> {
	const today = plan.zone.today(plan.nowMs);
	const setup: FileRowsSetup = {
		file: source.name,
		layout,
		plan,
		firstDay: today - plan.maxEventAgeDays,
		lastDay: today + 1,
		hashKey: keys.hashKey,
	};
	// A size not known up front is a stream of at least 64 KB: taken for a large one.
	const useWorker = options.useWorker ?? ((bytes ?? WORKER_MIN_BYTES) >= WORKER_MIN_BYTES && pipelineWorkerAvailable());
	if (useWorker && db.binaryCopy) {
		return loadInWorker(db as IngestConnection<Buffer>, batchId, source, digest, encoding, setup, options);
	}
	return loadInThread(db, batchId, source, digest, encoding, setup);
}

interface SummaryContext {
	source: CallLogSource;
	layout: FileLayout;
	encoding: DetectedEncoding;
	plan: IngestPlan;
	startedAt: number;
}

function summarise(counts: BatchCounts, context: SummaryContext & { batchId: string; content: FileContent }): IngestSummary {
	const { plan } = context;
	const { tally } = counts;
	const rejected = tally.rejected;
	const duplicates = counts.duplicatesInFile + counts.duplicatesAlreadyStored;
	const institutions = [...new Set(counts.slices.map((slice) => slice.institution))].sort();
	const days = [...new Set(counts.slices.map((slice) => slice.day))].sort();
	return {
		batchId: context.batchId,
		file: context.source.name,
		checksum: context.content.checksum,
		alreadyIngested: false,
		rowsRead: tally.rowsRead,
		accepted: counts.accepted,
		rejected,
		rejectedByReason: tally.rejectedByReason,
		rejectsStored: tally.rejectsStored,
		duplicates,
		duplicatesInFile: counts.duplicatesInFile,
		duplicatesAlreadyStored: counts.duplicatesAlreadyStored,
		timeSpan: {
			from: tally.firstMicros === null ? null : plan.zone.formatUtcMicros(tally.firstMicros),
			to: tally.lastMicros === null ? null : plan.zone.formatUtcMicros(tally.lastMicros),
		},
		days,
		institutions,
		acceptedByEventType: counts.acceptedByEventType,
		format: context.layout.format,
		encoding: context.encoding.encoding,
		timeZone: plan.zone.zoneName,
		bytes: context.content.bytes,
		durationMs: Date.now() - context.startedAt,
		message:
			`读取 ${tally.rowsRead} 行：入库 ${counts.accepted}，拒绝 ${rejected}，重复 ${duplicates} ` +
			`(read ${tally.rowsRead} rows: ${counts.accepted} stored, ${rejected} rejected, ${duplicates} duplicates)`,
	};
}

function alreadyIngested(existing: StoredBatch, { source, layout, encoding, plan, startedAt }: SummaryContext): IngestSummary {
	const finishedAt = existing.finished_at ? new Date(existing.finished_at).toISOString() : null;
	const previousAccepted = Number((existing.summary as Partial<IngestSummary>).accepted ?? 0);
	return {
		batchId: existing.batch_id,
		file: source.name,
		checksum: existing.checksum,
		alreadyIngested: true,
		rowsRead: 0,
		accepted: 0,
		rejected: 0,
		rejectedByReason: {},
		rejectsStored: 0,
		duplicates: 0,
		duplicatesInFile: 0,
		duplicatesAlreadyStored: 0,
		timeSpan: { from: null, to: null },
		days: [],
		institutions: [],
		acceptedByEventType: Object.fromEntries(EVENT_TYPES.map((type) => [type, 0])) as IngestSummary['acceptedByEventType'],
		format: layout.format,
		encoding: encoding.encoding,
		timeZone: plan.zone.zoneName,
		bytes: Number((existing.summary as Partial<IngestSummary>).bytes ?? 0),
		durationMs: Date.now() - startedAt,
		previous: { batchId: existing.batch_id, ingestedAt: finishedAt, accepted: previousAccepted },
		message:
			`该文件已于 ${finishedAt ?? '之前'} 导入（批次 ${existing.batch_id}），本次未新增数据 ` +
			`(already ingested${finishedAt ? ` at ${finishedAt}` : ''} as batch ${existing.batch_id}: nothing added)`,
	};
}
