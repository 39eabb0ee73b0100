import { HIT_STATUS_LABELS, type HitStatus } from '../hits';
import {
	CHANNEL_LABELS,
	CHANNELS,
	lockReportedPush,
	optOutSubjects,
	recordContactPreference,
	recordDeliveryReport,
	type Channel,
	type LedgerState,
} from '../ledger';
import type { Store } from '../store';
import { DomainError } from '../errors';

/** What the gateway reports back (docs/gateway-openapi.yaml, StatusCallback). */
export const CALLBACK_EVENTS = ['delivered', 'undelivered', 'answered', 'no_answer', 'busy', 'failed', 'converted', 'opted_out'] as const;
export type CallbackEvent = (typeof CALLBACK_EVENTS)[number];

export const CALLBACK_EVENT_LABELS: Readonly<Record<CallbackEvent, string>> = {
	delivered: '已送达',
	undelivered: '未送达',
	answered: '已接通',
	no_answer: '无人接听',
	busy: '占线',
	failed: '呼叫失败',
	converted: '客户已转化',
	opted_out: '客户退订',
};

export interface StatusCallback {
	event: CallbackEvent;
	idempotencyKey?: string;
	messageId?: string;
	occurredAt?: string;
	/** For opted_out: the channel refused, or 'all' (the default). */
	scope?: Channel | 'all';
}

export class CallbackError extends DomainError {
	declare readonly field: string;

	constructor(field: string, message: string) {
		super('invalidCallback', message, field);
	}
}

export function parseStatusCallback(body: unknown): StatusCallback {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new CallbackError('body', '回执内容不是 JSON 对象');
	const { event, idempotencyKey, messageId, occurredAt, scope } = body as Record<string, unknown>;
	if (typeof event !== 'string' || !(CALLBACK_EVENTS as readonly string[]).includes(event)) {
		throw new CallbackError('event', `回执事件 "${String(event)}" 不是 ${CALLBACK_EVENTS.join(' / ')} 之一`);
	}
	if (typeof idempotencyKey !== 'string' && typeof messageId !== 'string') {
		throw new CallbackError('idempotencyKey', '回执缺少 idempotencyKey 或 messageId');
	}
	if (scope !== undefined && scope !== 'all' && !(CHANNELS as readonly unknown[]).includes(scope)) {
		throw new CallbackError('scope', `退订范围 "${String(scope)}" 应为 sms / call / all`);
	}
	return {
		event: event as CallbackEvent,
		idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
		messageId: typeof messageId === 'string' ? messageId : undefined,
		occurredAt: typeof occurredAt === 'string' ? occurredAt : undefined,
		scope: scope as StatusCallback['scope'],
	};
}

export interface CallbackRecord {
	recorded: boolean;
	event: CallbackEvent;
	eventLabel: string;
	idempotencyKey: string | null;
	messageId: string | null;
	channel: Channel | null;
	hitId: number | null;
	leadId: string | null;
	ledgerState: LedgerState | null;
	/** The hit's status now, and the status it should move to (null: no change). */
	hitStatus: HitStatus | null;
	newHitStatus: HitStatus | null;
	message: string;
}

const LEDGER_STATE_OF: Partial<Record<CallbackEvent, LedgerState>> = {
	delivered: 'delivered',
	answered: 'delivered',
	undelivered: 'undelivered',
	no_answer: 'undelivered',
	busy: 'undelivered',
	failed: 'undelivered',
};

/** The hit's next status for an event, never undoing a conversion. */
export function hitStatusAfter(event: CallbackEvent, current: HitStatus): HitStatus | null {
	if (current === 'converted') return null;
	const next: Partial<Record<CallbackEvent, HitStatus>> = {
		delivered: 'in_progress',
		answered: 'in_progress',
		undelivered: 'contact_failed',
		failed: 'contact_failed',
		opted_out: 'contact_failed',
		converted: 'converted',
	};
	const to = next[event];
	if (!to || to === current) return null;
	// A delivery report must not revive a hit the staff already marked failed.
	if (to === 'in_progress' && current !== 'pending') return null;
	return to;
}

/**
 * Applies one verified status callback: the ledger row's delivery state, an opt-out into
 * contact_preferences (by the lead's phone hash and lead id), and the hit status it
 * implies. Applying the same callback twice changes nothing the second time.
 */
export async function applyStatusCallback(store: Store, callback: StatusCallback): Promise<CallbackRecord> {
	return store.transaction(async (tx) => {
		const row = await lockReportedPush(tx, callback);
		const eventLabel = CALLBACK_EVENT_LABELS[callback.event];
		if (!row) {
			return {
				recorded: false,
				event: callback.event,
				eventLabel,
				idempotencyKey: callback.idempotencyKey ?? null,
				messageId: callback.messageId ?? null,
				channel: null,
				hitId: null,
				leadId: null,
				ledgerState: null,
				hitStatus: null,
				newHitStatus: null,
				message: `回执「${eventLabel}」未找到对应的推送记录，已忽略`,
			};
		}
		const nextState = LEDGER_STATE_OF[callback.event];
		const state = nextState && row.state !== 'failed' && row.state !== 'dry_run' ? nextState : row.state;
		await recordDeliveryReport(tx, {
			key: row.idempotency_key,
			state,
			event: callback.event,
			occurredAt: callback.occurredAt ?? new Date().toISOString(),
		});
		if (callback.event === 'opted_out') {
			const scope = callback.scope ?? 'all';
			for (const subject of optOutSubjects(row.lead_id, row.phone_hash)) {
				await recordContactPreference(tx, { subjectHash: subject, channel: scope, optedOut: true, reason: '客户通过网关退订', source: 'gateway' });
			}
		}
		const newHitStatus = row.hit_status ? hitStatusAfter(callback.event, row.hit_status) : null;
		const changed = newHitStatus ? `，命中状态改为「${HIT_STATUS_LABELS[newHitStatus].zh}」` : '';
		return {
			recorded: true,
			event: callback.event,
			eventLabel,
			idempotencyKey: row.idempotency_key,
			messageId: row.gateway_message_id,
			channel: row.channel,
			hitId: row.hit_id === null ? null : Number(row.hit_id),
			leadId: row.lead_id,
			ledgerState: state,
			hitStatus: row.hit_status,
			newHitStatus,
			message: `${CHANNEL_LABELS[row.channel]}推送：${eventLabel}${changed}`,
		};
	});
}
