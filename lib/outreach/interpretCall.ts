import type { HitStatus } from '../hits';
import type { RecordedOutcome } from '../ledger';
import type { OutreachOptions } from './OutreachRequest';
import type { OutreachOutcome } from './outreachOutcome';
import type { Target } from './outreachTargets';
import { errorText, type CallOutcome } from './retryingCall';

/** A refused signature: ours to fix, not the lead's fault. */
export function isAuthRefusal(status: number): boolean {
	return status === 401 || status === 403;
}

/** Turns a gateway answer into the ledger state, the hit's move and the item's outcome. */
export function interpretCall(
	target: Target,
	call: CallOutcome,
	options: OutreachOptions,
): { outcome: OutreachOutcome; record: RecordedOutcome } {
	const base = { key: target.key, hitId: target.hitId, attempts: call.attempts };
	const move = (to: HitStatus, from: HitStatus[]) => (options.updateHitStatus && target.hitId !== null ? { hitStatus: { to, from } } : {});
	if (call.kind === 'accepted') {
		const body = (call.body ?? {}) as { messageId?: unknown; callId?: unknown; duplicate?: unknown };
		const messageId = String(body.messageId ?? body.callId ?? '') || null;
		return {
			outcome: body.duplicate === true ? 'duplicate' : 'sent',
			record: {
				...base,
				state: 'sent',
				messageId,
				detail: { templateId: target.request.templateId, httpStatus: call.status, duplicate: body.duplicate === true },
				...move('in_progress', ['pending']),
			},
		};
	}
	if (call.kind === 'rejected') {
		const auth = isAuthRefusal(call.status);
		// A refused signature or a rate limit is ours to fix or wait out; any other 4xx refuses this number for good.
		const retryable = auth || call.status === 429;
		const code = (call.body as { code?: unknown } | null)?.code;
		return {
			outcome: auth ? 'auth_failed' : 'rejected',
			record: {
				...base,
				state: 'failed',
				messageId: null,
				detail: {
					templateId: target.request.templateId,
					httpStatus: call.status,
					code: typeof code === 'string' ? code : `http_${call.status}`,
					error: `网关返回 ${call.status}${errorText(call.body)}`,
					retryable,
				},
				...(retryable ? {} : move('contact_failed', ['pending'])),
			},
		};
	}
	return {
		outcome: 'failed',
		record: {
			...base,
			state: 'failed',
			messageId: null,
			detail: { templateId: target.request.templateId, httpStatus: call.status, code: 'gateway_unavailable', error: call.error, retryable: true },
		},
	};
}
