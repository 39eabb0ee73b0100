import { changeOwner } from '../../lib/assignment';
import { loadLeadBoard, type LeadBoardFilters } from '../../lib/board';
import { addDays } from '../../lib/calendar';
import { createLead, deleteLead } from '../../lib/roster';
import { scoreLeads, standardScoringModel } from '../../lib/scoring';
import { writeBoardScores } from '../../lib/scoring/boardScores';
import { createStaff } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { makeIdNumber } from '../identity/idNumberFixtures';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';
import { addEvents, addHit, ensureDay } from '../scoring/scoringFixtures';

const DAY = '2026-11-20';
const model = { ...standardScoringModel(), threshold: 40, decay: { kind: 'halfLife' as const, days: 3 } };
const admin = { username: 'boss', role: 'admin' as const };
const ID = (n: number) => makeIdNumber('330106', `198${n}0312`, `12${n}`);

interface Shown {
	leadId: string;
	score: number | null;
	grade: string | null;
	mature: boolean;
}

/** The board as lead_scores computes it on read: every lead with a hit, best score first. */
async function boardFromTheView(store: Store): Promise<Shown[]> {
	const rows = await store.query<{ lead_id: string; score: string | null; grade: string | null; mature: boolean | null }>(
		`SELECT l.lead_id, s.score::text AS score, s.grade, s.mature FROM leads l LEFT JOIN lead_scores s ON s.lead_id = l.lead_id
		 WHERE EXISTS (SELECT 1 FROM hits h WHERE h.lead_id = l.lead_id) ORDER BY s.score DESC NULLS LAST, l.lead_id`,
	);
	return rows.rows.map((row) => ({ leadId: row.lead_id, score: row.score === null ? null : Number(row.score), grade: row.grade, mature: row.mature === true }));
}

async function shownOnBoard(store: Store, filters: LeadBoardFilters = {}): Promise<{ shown: Shown[]; leads: number; mature: number; gradeA: number }> {
	const board = await loadLeadBoard(store, admin, { filters, page: 1, pageSize: 50 });
	return {
		shown: board.items.map((row) => ({ leadId: row.leadId, score: row.score, grade: row.grade, mature: row.mature })),
		leads: board.kpis.leads,
		mature: board.kpis.mature,
		gradeA: board.kpis.gradeA,
	};
}

async function expectBoardEqualsTheView(store: Store): Promise<void> {
	const expected = await boardFromTheView(store);
	const board = await shownOnBoard(store);
	expect(board.shown).toEqual(expected);
	expect(board.leads).toBe(expected.length);
	expect(board.mature).toBe(expected.filter((row) => row.mature).length);
	expect(board.gradeA).toBe(expected.filter((row) => row.grade?.startsWith('A')).length);
}

describe.each(STORE_KINDS)('the board reads the scores the run stored, on %s', (kind) => {
	let store: Store;

	beforeAll(async () => {
		store = await openTestStore(kind);
		for (let n = 0; n < 6; n++) {
			await createLead(store, testKeys, {
				leadId: `P${n}`,
				name: '测试',
				idNumber: ID(n),
				company: n % 2 ? '纷扬科技' : undefined,
				industry: n % 3 ? '制造业' : '教育',
				sourceChannel: n < 3 ? '熟人转介绍' : '抖音推广',
				attributes: { 客户等级: n === 0 ? 'VIP' : '中' },
			});
		}
		for (let day = addDays(DAY, -10); day <= addDays(DAY, 3); day = addDays(day, 1)) await ensureDay(store, day);
		await addEvents(store, ID(0), addDays(DAY, -1), 'face', 3);
		await addEvents(store, ID(1), DAY, 'ocr', 2);
		await addEvents(store, ID(4), addDays(DAY, -3), 'data_api', 4);
		await addHit(store, 'P0', ID(0), 'key-behaviour', addDays(DAY, -1));
		await addHit(store, 'P0', ID(0), 'active-institutions', DAY);
		await addHit(store, 'P1', ID(1), 'active-institutions', DAY);
		await addHit(store, 'P2', ID(2), 'active-institutions', addDays(DAY, -2));
		await scoreLeads(store, model, { scoredOn: DAY, modelVersion: 1 });
	});
	afterAll(() => store.close());

	it('after a run: the same leads, order, scores, grades and KPIs as lead_scores, one row per person', async () => {
		const board = await shownOnBoard(store);
		expect(board.shown.map((row) => row.leadId).sort()).toEqual(['P0', 'P1', 'P2']);
		expect(board.leads).toBe(3); // P0's two hits count once
		expect(board.shown.every((row) => row.score !== null)).toBe(true);
		await expectBoardEqualsTheView(store);
	});

	it('a lead whose first hit comes after the run is listed with its score as of the run, in order, and filtered by it', async () => {
		await addEvents(store, ID(4), DAY, 'face', 3); // counted by the next run only
		await addHit(store, 'P4', ID(4), 'key-behaviour', DAY);
		await addHit(store, 'P1', ID(1), 'key-behaviour', DAY); // a second hit: still one person
		const board = await shownOnBoard(store);
		expect(board.leads).toBe(4);
		expect(board.shown.map((row) => row.leadId)).toContain('P4');
		await expectBoardEqualsTheView(store);
		const p4 = (await boardFromTheView(store)).find((row) => row.leadId === 'P4') as Shown;
		expect((await shownOnBoard(store, { grade: p4.grade as string })).shown.map((row) => row.leadId)).toContain('P4');
		expect((await shownOnBoard(store, { scoreMin: (p4.score as number) + 0.01 })).shown.map((row) => row.leadId)).not.toContain('P4');
	});

	it('after the next days (decay, and the hits since): still equal to lead_scores, the scores moved', async () => {
		const before = await shownOnBoard(store);
		await scoreLeads(store, model, { scoredOn: addDays(DAY, 1), modelVersion: 1 });
		await expectBoardEqualsTheView(store);
		const after = await shownOnBoard(store);
		expect(after.shown.map((row) => row.score)).not.toEqual(before.shown.map((row) => row.score)); // a 3-day half-life moves them
		await addHit(store, 'P3', ID(3), 'active-institutions', addDays(DAY, 2));
		await scoreLeads(store, model, { scoredOn: addDays(DAY, 3), modelVersion: 1 });
		await expectBoardEqualsTheView(store);
		expect((await shownOnBoard(store)).leads).toBe(5);
	});

	it('a deleted lead leaves the board; a lead with no hit is never on it', async () => {
		await deleteLead(store, 'P2');
		const board = await shownOnBoard(store);
		expect(board.shown.map((row) => row.leadId)).not.toContain('P2');
		expect(board.shown.map((row) => row.leadId)).not.toContain('P5');
		expect(board.leads).toBe(4);
		await expectBoardEqualsTheView(store);
	});

	it('a rebuild (a new model version) stores the rebuilt scores', async () => {
		await scoreLeads(store, { ...model, decay: { kind: 'halfLife', days: 7 } }, { scoredOn: addDays(DAY, 4), modelVersion: 2 });
		await expectBoardEqualsTheView(store);
	});
});

