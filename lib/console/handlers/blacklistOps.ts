import {
	addToBlacklist,
	countBlacklist,
	listBlacklist,
	maskBlacklistValue,
	normaliseBlacklistValue,
	removeBlacklistEntry,
	removeFromBlacklist,
} from '../../blacklist';
import { signedIn, type Operation } from '../operation';
import { paged, readPage, readText } from '../readInput';

export const blacklistOps: Record<'blacklist.list' | 'blacklist.add' | 'blacklist.remove', Operation> = {
	'blacklist.list': signedIn(async ({ ctx, input }) => {
		const page = readPage(input);
		const [total, rows] = await Promise.all([countBlacklist(ctx.store), listBlacklist(ctx.store, page.limit, page.offset)]);
		return paged(page, total, rows);
	}),

	'blacklist.add': signedIn(async ({ ctx, input, audit }) =>
		ctx.store.transaction(async (tx) => {
			const kind = readText(input, 'kind', { required: true, max: 20 }) as string;
			const value = readText(input, 'value', { required: true, max: 200 }) as string;
			const entry = await addToBlacklist(tx, ctx.keys, kind, value, readText(input, 'note', { max: 200 }));
			if (entry.added) await audit(tx, 'blacklist.add', entry.kind, { value: entry.value, note: entry.note });
			return entry;
		}),
	),

	'blacklist.remove': signedIn(async ({ ctx, input, audit }) =>
		ctx.store.transaction(async (tx) => {
			const id = readText(input, 'id', { max: 200 });
			if (id) {
				const result = await removeBlacklistEntry(tx, id);
				if (result.removed) await audit(tx, 'blacklist.remove', result.kind, { id });
				return { removed: result.removed };
			}
			const value = readText(input, 'value', { required: true, max: 200 }) as string;
			const result = await removeFromBlacklist(tx, ctx.keys, readText(input, 'kind', { required: true, max: 20 }) as string, value);
			if (result.removed) {
				await audit(tx, 'blacklist.remove', result.kind, { value: maskBlacklistValue(result.kind, normaliseBlacklistValue(result.kind, value) ?? value) });
			}
			return { removed: result.removed };
		}),
	),
};
