import type { HitStatus } from '../hits';
import type { Channel } from '../ledger';

/** What became of one push request, as a stable code. */
export type OutreachOutcome =
	| 'sent'
	| 'duplicate'
	| 'already_sent'
	| 'in_flight'
	| 'rejected'
	| 'failed'
	| 'auth_failed'
	| 'opted_out'
	| 'dry_run'
	| 'invalid';

export const OUTREACH_OUTCOME_LABELS: Readonly<Record<OutreachOutcome, string>> = {
	sent: '已发送',
	duplicate: '已发送（网关按幂等键去重，未重复发送）',
	already_sent: '此前已发送，未重复发送',
	in_flight: '正在另一个执行中发送，未重复发送',
	rejected: '网关拒绝',
	failed: '发送失败，稍后可用同一幂等键重试',
	auth_failed: '网关签名校验失败',
	opted_out: '客户已退订，未发送',
	dry_run: '演练模式，未发送',
	invalid: '无法发送',
};

/** One output item of SMS / Outbound Call: the phone only masked. */
export interface OutreachResult {
	/** The input item this answers. */
	index: number;
	hitId: number | null;
	leadId: string | null;
	channel: Channel;
	outcome: OutreachOutcome;
	outcomeLabel: string;
	idempotencyKey: string | null;
	phone: string | null;
	templateId: string;
	messageId: string | null;
	attempts: number;
	httpStatus: number | null;
	error: string | null;
	/** May a later run send it (same key)? */
	retryable: boolean;
	/** The hit's status after this push (null without a hit). */
	hitStatus: HitStatus | null;
	/** Dry run: what would have gone to the gateway, with the phone masked. */
	preview?: { path: string; body: Record<string, unknown> };
}
