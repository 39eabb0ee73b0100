import { randomUUID } from 'node:crypto';

import {
	claimPushes,
	isSent,
	ledgerSnapshots,
	loadOptOuts,
	optOutSubjects,
	recordOutcomes,
	refusalFor,
	releaseClaims,
	reservePushes,
	withdrawReservations,
	type RecordedOutcome,
} from '../ledger';
import type { PrivacyKeys } from '../privacy';
import type { Store } from '../store';
import { Limiter, mapConcurrently } from './concurrency';
import type { GatewayClient } from './GatewayClient';
import { interpretCall, isAuthRefusal } from './interpretCall';
import { GATEWAY_PATHS, type OutreachOptions, type OutreachRequest } from './OutreachRequest';
import type { OutreachResult } from './outreachOutcome';
import { inRequestOrder, notAttempted, outreachResult, withHitStatuses } from './outreachResults';
import { clearPhone, requestBody, resolveTargets, type Target } from './outreachTargets';
import { errorText, retryingCall } from './retryingCall';
import { IDEMPOTENCY_HEADER } from './signature';
import { DomainError } from '../errors';

/** Pushes per batch: each batch is two commits (reserve + claim, record), whatever its size. */
const DEFAULT_BATCH_SIZE = 250;
const MIN_LEASE_MS = 2 * 60_000;
const MAX_LEASE_MS = 15 * 60_000;
const BATCHES_AT_ONCE = 2;

/** Thrown after the batch is recorded when the gateway refused our signature: every further send would fail too. */
export class GatewayAuthError extends DomainError {
	constructor(
		message: string,
		readonly results: OutreachResult[],
	) {
		super('gatewayAuth', message);
	}
}

/**
 * Sends pushes through the gateway exactly once per hit and channel: reserve the ledger
 * row (ON CONFLICT DO NOTHING), claim it with a lease, check opt-outs, send with the
 * idempotency key as a header, record the outcome and the hit's status. A retry, a re-run
 * or a second worker finds the row sent or claimed and does not send again; a crash
 * between claim and record is recovered once the lease runs out, under the same key,
 * which the gateway dedupes.
 */
export async function sendOutreach(
	store: Store,
	keys: PrivacyKeys,
	gateway: GatewayClient | null,
	requests: readonly OutreachRequest[],
	options: OutreachOptions,
): Promise<OutreachResult[]> {
	const concurrency = Math.max(1, Math.floor(options.concurrency));
	const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
	const batches: Batch[] = [];
	for (let start = 0; start < requests.length; start += batchSize) {
		batches.push(requests.slice(start, start + batchSize).map((request, offset) => ({ request, index: start + offset })));
	}
	const run: BatchRun = { http: new Limiter(concurrency), leaseMs: options.leaseMs ?? defaultLeaseMs(options, concurrency, batchSize) };
	// Two batches at a time: one's database work overlaps the other's requests; the limiter keeps the requests to `concurrency`.
	const outcomes = await mapConcurrently(batches, BATCHES_AT_ONCE, async (batch): Promise<OutreachResult[]> =>
		run.authFailure
			? batch.map(({ request, index }) => notAttempted(request, index, options, run.authFailure as string))
			: sendBatch(store, keys, gateway, batch, options, run),
	);
	const results = outcomes.flat();
	if (run.authFailure) throw new GatewayAuthError(run.authFailure, results);
	return results;
}

type Batch = Array<{ request: OutreachRequest; index: number }>;

/** What the batches of one send share. */
interface BatchRun {
	http: Limiter;
	leaseMs: number;
	/** Set by the first request whose signature the gateway refused: no batch sends after it. */
	authFailure?: string;
}

