import { recordAudit } from '../audit';
import { CHANNEL_LABELS, type Channel } from '../ledger';
import { OUTREACH_OUTCOME_LABELS, type OutreachOutcome } from '../outreach';
import type { PushOutcome } from './api/contract';
import type { ConsoleSend } from './consoleSend';
import type { ConsoleContext, ConsoleResponse } from './ConsoleRequest';
import { errorResponse } from './errorResponse';
import { BASE_HEADERS } from './responseHeaders';

/** What became of one push on the workflow's send path, as its nodes report it (Push Gate held it, SMS sent it, …). */
export interface PushReport {
	/** null: the test push, or a failure that names no hit. */
	hitId: number | null;
	channel?: Channel | null;
	/** `held`, an outreach outcome (`sent`, `rejected`, …) or `failed`. */
	outcome: string;
	reasonCode?: string | null;
	reason?: string | null;
	earliest?: string | null;
}

const OUTCOME_LABELS: Readonly<Record<string, string>> = { ...OUTREACH_OUTCOME_LABELS, held: '暂缓（推送策略）' };

/** A push the path never reported on: a node before it failed, or the workflow was changed. */
const NO_REPORT = '未收到发送结果：发送途中出错，请查看 n8n 的执行日志 (no outcome reported)';

export function pushOutcome(send: ConsoleSend, report: PushReport): PushOutcome {
	return {
		hitId: report.hitId,
		channel: report.channel ?? send.channel,
		outcome: report.outcome,
		outcomeLabel: OUTCOME_LABELS[report.outcome] ?? report.outcome,
		reasonCode: report.reasonCode ?? null,
		reason: report.reason ?? null,
		earliest: report.earliest ?? null,
	};
}

/** One report per push the request asked for: the path's own, else `invalid` for ids that are no hits, else `failed`. */
export function outcomesOf(send: ConsoleSend, reports: readonly PushReport[]): PushOutcome[] {
	const failure = (hitId: number | null): PushReport => ({ hitId, outcome: 'failed' satisfies OutreachOutcome, reason: NO_REPORT });
	if (send.op === 'push.test') {
		return [pushOutcome(send, reports.find((report) => report.hitId === null) ?? failure(null))];
	}
	const byHit = new Map<number, PushReport>();
	for (const report of reports) if (report.hitId !== null && !byHit.has(report.hitId)) byHit.set(report.hitId, report);
	return [
		...send.hitIds.map((hitId) => pushOutcome(send, byHit.get(hitId) ?? failure(hitId))),
		...send.missing.map((hitId) => pushOutcome(send, { hitId, outcome: 'invalid' satisfies OutreachOutcome, reasonCode: 'hit_not_found', reason: `命中 ${hitId} 不存在` })),
	];
}

/**
 * The answer to a send (board.send: `{ outcomes }`, push.test: the one outcome) once its
 * pushes have been through the workflow's path, audited as the person's send with what
 * became of each push.
 */
export async function answerSend(ctx: ConsoleContext, send: ConsoleSend, reports: readonly PushReport[]): Promise<ConsoleResponse> {
	const now = ctx.now?.() ?? new Date();
	try {
		const outcomes = outcomesOf(send, reports);
		await auditSend(ctx, send, outcomes);
		return { status: 200, headers: { ...BASE_HEADERS }, body: send.op === 'push.test' ? outcomes[0] : { outcomes } };
	} catch (error) {
		return errorResponse(error, now);
	}
}

export async function auditSend(ctx: ConsoleContext, send: ConsoleSend, outcomes: readonly PushOutcome[]): Promise<void> {
	const summary = outcomes.map(({ hitId, outcome, reasonCode }) => ({ hitId, outcome, reasonCode }));
	if (send.op === 'push.test') {
		const [{ outcome, reasonCode }] = summary;
		await recordAudit(ctx.store, {
			actor: send.actor,
			action: 'push.test',
			subject: send.phone ?? null,
			detail: { channel: send.channel, channelLabel: CHANNEL_LABELS[send.channel], templateId: send.templateId, outcome, reasonCode, requestId: send.requestId },
		});
		return;
	}
	await recordAudit(ctx.store, {
		actor: send.actor,
		action: 'hits.send',
		subject: null,
		detail: { channel: send.channel, channelLabel: CHANNEL_LABELS[send.channel], outcomes: summary, missing: send.missing, requestId: send.requestId },
	});
}
