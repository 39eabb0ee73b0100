import type { HitStatus } from '../hits';
import { isSent, optOutSubjects, refusalFor, type Channel, type LedgerEntry, type OptOuts } from '../ledger';
import {
	CONTROL_GROUP_REASON,
	alreadySentReason,
	gatewayRejectedReason,
	NO_PHONE_REASON,
	notPendingReason,
	optedOutReason,
	type HoldReason,
} from './holdReasons';
import type { PolicyClock } from './schedule/policyClock';

export interface GateHit {
	hitId: number;
	leadId: string;
	status: HitStatus;
	grade: string | null;
	/** Held out (对照组, lib/roi): never contacted, whatever else holds. */
	controlGroup?: boolean;
	phoneHash: string | null;
	hasPhone: boolean;
}

/**
 * What holds a hit whatever the time: held out in a control group, an opt-out (PIPL), a hit no longer
 * pending, no phone, a push already sent on this channel, or one the gateway refused.
 */
export function standingHold(
	hit: GateHit,
	channel: Channel,
	optOuts: OptOuts,
	existing: LedgerEntry | undefined,
	clock: PolicyClock,
): HoldReason | undefined {
	if (hit.controlGroup) return CONTROL_GROUP_REASON;
	const refusal = refusalFor(optOuts, optOutSubjects(hit.leadId, hit.phoneHash), channel);
	if (refusal) return optedOutReason(refusal);
	if (hit.status !== 'pending') return notPendingReason(hit.status);
	if (!hit.hasPhone) return NO_PHONE_REASON;
	if (existing && isSent(existing.state)) {
		return alreadySentReason(channel, clock.format(existing.at));
	}
	if (existing?.state === 'failed' && !existing.detail?.retryable) {
		return gatewayRejectedReason(existing.detail?.error ?? existing.detail?.code ?? '未知原因');
	}
	return undefined;
}