describe('a hit committed while a run stores the board scores (postgres: two connections)', () => {
	let store: Store;

	beforeAll(async () => {
		store = await openTestStore('postgres');
		for (let n = 0; n < 2; n++) await createLead(store, testKeys, { leadId: `R${n}`, name: '测试', idNumber: ID(n), industry: '制造业' });
		await addHit(store, 'R0', ID(0), 'active-institutions', DAY);
		await scoreLeads(store, model, { scoredOn: DAY, modelVersion: 1 });
	});
	afterAll(() => store.close());

	it('its lead is listed once it commits; the run waits for it before it sets the hits\' push grade, so the hit carries the fit the run gave its lead', async () => {
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		let inserted = () => {};
		const hitInserted = new Promise<void>((resolve) => (inserted = resolve));
		const hitTransaction = store.transaction(async (tx) => {
			await tx.query(
				`INSERT INTO hits (lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason)
				 VALUES ('R1', 'h-R1', 'key-behaviour', 1, 'w', $1::date, 'B', '测试命中', '-')`,
				[DAY],
			);
			inserted();
			await held;
		});
		await hitInserted;
		await store.exec(`UPDATE leads SET industry = '信息技术', source_channel = '熟人转介绍', attributes = '{"客户等级": "VIP"}', updated_at = now() WHERE lead_id = 'R1'`);
		const run = scoreLeads(store, model, { scoredOn: addDays(DAY, 1), modelVersion: 1 }); // its board does not see R1's hit
		const waiting = async () =>
			(await store.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_locks WHERE relation = $1::regclass AND NOT granted', ['hits'])).rows[0].n;
		for (let tries = 0; tries < 250 && (await waiting()) === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
		expect(await waiting()).toBe(1); // the run, at its last step
		expect((await shownOnBoard(store)).shown.map((row) => row.leadId)).toEqual(['R0']); // the run has not committed
		release();
		await hitTransaction;
		await run;
		const arrivals = await store.query<{ lead_id: string }>('SELECT lead_id FROM lead_board_arrivals');
		expect(arrivals.rows.map((row) => row.lead_id)).toEqual(['R1']);
		expect((await shownOnBoard(store)).shown.map((row) => row.leadId).sort()).toEqual(['R0', 'R1']);
		await expectBoardEqualsTheView(store);
		const grades = await store.query<{ push_grade: string; fit: string }>(
			`SELECT h.push_grade, s.fit FROM hits h JOIN lead_scores s ON s.lead_id = h.lead_id WHERE h.lead_id = 'R1'`,
		);
		expect(grades.rows).toEqual([{ push_grade: 'A', fit: 'A' }]); // the hit took the fit from before the run (D): the run set it
		await scoreLeads(store, model, { scoredOn: addDays(DAY, 2), modelVersion: 1 });
		await expectBoardEqualsTheView(store);
		const stored = await store.query<{ lead_id: string }>('SELECT lead_id FROM lead_board_scores ORDER BY lead_id');
		expect(stored.rows.map((row) => row.lead_id)).toEqual(['R0', 'R1']);
	});

	it('an owner change committed while a run stores its lead waits for the run, then shows at once', async () => {
		await createStaff(store, { username: 'late', displayName: 'late', role: 'marketing', password: 'a-long-password-123', createdBy: 'test' });
		await createLead(store, testKeys, { leadId: 'R2', name: '测试', idNumber: ID(2), attributes: { branch: '杭州分行' } });
		await addHit(store, 'R2', ID(2), 'active-institutions', addDays(DAY, 2)); // an arrival: the next run stores it
		let change: Promise<unknown> = Promise.resolve();
		let changed = false;
		await store.transaction(async (tx) => {
			await writeBoardScores(tx); // R2 stored unassigned, not committed: a trigger elsewhere cannot see the row
			change = changeOwner(store, { leadId: 'R2', toOwner: 'late', actor: 'boss', reason: '测试', day: addDays(DAY, 2) }).then(() => (changed = true));
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(changed).toBe(false);
		});
		await change;
		expect((await store.query(`SELECT owner, branch FROM lead_board_scores WHERE lead_id = 'R2'`)).rows).toEqual([{ owner: 'late', branch: '杭州分行' }]);
		const board = await loadLeadBoard(store, { username: 'late', role: 'marketing' }, { filters: {}, page: 1, pageSize: 50 });
		expect(board.items.map((row) => row.leadId)).toEqual(['R2']);
	});
});
