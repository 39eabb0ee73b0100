import { listAudit } from '../../audit';
import { signedIn, type Operation } from '../operation';
import { paged, readPage, readText } from '../readInput';

export const auditOps: Record<'audit.list', Operation> = {
	'audit.list': signedIn(async ({ ctx, input }) => {
		const page = readPage(input, { defaultSize: 50, maxSize: 200 });
		const { total, rows } = await listAudit(ctx.store, {
			actor: readText(input, 'actor', { max: 64 }),
			action: readText(input, 'action', { max: 64 }),
			subject: readText(input, 'subject', { max: 200 }),
			from: readText(input, 'from', { max: 40 }),
			to: readText(input, 'to', { max: 40 }),
			timeZone: ctx.timeZone,
			limit: page.limit,
			offset: page.offset,
		});
		return paged(page, total, rows);
	}),
};
