import {
	loadLedgerEntries,
	loadOptOuts,
	loadPushHistory,
	optOutSubjects,
	pushKey,
	reofferPushes,
	reservePushes,
	type Channel,
	type Reservation,
} from '../ledger';
import type { Queryable, Store } from '../store';
import { decide } from './decide';
import { loadGateHits } from './gateQueries';
import { describeBlocker, hitNotFoundReason, type HoldReason } from './holdReasons';
import { lockLeads } from './leadLocks';
import type { CompiledPolicy } from './schedule/CompiledPolicy';
import type { LevelCode } from './schedule/dayProfile';
import { standingHold, type GateHit } from './standingHold';

export interface GateRequest {
	hitId: number;
	/** The channel to push on; left out: the policy's channel for the hit's grade. */
	channel?: Channel;
}

export type GateDecision = GateSend | GateHold;

export interface GateSend {
	kind: 'send';
	hitId: number;
	leadId: string;
	channel: Channel;
	idempotencyKey: string;
	level: LevelCode;
	/** A reservation from an earlier run (not sent, or failed and retryable) offered again under the same key. */
	reoffered: boolean;
}

export interface GateHold {
	kind: 'held';
	hitId: number;
	leadId: string | null;
	channel: Channel | null;
	level: LevelCode | null;
	reasons: HoldReason[];
	/** When the hit may go (epoch ms); null: not by waiting. */
	earliestAt: number | null;
	/** Waiting will not change the answer (opted out, already sent, not pending, ...). */
	final: boolean;
}

export interface GateOptions {
	/** The decision time (epoch ms); the gate's clock in production. */
	now?: number;
	/** Prefix of idempotency keys: the store's schema. */
	keyScope: string;
	chunkSize?: number;
}

const DEFAULT_CHUNK = 500;

/**
 * Push Gate against the ledger: for each hit, the opt-outs, the hit's state, the ledger
 * and the policy decide "send now" (and the push is reserved in the ledger under its
 * idempotency key) or "held" (with the reasons and the earliest time). Each chunk of hits
 * is one transaction holding an advisory lock per lead, so caps and gaps hold across
 * runs, workflows and workers deciding at the same time.
 */
export async function gateHits(
	store: Store,
	policy: CompiledPolicy,
	requests: readonly GateRequest[],
	options: GateOptions,
): Promise<GateDecision[]> {
	const now = options.now ?? Date.now();
	const size = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
	const decisions: GateDecision[] = [];
	for (let start = 0; start < requests.length; start += size) {
		const chunk = requests.slice(start, start + size);
		decisions.push(...(await store.transaction((tx) => gateChunk(tx, store.schema, policy, chunk, now, options.keyScope))));
	}
	return decisions;
}

async function gateChunk(
	tx: Queryable,
	schema: string,
	policy: CompiledPolicy,
	requests: readonly GateRequest[],
	now: number,
	keyScope: string,
): Promise<GateDecision[]> {
	const hits = await loadGateHits(tx, requests.map((r) => r.hitId));
	const leadIds = [...new Set([...hits.values()].map((hit) => hit.leadId))];
	await lockLeads(tx, schema, leadIds);

	const channelOf = (request: GateRequest, hit: GateHit) => request.channel ?? policy.channelForGrade(hit.grade);
	const keys = requests.flatMap((r) => {
		const hit = hits.get(r.hitId);
		return hit ? [pushKey(keyScope, r.hitId, channelOf(r, hit))] : [];
	});
	const ledger = await loadLedgerEntries(tx, keys, now);
	const history = await loadPushHistory(tx, leadIds, now);
	const optOuts = await loadOptOuts(tx, [...hits.values()].flatMap((hit) => optOutSubjects(hit.leadId, hit.phoneHash)));

	const decisions: GateDecision[] = [];
	const reserve: Reservation[] = [];
	const reoffer: string[] = [];
	const decided = new Set<string>();
	const hold = (hitId: number, hit: GateHit | undefined, channel: Channel | null, reason: HoldReason, final = true): GateHold => ({
		kind: 'held',
		hitId,
		leadId: hit?.leadId ?? null,
		channel,
		level: null,
		reasons: [reason],
		earliestAt: null,
		final,
	});

	for (const request of requests) {
		const hit = hits.get(request.hitId);
		if (!hit) {
			decisions.push(hold(request.hitId, undefined, request.channel ?? null, hitNotFoundReason(request.hitId)));
			continue;
		}
		const channel = channelOf(request, hit);
		const key = pushKey(keyScope, request.hitId, channel);
		const existing = ledger.get(key);
		const standing = standingHold(hit, channel, optOuts, existing, policy.clock);
		if (standing) {
			decisions.push(hold(request.hitId, hit, channel, standing));
			continue;
		}
		if (decided.has(key)) {
			decisions.push(hold(request.hitId, hit, channel, { code: 'already_sent', message: '同一命中在本次运行中已放行，不重复推送' }));
			continue;
		}
		if (existing?.claimed) {
			decisions.push(hold(request.hitId, hit, channel, { code: 'already_sent', message: '该命中正在另一个执行中发送' }, false));
			continue;
		}

		// A reservation of this very push from an earlier run must not hold itself back.
		const leadHistory = (history.get(hit.leadId) ?? []).filter((push) => push.key !== key);
		const decision = decide(policy, channel, leadHistory, now);
		if (!decision.allowed) {
			decisions.push({
				kind: 'held',
				hitId: request.hitId,
				leadId: hit.leadId,
				channel,
				level: decision.level,
				reasons: decision.blockers.map((blocker) => describeBlocker(policy, channel, blocker, now)),
				earliestAt: decision.earliestAt,
				final: decision.earliestAt === null,
			});
			continue;
		}
		decided.add(key);
		history.set(hit.leadId, [...leadHistory, { channel, at: now, key }]);
		if (existing) reoffer.push(key);
		else reserve.push({ key, hitId: request.hitId, leadId: hit.leadId, channel, detail: { policy: policy.id, level: decision.level } });
		decisions.push({
			kind: 'send',
			hitId: request.hitId,
			leadId: hit.leadId,
			channel,
			idempotencyKey: key,
			level: decision.level,
			reoffered: Boolean(existing),
		});
	}

	await reservePushes(tx, reserve, { decidedAt: now });
	await reofferPushes(tx, reoffer, now, { policy: policy.id });
	return decisions;
}
