import { changeOwnerIn, linkToSourceLead, type LeadViewer } from '../../assignment';
import { loadLeadBoard, loadLeadDetail } from '../../board';
import { activeConfig } from '../../config';
import { windowEndFor } from '../../rules';
import { scoringConfig } from '../../scoring';
import type { StaffInfo } from '../../staff';
import { ConsoleError } from '../ConsoleError';
import { signedIn, type Operation } from '../operation';
import { readChoice, readInteger, readText, type Input } from '../readInput';

function viewerOf(staff: StaffInfo): LeadViewer {
	return { username: staff.username, role: staff.role };
}

function readScore(input: Input, field: string): number | undefined {
	const text = readText(input, field, { max: 20 });
	if (text === undefined || text === '') return undefined;
	const value = Number(text);
	if (!Number.isFinite(value)) throw new ConsoleError('invalid', `${field}: 应为数字 (must be a number, got "${text}")`, field);
	return value;
}

export const leadBoardOps: Record<'board.leads' | 'board.lead' | 'board.assign', Operation> = {
	'board.leads': signedIn(async ({ ctx, input, staff }) =>
		loadLeadBoard(ctx.store, viewerOf(staff), {
			filters: {
				grade: readText(input, 'grade', { max: 2 }),
				owner: readText(input, 'owner', { max: 64 }),
				branch: readText(input, 'branch', { max: 100 }),
				scoreMin: readScore(input, 'scoreMin'),
				scoreMax: readScore(input, 'scoreMax'),
			},
			page: readInteger(input, 'page', { min: 1 }) ?? 1,
			pageSize: readInteger(input, 'pageSize', { min: 1, max: 100 }) ?? 20,
		}),
	),

	'board.lead': signedIn(async ({ ctx, input, staff }) => {
		const model = (await activeConfig(ctx.store, scoringConfig)).body;
		return loadLeadDetail(ctx.store, viewerOf(staff), model, readText(input, 'leadId', { required: true, max: 64 }) as string);
	}),

	'board.assign': signedIn(async ({ ctx, input, staff, audit, now }) => {
		const leadId = readText(input, 'leadId', { required: true, max: 64 }) as string;
		const action = readChoice(input, 'action', ['changeOwner', 'link'] as const);
		if (!action) throw new ConsoleError('invalid', '请选择操作：changeOwner / link (action is required)', 'action');
		// The lead must be one this person may see (404 otherwise), as on the board.
		await loadLeadDetail(ctx.store, viewerOf(staff), (await activeConfig(ctx.store, scoringConfig)).body, leadId);
		if (action === 'link') {
			const sourceLeadId = readText(input, 'sourceLeadId', { required: true, max: 64 }) as string;
			return ctx.store.transaction(async (tx) => {
				await linkToSourceLead(tx, { leadId, sourceLeadId, actor: staff.username });
				await audit(tx, 'leads.link', leadId, { sourceLeadId });
				return { leadId, linkedTo: sourceLeadId };
			});
		}
		const toOwner = readText(input, 'toOwner', { required: true, max: 64 }) as string;
		const reason = readText(input, 'reason', { required: true, max: 500 }) as string;
		return ctx.store.transaction(async (tx) => {
			const change = await changeOwnerIn(tx, { leadId, toOwner, actor: staff.username, reason, day: windowEndFor(now, ctx.timeZone) });
			await audit(tx, 'leads.changeOwner', leadId, { from: change.previousOwner, to: toOwner, reason });
			return { leadId, ...change };
		});
	}),
};