async function sendBatch(
	store: Store,
	keys: PrivacyKeys,
	gateway: GatewayClient | null,
	batch: Batch,
	options: OutreachOptions,
	run: BatchRun,
): Promise<OutreachResult[]> {
	const results = new Map<number, OutreachResult>();
	const targets = await resolveTargets(store, keys, batch, options, results);

	const optOuts = await loadOptOuts(store, targets.flatMap((t) => optOutSubjects(t.leadId, t.phoneHash)));
	const refused = targets.filter((t) => refusalFor(optOuts, optOutSubjects(t.leadId, t.phoneHash), options.channel));
	for (const target of refused) results.set(target.index, outreachResult(target, options, 'opted_out', { error: '客户已退订或登记免打扰' }));
	const allowed = targets.filter((target) => !refused.includes(target));
	if (!options.dryRun) await withdrawReservations(store, refused.map((t) => t.key), { code: 'opted_out', error: '客户已退订，未发送', retryable: true });

	if (options.dryRun) {
		await recordDryRuns(store, allowed, options);
		// A reservation the gate made for this push must not count as a push that never happened; the gate offers it again.
		await withdrawReservations(store, allowed.map((t) => t.key), { code: 'dry_run', error: '演练模式，未发送', retryable: true });
		for (const target of allowed) {
			const preview = { path: GATEWAY_PATHS[options.channel], body: requestBody(target, options, target.phoneMasked ?? '') };
			results.set(target.index, { ...outreachResult(target, options, 'dry_run'), preview });
		}
		return withHitStatuses(store, inRequestOrder(batch, results));
	}
	if (!gateway) throw new Error('No gateway client for a real send');

	const token = randomUUID();
	const claimed = await claimBatch(store, allowed, options, token, run.leaseMs, results);

	const sent = await Promise.all(
		allowed
			.filter((t) => claimed.has(t.key))
			.map((target) =>
				run.http.run(async () => {
					if (run.authFailure) return { target, call: undefined };
					const to = phoneToSend(keys, target);
					if (to === undefined) return { target, call: undefined, undecryptable: true };
					const call = await retryingCall(
						() => gateway.request('POST', GATEWAY_PATHS[options.channel], requestBody(target, options, to), { [IDEMPOTENCY_HEADER]: target.key }),
						options.retry,
					);
					if (call.kind === 'rejected' && isAuthRefusal(call.status)) {
						run.authFailure ??= `网关拒绝了请求签名（HTTP ${call.status}${errorText(call.body)}）：请检查 Outreach Gateway 凭据的 App ID 与签名密钥`;
					}
					return { target, call };
				}),
			),
	);

	const recorded: RecordedOutcome[] = [];
	const released: string[] = [];
	const undecryptable: string[] = [];
	for (const { target, call, undecryptable: noPhone } of sent) {
		if (noPhone) {
			undecryptable.push(target.key);
			results.set(target.index, outreachResult(target, options, 'failed', { error: UNDECRYPTABLE.error, retryable: true }));
			continue;
		}
		if (!call) {
			released.push(target.key);
			results.set(target.index, outreachResult(target, options, 'auth_failed', { error: '未发送：网关签名校验失败', retryable: true }));
			continue;
		}
		const { outcome, record } = interpretCall(target, call, options);
		recorded.push(record);
		results.set(
			target.index,
			outreachResult(target, options, outcome, {
				messageId: record.messageId,
				attempts: call.attempts,
				httpStatus: call.status,
				error: call.kind === 'accepted' ? null : String(record.detail.error ?? ''),
				retryable: record.detail.retryable === true,
			}),
		);
	}
	await store.transaction(async (tx) => {
		await recordOutcomes(tx, token, recorded);
		await releaseClaims(tx, token, released, { retryable: true, code: 'auth_failed', error: '未发送：网关签名校验失败' });
		await releaseClaims(tx, token, undecryptable, { retryable: true, ...UNDECRYPTABLE });
	});
	return withHitStatuses(store, inRequestOrder(batch, results));
}

/** A stored phone this store's encryption key cannot open (the key changed, or the row was written elsewhere). */
const UNDECRYPTABLE = { code: 'undecryptable_phone', error: '未发送：手机号无法用当前加密密钥解密（密钥与写入时不同？）' };

/** The number in clear for its one request, or undefined when it cannot be decrypted: that push fails alone, the batch goes on. */
function phoneToSend(keys: PrivacyKeys, target: Target): string | undefined {
	try {
		return clearPhone(keys, target);
	} catch {
		return undefined;
	}
}

/**
 * One transaction, one commit: reserve (a no-op where the gate did), claim, and say why the
 * rest is not ours to send (sent before, refused for good, or in flight elsewhere).
 */
async function claimBatch(
	store: Store,
	targets: Target[],
	options: OutreachOptions,
	token: string,
	leaseMs: number,
	results: Map<number, OutreachResult>,
): Promise<Set<string>> {
	const { claimed, snapshots } = await store.transaction(async (tx) => {
		await reservePushes(
			tx,
			targets.map((t) => ({ key: t.key, hitId: t.hitId, leadId: t.leadId, channel: options.channel })),
		);
		const claimedKeys = await claimPushes(tx, targets.map((t) => t.key), token, leaseMs);
		return { claimed: claimedKeys, snapshots: await ledgerSnapshots(tx, targets.filter((t) => !claimedKeys.has(t.key)).map((t) => t.key)) };
	});
	for (const target of targets.filter((t) => !claimed.has(t.key))) {
		const snapshot = snapshots.get(target.key);
		if (snapshot && isSent(snapshot.state)) {
			results.set(target.index, outreachResult(target, options, 'already_sent', { messageId: snapshot.messageId }));
		} else if (snapshot?.state === 'failed' && !snapshot.detail?.retryable) {
			results.set(target.index, outreachResult(target, options, 'rejected', { error: snapshot.detail?.error ?? '网关曾拒绝此推送' }));
		} else {
			results.set(target.index, outreachResult(target, options, 'in_flight'));
		}
	}
	return claimed;
}

async function recordDryRuns(store: Store, targets: Target[], options: OutreachOptions): Promise<void> {
	const run = randomUUID();
	// Dry runs are audited under keys of their own: they never count as pushes nor block the real one.
	await reservePushes(
		store,
		targets.map((t) => ({
			key: `${t.key}:dry-run:${run}`,
			hitId: t.hitId,
			leadId: t.leadId,
			channel: options.channel,
			detail: { templateId: t.request.templateId },
		})),
		{ state: 'dry_run' },
	);
}

/**
 * Long enough for a batch in the usual case, short enough that a crashed worker's pushes
 * are retried within minutes. A lease that runs out while a slow batch is still sending
 * costs at most a second request under the same key, which the gateway dedupes.
 */
function defaultLeaseMs(options: OutreachOptions, concurrency: number, batchSize: number): number {
	const perPush = options.timeoutMs * (options.retry.retries + 1) + options.retry.maxDelayMs * options.retry.retries;
	return Math.min(MAX_LEASE_MS, Math.max(MIN_LEASE_MS, Math.ceil((batchSize * BATCHES_AT_ONCE) / concurrency) * perPush));
}
