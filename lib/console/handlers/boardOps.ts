import { changeHitStatuses, loadBoard, MAX_ACTION_HITS, parseBoardQuery } from '../../board';
import { checkedHitStatus, getHit } from '../../hits';
import { notAvailable, signedIn, type Operation } from '../operation';
import { readIdList, readInteger, readText, type Input } from '../readInput';

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

	// TODO(merge): sends go through the workflow's Push Gate → SMS / Outbound Call path (the Lead Console node's send output).
	'board.send': notAvailable('营销推送'),
};
