import { countBoardHits, findSearchMatches, loadHitPage, parseBoardQuery, type HitPageRequest } from '../../lib/board';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS } from '../setup/testStores';
import { insertHit, insertLead } from './boardSeed';

const GRADES = ['A', 'B', 'C', 'D'];
const STATUSES = ['pending', 'in_progress', 'converted', 'contact_failed'] as const;
const SOURCES = ['系统X', 'CRM自动导入', '历史回归'];

function request(raw: Record<string, string>): HitPageRequest {
	return parseBoardQuery(raw);
}

/** 125 hits over 25 days; hit i: grade GRADES[i % 4], status STATUSES[⌊i / 5⌋ % 4], source SOURCES[i % 3], day 1 + i % 25. */
describe.each(STORE_KINDS)('board hit list on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
		for (let i = 0; i < 125; i++) {
			const leadId = `P${String(i).padStart(3, '0')}`;
			await insertLead(store, leadId, i === 7 ? '欧阳**' : '王*', `139****${String(1000 + i)}`);
			const day = String(1 + (i % 25)).padStart(2, '0');
			await insertHit(store, {
				leadId,
				grade: GRADES[i % 4],
				status: STATUSES[Math.floor(i / 5) % 4],
				source: SOURCES[i % 3],
				ruleId: i % 2 ? 'key-behaviour' : 'active-institutions',
				label: i % 2 ? '关键行为触发' : '活跃机构命中',
				reason: i === 42 ? '近3天发生100%贷款面签' : '近7天内在3家机构核验5次',
				hitDate: `2025-12-${day}`,
				createdAt: `2025-12-${day}T02:00:00Z`,
			});
		}
	});
	afterAll(() => store.close());

	it('pages through every hit exactly once, newest hit date first', async () => {
		const seen: number[] = [];
		let previous = '9999-12-31';
		for (let page = 1; page <= 7; page++) {
			const result = await loadHitPage(store, request({ page: String(page) }));
			expect(result).toMatchObject({ total: 125, page, pageSize: 20, pageCount: 7, from: (page - 1) * 20 + 1 });
			expect(result.to).toBe(Math.min(page * 20, 125));
			for (const hit of result.items) {
				expect(hit.hitDate <= previous).toBe(true);
				previous = hit.hitDate;
				seen.push(hit.hitId);
			}
		}
		expect(seen).toHaveLength(125);
		expect(new Set(seen).size).toBe(125);
	});

	it('shows the last page for a page past the end', async () => {
		const result = await loadHitPage(store, request({ page: '99', size: '50' }));
		expect(result).toMatchObject({ page: 3, pageCount: 3, from: 101, to: 125 });
		expect(result.items).toHaveLength(25);
	});

	it('filters by status, grade, rule, source and hit date, and counts what matches', async () => {
		const expected = Array.from({ length: 125 }, (_, i) => i).filter((i) => {
			const day = 1 + (i % 25);
			return STATUSES[Math.floor(i / 5) % 4] === 'converted' && GRADES[i % 4] === 'C' && i % 2 === 0 && SOURCES[i % 3] === '系统X' && day >= 5 && day <= 20;
		});
		expect(expected.length).toBeGreaterThan(0);
		const result = await loadHitPage(
			store,
			request({ status: 'converted', grade: 'C', rule: 'active-institutions', source: '系统X', from: '2025-12-05', to: '2025-12-20' }),
		);
		expect(result.total).toBe(expected.length);
		expect(result.items.map((h) => h.leadId).sort()).toEqual(expected.map((i) => `P${String(i).padStart(3, '0')}`));
	});

	it('searches lead ids, masked names and phone endings, rules and reasons, with % taken literally', async () => {
		expect((await loadHitPage(store, request({ q: 'p00' }))).total).toBe(10);
		expect((await loadHitPage(store, request({ q: '欧阳' }))).items.map((h) => h.leadId)).toEqual(['P007']);
		expect((await loadHitPage(store, request({ q: '1042' }))).items.map((h) => h.leadId)).toEqual(['P042']);
		expect((await loadHitPage(store, request({ q: '关键行为' }))).total).toBe(62);
		expect((await loadHitPage(store, request({ q: '100%' }))).items.map((h) => h.leadId)).toEqual(['P042']);
		expect((await loadHitPage(store, request({ q: '%' }))).total).toBe(1);
		expect((await loadHitPage(store, request({ q: 'key-behaviour', grade: 'B' }))).total).toBe(31);
		expect((await loadHitPage(store, request({ q: 'crm自动' }))).total).toBe(42); // a source, case folded: hits 1, 4, … 124
		expect((await loadHitPage(store, request({ q: 'KEY-BEH', status: 'pending' }))).total).toBe(14); // odd hits of statuses' first fives
		expect((await loadHitPage(store, request({ q: '面签', source: 'CRM自动导入' }))).total).toBe(0); // hit 42's source is 系统X
		expect((await loadHitPage(store, request({ q: '面签' }))).items.map((h) => h.leadId)).toEqual(['P042']);
		// More leads matching than are worth listing: they are read as a subquery, with the same result.
		for (const q of ['p00', '1042', '欧阳', '关键行为', 'crm自动']) {
			const matches = await findSearchMatches(store, q);
			expect(await countBoardHits(store, { search: q }, { ...matches, leadIds: null })).toBe(await countBoardHits(store, { search: q }));
		}
		expect((await loadHitPage(store, request({ q: 'nothing like this' })))).toMatchObject({ total: 0, items: [], page: 1, pageCount: 1, from: 0, to: 0 });
	});

	it('sorts by grade, status, arrival and hit date both ways', async () => {
		const byGrade = await loadHitPage(store, request({ sort: 'grade', size: '50' }));
		expect(byGrade.items.slice(0, 31).every((h) => h.grade === 'A')).toBe(true);
		expect(byGrade.items[32].grade).toBe('B');
		const byGradeDown = await loadHitPage(store, request({ sort: 'grade', dir: 'desc' }));
		expect(byGradeDown.items[0].grade).toBe('D');
		const byStatus = await loadHitPage(store, request({ sort: 'status', size: '100' }));
		expect(byStatus.items[0].status).toBe('pending');
		expect(byStatus.items[99].status).not.toBe('pending');
		const oldest = await loadHitPage(store, request({ dir: 'asc' }));
		expect(oldest.items[0].hitDate).toBe('2025-12-01');
		const arrived = await loadHitPage(store, request({ sort: 'createdAt' }));
		expect(arrived.items[0].hitDate).toBe('2025-12-25');
	});

	it('shows only masked personal data', async () => {
		const result = await loadHitPage(store, request({ q: 'P042' }));
		expect(result.items[0]).toMatchObject({ leadId: 'P042', leadName: '王*', phone: '139****1042' });
		expect(Object.keys(result.items[0])).not.toContain('phoneEnc');
	});
});
