import { CHANNEL_LABELS, type Channel } from '../ledger';
import { decide, type PushRecord } from './decide';
import { describeBlocker, holdSentence, type HoldReason } from './holdReasons';
import type { CompiledPolicy } from './schedule/CompiledPolicy';

/** One pending hit as the simulation sees it. */
export interface SimulatedHit {
	hitId: number;
	leadId: string;
	channel: Channel;
	grade?: string | null;
	label?: string | null;
	phone?: string | null;
	/** A reason that holds it whatever the time (opted out, already sent, ...). */
	standingHold?: HoldReason;
}

export type PlanAction = 'send' | 'held' | 'blocked' | 'carried';

export const PLAN_ACTION_LABELS: Readonly<Record<PlanAction, string>> = {
	send: '发送',
	held: '暂缓',
	blocked: '不发送',
	carried: '顺延',
};

export interface PlanEntry {
	at: number;
	/** HH:mm on the policy's clock. */
	time: string;
	action: PlanAction;
	actionLabel: string;
	hitId: number;
	leadId: string;
	channel: Channel;
	reasonCode: string | null;
	reason: string | null;
	/** For held and carried entries: when it may go, on the policy's clock ("13:00", "12月25日 08:00"). */
	earliest: string | null;
	/** "09:15 发送 · 短信 · 138****8899 · 活跃机构命中". */
	line: string;
}

export interface DayPlan {
	date: string;
	policyId: string;
	runEveryMinutes: number;
	plannedSends: number;
	entries: PlanEntry[];
}

export interface SimulationOptions {
	/** The day to plan, YYYY-MM-DD on the policy's clock. */
	date: string;
	/** Start no earlier than this (epoch ms), e.g. now; default: the day's midnight. */
	from?: number;
	/** The gate runs this often (minutes, from midnight); default: the policy's default interval. */
	runEveryMinutes?: number;
	/** Earlier pushes per lead (the ledger). */
	history?: ReadonlyMap<string, readonly PushRecord[]>;
}

const GRADE_ORDER = ['A', 'B', 'C', 'D'];

/**
 * Today's push flow under a policy, without sending or writing anything: the gate runs
 * every `runEveryMinutes` through the day; each pending hit goes at the first run the
 * policy allows (09:15 发送), or is first shown held with the reason and the time it
 * may go (11:45 暂缓：特定时段规则「午休」静默，最早 13:00 可推送). Pushes planned earlier in
 * the day count for later ones (gaps, intervals, caps), as they would for real.
 */
export function simulatePushDay(policy: CompiledPolicy, hits: readonly SimulatedHit[], options: SimulationOptions): DayPlan {
	const clock = policy.clock;
	const every = Math.max(1, Math.floor(options.runEveryMinutes ?? policy.policy.defaultIntervalMinutes));
	const dayStart = clock.instant(options.date, 0);
	const dayEnd = clock.instant(options.date, 1440);
	const runs: number[] = [];
	for (let minute = 0; minute < 1440; minute += every) {
		const at = clock.instant(options.date, minute);
		if (at >= (options.from ?? dayStart) && at < dayEnd) runs.push(at);
	}

	const history = new Map<string, PushRecord[]>();
	for (const [leadId, pushes] of options.history ?? []) history.set(leadId, [...pushes]);
	const ordered = [...hits].sort((a, b) => gradeRank(a.grade) - gradeRank(b.grade) || a.hitId - b.hitId);
	const entries: PlanEntry[] = [];
	const entry = (
		hit: SimulatedHit,
		at: number,
		action: PlanAction,
		reasons: ReadonlyArray<{ code: string; message: string }> = [],
		earliestAt: number | null = null,
	) => {
		const earliest = earliestAt === null ? null : clock.format(earliestAt, options.date);
		const reason = reasons.length ? holdSentence(reasons, action === 'send' ? null : earliest) : null;
		const time = clock.format(at, options.date);
		const subject = [CHANNEL_LABELS[hit.channel], hit.phone || hit.leadId, hit.label].filter(Boolean).join(' · ');
		entries.push({
			at,
			time,
			action,
			actionLabel: PLAN_ACTION_LABELS[action],
			hitId: hit.hitId,
			leadId: hit.leadId,
			channel: hit.channel,
			reasonCode: reasons[0]?.code ?? null,
			reason,
			earliest,
			line: `${time} ${PLAN_ACTION_LABELS[action]} · ${subject}${reason ? ` · ${reason}` : ''}`,
		});
	};

	const waiting = new Map<SimulatedHit, { nextCheck: number; shownHeld: boolean; earliestAt: number | null }>();
	for (const hit of ordered) {
		if (hit.standingHold) {
			if (runs.length) entry(hit, runs[0], 'blocked', [hit.standingHold]);
			continue;
		}
		waiting.set(hit, { nextCheck: Number.NEGATIVE_INFINITY, shownHeld: false, earliestAt: null });
	}

	for (const run of runs) {
		for (const [hit, state] of waiting) {
			if (state.nextCheck > run) continue;
			const pushes = history.get(hit.leadId) ?? [];
			const decision = decide(policy, hit.channel, pushes, run);
			if (decision.allowed) {
				entry(hit, run, 'send');
				history.set(hit.leadId, [...pushes, { channel: hit.channel, at: run }]);
				waiting.delete(hit);
				continue;
			}
			state.earliestAt = decision.earliestAt;
			state.nextCheck = decision.earliestAt ?? Number.POSITIVE_INFINITY;
			if (!state.shownHeld) {
				const reasons = decision.blockers.map((blocker) => describeBlocker(policy, hit.channel, blocker, run));
				entry(hit, run, decision.earliestAt === null ? 'blocked' : 'held', reasons, decision.earliestAt);
				state.shownHeld = true;
				if (decision.earliestAt === null) waiting.delete(hit);
			}
		}
	}
	for (const [hit, state] of waiting) {
		if (!state.shownHeld || state.earliestAt === null) continue;
		entry(hit, dayEnd - 60_000, 'carried', [{ code: 'carried_over', message: '今日已无可推送时段' }], state.earliestAt);
	}

	entries.sort((a, b) => a.at - b.at);
	return {
		date: options.date,
		policyId: policy.id,
		runEveryMinutes: every,
		plannedSends: entries.filter((e) => e.action === 'send').length,
		entries,
	};
}

function gradeRank(grade: string | null | undefined): number {
	const index = grade ? GRADE_ORDER.indexOf(grade) : -1;
	return index < 0 ? GRADE_ORDER.length : index;
}
