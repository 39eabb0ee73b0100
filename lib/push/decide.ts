import type { Channel } from '../ledger';
import { CAP_PERIODS, type CapPeriod } from './policy/ContactPolicy';
import type { CompiledPolicy } from './schedule/CompiledPolicy';
import { ClosedBy, LevelCode } from './schedule/dayProfile';

/** One earlier push to the lead (any channel), at an instant in epoch ms. */
export interface PushRecord {
	channel: Channel;
	at: number;
}

/** Policy constraints, by stable code. */
export type PolicyHoldCode =
	| 'quiet_hours'
	| 'silent_grid'
	| 'weekend_silent'
	| 'time_slot'
	| 'burst_gap'
	| 'interval'
	| `cap_${CapPeriod}`;

export interface Blocker {
	code: PolicyHoldCode;
	/** When this constraint stops holding; null: never (a cap of 0, a policy closed for good). */
	until: number | null;
	/** Time-slot rule index for `time_slot`. */
	slot?: number;
	/** Cap limit and pushes counted, for caps. */
	limit?: number;
	count?: number;
	/** Interval or gap that applies, in ms, and the push it counts from. */
	gapMs?: number;
	since?: number;
	level?: LevelCode;
}

export interface PolicyDecision {
	allowed: boolean;
	at: number;
	level: LevelCode;
	/** Every constraint that holds the push at `at` (empty when allowed). */
	blockers: Blocker[];
	/** The earliest moment every constraint lets the push go; `at` when allowed; null when never. */
	earliestAt: number | null;
}

const MAX_STEPS = 2000;
const MAX_LOOKAHEAD_MS = 400 * 24 * 3600 * 1000;

/**
 * The contact policy as a pure function: may this lead be pushed on this channel at `at`,
 * given its earlier pushes, and if not, why and from when.
 */
export function decide(policy: CompiledPolicy, channel: Channel, history: readonly PushRecord[], at: number): PolicyDecision {
	const first = blockersAt(policy, channel, history, at);
	if (first.blockers.length === 0) return { allowed: true, at, level: first.level, blockers: [], earliestAt: at };
	return { allowed: false, at, level: first.level, blockers: first.blockers, earliestAt: earliestOpening(policy, channel, history, first.blockers, at) };
}

/**
 * Moves forward to the latest release among the blockers until nothing blocks. Each
 * blocker's `until` is a moment before which it surely still holds, so no opening is
 * skipped, and each step is strictly later.
 */
function earliestOpening(
	policy: CompiledPolicy,
	channel: Channel,
	history: readonly PushRecord[],
	blockers: Blocker[],
	from: number,
): number | null {
	let current = blockers;
	for (let step = 0; step < MAX_STEPS; step++) {
		if (current.some((blocker) => blocker.until === null)) return null;
		const next = Math.max(...current.map((blocker) => blocker.until as number));
		if (next - from > MAX_LOOKAHEAD_MS) return null;
		current = blockersAt(policy, channel, history, next).blockers;
		if (current.length === 0) return next;
	}
	return null;
}

function blockersAt(
	policy: CompiledPolicy,
	channel: Channel,
	history: readonly PushRecord[],
	at: number,
): { level: LevelCode; blockers: Blocker[] } {
	const state = policy.stateAt(at);
	const blockers: Blocker[] = [];
	if (state.closedBy !== ClosedBy.Open) {
		blockers.push({ ...closedCode(state.closedBy), until: policy.nextOpen(at) });
	}

	let lastAny = Number.NEGATIVE_INFINITY;
	let lastOnChannel = Number.NEGATIVE_INFINITY;
	for (const push of history) {
		if (push.at > lastAny) lastAny = push.at;
		if (push.channel === channel && push.at > lastOnChannel) lastOnChannel = push.at;
	}
	if (policy.burstGapMs > 0 && at < lastAny + policy.burstGapMs) {
		blockers.push({ code: 'burst_gap', until: lastAny + policy.burstGapMs, gapMs: policy.burstGapMs, since: lastAny });
	}
	if (state.level !== LevelCode.Silent) {
		const interval = policy.intervalMs(state.level);
		if (at < lastOnChannel + interval) {
			// Held until the interval has passed, or until the level (and so the interval) changes.
			const until = Math.min(lastOnChannel + interval, policy.nextLevelChange(at));
			blockers.push({ code: 'interval', until, gapMs: interval, since: lastOnChannel, level: state.level });
		}
	}

	const caps = policy.caps(channel);
	for (const period of CAP_PERIODS) {
		const limit = caps[period];
		if (limit === undefined) continue;
		if (limit === 0) {
			blockers.push({ code: `cap_${period}`, until: null, limit, count: 0 });
			continue;
		}
		const { start, end } = policy.clock.period(at, period);
		let count = 0;
		for (const push of history) if (push.channel === channel && push.at >= start && push.at < end) count++;
		if (count >= limit) blockers.push({ code: `cap_${period}`, until: end, limit, count });
	}
	return { level: state.level, blockers };
}

function closedCode(closedBy: number): Pick<Blocker, 'code' | 'slot'> {
	if (closedBy === ClosedBy.QuietHours) return { code: 'quiet_hours' };
	if (closedBy === ClosedBy.WeekendStretch) return { code: 'weekend_silent' };
	if (closedBy === ClosedBy.GridSilent) return { code: 'silent_grid' };
	return { code: 'time_slot', slot: closedBy - 1 };
}
