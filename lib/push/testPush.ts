import type { Channel } from '../ledger';
import { decide } from './decide';
import { describeBlocker, holdSentence, type HoldReason } from './holdReasons';
import type { CompiledPolicy } from './schedule/CompiledPolicy';

/** The policy's answer for a test push now: it may go, or the rules that hold it and when it may go. */
export type TestPushDecision =
	| { allowed: true }
	| {
			allowed: false;
			reasons: HoldReason[];
			/** "免打扰时段（21:00–08:00），最早 08:00 可推送". */
			reason: string;
			/** When it may go (ISO on the policy's clock); null: not by waiting (a cap of 0). */
			earliestAt: string | null;
	  };

/**
 * A test push goes to a number someone types, not to a hit: it has no lead, so no push
 * history, caps or intervals count; the policy's clock does (quiet hours, the weekly grid,
 * the weekend rule, time-slot rules, a channel closed by a cap of 0). Opt-outs of the
 * number are honoured when it is sent (lib/outreach).
 */
export function judgeTestPush(policy: CompiledPolicy, channel: Channel, now: number): TestPushDecision {
	const decision = decide(policy, channel, [], now);
	if (decision.allowed) return { allowed: true };
	const clock = policy.clock;
	const reasons = decision.blockers.map((blocker) => describeBlocker(policy, channel, blocker, now));
	const earliest = decision.earliestAt === null ? null : clock.format(decision.earliestAt, clock.local(now).date);
	return {
		allowed: false,
		reasons,
		reason: holdSentence(reasons, earliest),
		earliestAt: decision.earliestAt === null ? null : clock.isoLocal(decision.earliestAt),
	};
}
