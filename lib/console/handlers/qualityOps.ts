import { leadSessions, listSessions, qualityStandings, qualityTrend, scoreSessions, sessionBreakdown, type StandingGroup } from '../../quality';
import { ConsoleError } from '../ConsoleError';
import { signedIn, type Operation } from '../operation';
import { readBoolean, readChoice, readInteger, readPage, readText } from '../readInput';

const GROUPS: readonly StandingGroup[] = ['agent', 'team'];

/** Conversation quality (会话质检): reads for every role; scoring every session again (an administrator's, audited). */
export const qualityOps: Record<'quality.standings' | 'quality.trend' | 'quality.sessions' | 'quality.session' | 'quality.leadSessions' | 'quality.rescore', Operation> = {
	'quality.standings': signedIn(async ({ ctx, input, now }) => qualityStandings(ctx.store, { group: readChoice(input, 'group', GROUPS, 'agent') as StandingGroup, now })),

	'quality.trend': signedIn(async ({ ctx, input, now }) =>
		qualityTrend(ctx.store, {
			group: readChoice(input, 'group', GROUPS),
			key: readText(input, 'key', { max: 128 }),
			days: readInteger(input, 'days', { min: 1, max: 90 }),
			now,
		}),
	),

	'quality.sessions': signedIn(async ({ ctx, input }) => {
		const { page, pageSize } = readPage(input);
		return listSessions(ctx.store, {
			group: readChoice(input, 'group', GROUPS),
			key: readText(input, 'key', { max: 128 }),
			worstFirst: readBoolean(input, 'worstFirst') ?? false,
			page,
			pageSize,
		});
	}),

	'quality.session': signedIn(async ({ ctx, input }) => {
		const sessionId = readText(input, 'sessionId', { required: true, max: 128 }) as string;
		const breakdown = await sessionBreakdown(ctx.store, sessionId);
		if (!breakdown) throw new ConsoleError('notFound', `会话 ${sessionId} 不存在 (no such session)`, 'sessionId');
		return breakdown;
	}),

	'quality.leadSessions': signedIn(async ({ ctx, input }) => leadSessions(ctx.store, ctx.keys.hashKey, readText(input, 'leadId', { required: true, max: 64 }) as string)),

	// Audited once done, with what it did: a run that fails part-way has changed only scores, which the next run recomputes.
	'quality.rescore': signedIn(async ({ ctx, audit }) => {
		const summary = await scoreSessions(ctx.store, { all: true });
		await audit(ctx.store, 'quality.rescore', `qualityModel v${summary.modelVersion}`, { ...summary });
		return summary;
	}),
};
