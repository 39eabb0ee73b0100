import { listOptOuts, registerOptOut } from '../../ledger';
import { signedIn, type Operation } from '../operation';
import { paged, readPage, readText } from '../readInput';

export const optOutOps: Record<'optOuts.list' | 'optOuts.register', Operation> = {
	'optOuts.list': signedIn(async ({ ctx, input }) => {
		const page = readPage(input);
		const { total, rows } = await listOptOuts(ctx.store, ctx.keys, { search: readText(input, 'search', { max: 64 }), limit: page.limit, offset: page.offset });
		return paged(page, total, rows);
	}),

	'optOuts.register': signedIn(async ({ ctx, input, staff, audit }) =>
		ctx.store.transaction(async (tx) => {
			const entries = await registerOptOut(tx, ctx.keys, {
				leadId: readText(input, 'leadId', { max: 64 }),
				phone: readText(input, 'phone', { max: 40 }),
				channel: readText(input, 'channel', { required: true, max: 10 }) as string,
				reason: readText(input, 'reason', { max: 200 }),
				source: `console:${staff.username}`,
			});
			await audit(tx, 'optOuts.register', entries[0].subject, { subjects: entries.map((e) => e.subject), channel: entries[0].channel, reason: entries[0].reason });
			return entries;
		}),
	),
};
