import { changeHitStatuses, loadBoard, MAX_ACTION_HITS, parseBoardQuery, selectHitsForPush } from '../../board';
import { checkedHitStatus, getHit } from '../../hits';
import { CHANNELS, type Channel } from '../../ledger';
import { auditSend, outcomesOf } from '../answerSend';
import { ConsoleError } from '../ConsoleError';
import { newConsoleSend, SendOrder } from '../consoleSend';
import { signedIn, type Operation } from '../operation';
import { readChoice, readIdList, readInteger, readText, type Input } from '../readInput';

/** The board's own query keys (q, rule, from, to, dir, size) from the API's names; the board ignores what does not fit. */
function boardQueryKeys(input: Input): Record<string, unknown> {
	return {
		q: input.search,
		status: input.status,
		grade: input.grade,
		rule: input.ruleId,
		source: input.source,
		from: input.dateFrom,
		to: input.dateTo,
		sort: input.sort,
		dir: input.order,
		size: input.pageSize,
		page: input.page,
	};
}

export const boardOps: Record<'board.data' | 'board.hit' | 'board.status' | 'board.send', Operation> = {
	'board.data': signedIn(async ({ ctx, input, now }) => loadBoard(ctx.store, parseBoardQuery(boardQueryKeys(input)), { timeZone: ctx.timeZone, now })),

	'board.hit': signedIn(async ({ ctx, input }) => getHit(ctx.store, readInteger(input, 'hitId', { min: 1, required: true }) as number)),

	'board.status': signedIn(async ({ ctx, input, audit }) => {
		const hitIds = readIdList(input, 'hitIds', MAX_ACTION_HITS);
		const status = checkedHitStatus(readText(input, 'status', { required: true, max: 40 }) as string);
		return ctx.store.transaction(async (tx) => {
			const result = await changeHitStatuses(tx, hitIds, status);
			await audit(tx, 'hits.status', null, { status, hitIds: result.hits.map((hit) => hit.hitId), missing: result.missing });
			return { changed: result.hits.length, hits: result.hits, missing: result.missing };
		});
	}),

	/**
	 * 批量短信 / 批量外呼: the selected hits (masked) go to the workflow's send path, Push Gate
	 * → SMS / Outbound Call, which answers with each one's outcome (sent, held by the policy
	 * and why, …); ids that are no hits are answered as such. With none left, it answers at once.
	 */
	'board.send': signedIn(async ({ ctx, input, staff, now }) => {
		const hitIds = readIdList(input, 'hitIds', MAX_ACTION_HITS);
		const channel = readChoice(input, 'channel', CHANNELS) as Channel | undefined;
		if (!channel) throw new ConsoleError('invalid', `请选择渠道：${CHANNELS.join('、')} (channel is required)`, 'channel');
		const { hits, missing } = await selectHitsForPush(ctx.store, hitIds, channel);
		const send = newConsoleSend({ op: 'board.send', actor: staff.username, channel, hitIds: hits.map((hit) => hit.hitId), missing }, now);
		if (hits.length > 0) return new SendOrder({ send, hits });
		const outcomes = outcomesOf(send, []);
		await auditSend(ctx, send, outcomes);
		return { outcomes };
	}),
};
