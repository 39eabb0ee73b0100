import { bufferSource } from '../../lib/ingest';
import { ingestQualityFile, leadSessions, listSessions, qualityStandings, qualityTrend, scoreSessions } from '../../lib/quality';
import { createLead } from '../../lib/roster';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';
import { goodSession, poorSession } from './qualityFixtures';

const NOW = new Date('2026-12-20T12:00:00Z');
const DAY = 86_400_000;
const template = { good: goodSession, poor: poorSession };

/** One session from a template, moved to `daysAgo` before NOW, as JSON Lines. */
function sessionLines(id: string, agent: string, team: string, kind: keyof typeof template, daysAgo: number, extra: Record<string, string> = {}): string[] {
	const shift = NOW.getTime() - daysAgo * DAY - template[kind][0].sentAt - 3_600_000;
	return template[kind].map((m, i) =>
		JSON.stringify({ sessionId: id, agentId: agent, role: m.role, sentAt: new Date(m.sentAt + shift).toISOString(), text: m.text, team, ...(i === 0 ? extra : {}) }),
	);
}

describe.each(STORE_KINDS)('standings, badges, trends and the lead link on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
		const messages: string[] = [];
		const ratings: string[] = ['sessionId,rating,ratedAt'];
		const rate = (id: string, rating: number, daysAgo: number) => ratings.push(`${id},${rating},${new Date(NOW.getTime() - daysAgo * DAY).toISOString()}`);
		// 金牌: 11 good sessions rated 5, four of them in the last 3 days.
		for (let i = 0; i < 11; i++) {
			messages.push(...sessionLines(`gold-${i}`, '金牌', '一组', 'good', i < 4 ? 1 : 10));
			rate(`gold-${i}`, 5, i < 4 ? 1 : 10);
		}
		// 新人: 5 good sessions rated 5 (too few ratings for 金牌), and one 40 days ago (outside every window).
		for (let i = 0; i < 5; i++) {
			messages.push(...sessionLines(`new-${i}`, '新人', '二组', 'good', 5));
			rate(`new-${i}`, 5, 5);
		}
		messages.push(...sessionLines('new-old', '新人', '二组', 'poor', 40));
		// 慢: 11 poor sessions rated 2; one linked to a lead by its id, one by its phone.
		for (let i = 0; i < 11; i++) {
			const link: Record<string, string> = i === 0 ? { leadId: 'L-77' } : i === 1 ? { phone: '139 0013 9000' } : {};
			messages.push(...sessionLines(`slow-${i}`, '慢', '二组', 'poor', 2, link));
			rate(`slow-${i}`, 2, 2);
		}
		await ingestQualityFile(store, testKeys, bufferSource('messages.jsonl', Buffer.from(messages.join('\n'))), { kind: 'messages', now: NOW });
		await ingestQualityFile(store, testKeys, bufferSource('ratings.csv', Buffer.from(ratings.join('\n'))), { kind: 'ratings', now: NOW });
		await scoreSessions(store);
	});
	afterAll(() => store.close());

	it('ranks agents over 3 and 30 days with stars and badges', async () => {
		const standings = await qualityStandings(store, { group: 'agent', now: NOW });
		expect(standings.rows.map((r) => r.key)).toEqual(['金牌', '新人', '慢']);
		// Shares of good ratings: 1, 1, 0 → the average all agents must beat is 2/3.
		expect(standings.averageGoodRatingShare).toBeCloseTo(0.667, 3);
		const [gold, newcomer, slow] = standings.rows;
		expect(gold.last30Days).toMatchObject({ sessions: 11, ratings: 11, avgQa: 4.79, avgRating: 5, total: 4.83, stars: 5, goodRatingShare: 1 });
		expect(gold.last3Days).toMatchObject({ sessions: 4, ratings: 4 });
		expect(gold).toMatchObject({ starBadge: true, goldAgent: true });
		expect(newcomer.last30Days).toMatchObject({ sessions: 5, ratings: 5, stars: 5 });
		expect(newcomer.last3Days).toMatchObject({ sessions: 0, total: null });
		expect(newcomer).toMatchObject({ starBadge: true, goldAgent: false });
		// Poor sessions: QA 3.24, rating 2 → 0.2×2 + 0.8×3.24 = 2.99, two stars.
		expect(slow.last30Days).toMatchObject({ sessions: 11, avgQa: 3.24, total: 2.99, stars: 2, goodRatingShare: 0 });
		expect(slow).toMatchObject({ starBadge: false, goldAgent: false });
	});

	it('ranks teams the same way', async () => {
		const teams = await qualityStandings(store, { group: 'team', now: NOW });
		expect(teams.rows.map((r) => [r.key, r.last30Days.sessions])).toEqual([
			['一组', 11],
			['二组', 16],
		]);
		expect(teams.rows.every((r) => !r.goldAgent)).toBe(true);
	});

	it('gives a day-by-day trend', async () => {
		const trend = await qualityTrend(store, { group: 'agent', key: '金牌', days: 30, now: NOW });
		expect(trend.map((p) => p.sessions)).toEqual([7, 4]);
		expect(trend[1]).toMatchObject({ avgQa: 4.79, avgRating: 5, total: 4.83 });
	});

	it('lists an agent’s sessions, worst first', async () => {
		const page = await listSessions(store, { group: 'team', key: '二组', worstFirst: true, pageSize: 3 });
		expect(page.total).toBe(17);
		expect(page.rows[0].total).toBe(2.99);
	});

	it('finds a lead’s conversations by its id or its phone', async () => {
		await createLead(store, testKeys, { leadId: 'L-77', name: '张三' });
		await createLead(store, testKeys, { leadId: 'L-78', name: '李四', phone: '13900139000' });
		expect((await leadSessions(store, testKeys.hashKey, 'L-77')).map((s) => s.sessionId)).toEqual(['slow-0']);
		expect((await leadSessions(store, testKeys.hashKey, 'L-78')).map((s) => s.sessionId)).toEqual(['slow-1']);
		expect(await leadSessions(store, testKeys.hashKey, 'L-79')).toEqual([]);
	});
});
