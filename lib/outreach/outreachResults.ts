import type { Store } from '../store';
import { hitStatuses } from '../hits';
import type { OutreachOptions, OutreachRequest } from './OutreachRequest';
import { OUTREACH_OUTCOME_LABELS, type OutreachOutcome, type OutreachResult } from './outreachOutcome';

/** What a result is about: the request and, once known, its key, hit, lead and masked phone. */
export interface ResultSubject {
	index: number;
	request: OutreachRequest;
	key: string;
	hitId: number | null;
	leadId: string | null;
	phoneMasked: string | null;
}

export function outreachResult(
	subject: ResultSubject,
	options: OutreachOptions,
	outcome: OutreachOutcome,
	extra: Partial<OutreachResult> = {},
): OutreachResult {
	return {
		index: subject.index,
		hitId: subject.hitId,
		leadId: subject.leadId,
		channel: options.channel,
		outcome,
		outcomeLabel: OUTREACH_OUTCOME_LABELS[outcome],
		idempotencyKey: subject.key || null,
		phone: subject.phoneMasked,
		templateId: subject.request.templateId,
		messageId: null,
		attempts: 0,
		httpStatus: null,
		error: null,
		retryable: outcome === 'failed' || outcome === 'in_flight',
		hitStatus: null,
		...extra,
	};
}

/** A request left unsent because the gateway refused our signature earlier in the run. */
export function notAttempted(request: OutreachRequest, index: number, options: OutreachOptions, why: string): OutreachResult {
	return outreachResult({ index, request, key: '', hitId: request.hitId ?? null, leadId: null, phoneMasked: null }, options, 'auth_failed', {
		error: `未发送：${why}`,
		retryable: true,
	});
}

export function inRequestOrder(batch: ReadonlyArray<{ index: number }>, results: ReadonlyMap<number, OutreachResult>): OutreachResult[] {
	return batch.map(({ index }) => results.get(index) as OutreachResult);
}

/** Each result with its hit's status as it is now in the store. */
export async function withHitStatuses(store: Store, results: OutreachResult[]): Promise<OutreachResult[]> {
	const statuses = await hitStatuses(store, results.flatMap((r) => (r.hitId === null ? [] : [r.hitId])));
	return results.map((r) => ({ ...r, hitStatus: r.hitId === null ? null : (statuses.get(r.hitId) ?? null) }));
}
