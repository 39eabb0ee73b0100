import { xlsxFile } from '../../lib/files';
import { getHit, updateHitStatus } from '../../lib/hits';
import { attributeConversions, conversionRowsOfFile, conversionRowsOfObjects, importConversions } from '../../lib/roi';
import { protectPersonalFields } from '../../lib/roster';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';
import { idNumberOf, phoneOf, seedHits, seedPeople, seedSentPush, type Person } from './roiFixtures';

const csv = (lines: string[]) => ({ fileName: '转化.csv', data: Buffer.from(`\uFEFF${lines.join('\n')}\n`, 'utf8') });

describe.each(STORE_KINDS)('conversions import and attribution on %s', (kind) => {
	let store: Store;
	let people: Person[];
	let hitIds: number[];

	beforeAll(async () => {
		store = await openTestStore(kind);
		people = await seedPeople(store, 6);
		hitIds = await seedHits(store, [
			{ person: people[0], ruleId: 'active-institutions', hitDate: '2026-10-01' },
			{ person: people[0], ruleId: 'key-behaviour', hitDate: '2026-10-20' },
			{ person: people[1], ruleId: 'active-institutions', hitDate: '2026-10-01' },
			{ person: people[2], ruleId: 'active-institutions', hitDate: '2026-09-01' },
			{ person: people[3], ruleId: 'active-institutions', hitDate: '2026-10-05', controlGroup: true },
		]);
		await seedSentPush(store, hitIds[0], people[0].leadId, 'sms', '2026-10-02T02:00:00Z');
		await seedSentPush(store, hitIds[1], people[0].leadId, 'call', '2026-10-21T02:00:00Z');
	});
	afterAll(() => store.close());

	it('reads Chinese headers without mapping, hashes the person, reports every row once and attributes in the window', async () => {
		const file = csv([
			'身份证号,手机号,产品,金额,转化日期,备注',
			`${people[0].idNumber},,个人消费贷,"50,000.00",2026-10-25,首贷`, // 2: ID; hits of 10-01 and 10-20 in window
			`,${people[1].phone},信用卡,0,2026/10/15,`, // 3: phone only; hit of 10-01 in window
			`${people[2].idNumber},,个人消费贷,1000,2026-10-25,`, // 4: hit of 09-01 is 54 days before: no touch
			`${people[3].idNumber},,储蓄账户,10,20261010,`, // 5: held-out hit, converted anyway
			`110101199001011234,,个人消费贷,1000,2026-10-25,`, // 6: bad check digit
			`,13912345678,信用卡,abc,2026-13-01,`, // 7: amount and date both wrong; phone of no lead
			`${people[0].idNumber},,个人消费贷,"50,000.00",2026-10-25,首贷`, // 8: same as row 2
			`,13912345679,信用卡,99.5,2026-10-01,`, // 9: no lead has this phone
		]);
		const report = await importConversions(store, testKeys, conversionRowsOfFile(file), { sourceName: file.fileName });
		expect(report).toMatchObject({ rowsRead: 8, matched: 4, unmatched: 1, rejected: 2, duplicates: 1, duplicateRows: [8], amountCents: 5_000_000 + 0 + 100_000 + 1_000 + 9_950 });
		expect(report.matched + report.unmatched + report.rejected + report.duplicates).toBe(report.rowsRead);
		expect(report.rejections).toEqual([
			{ row: 6, field: 'idNumber', reason: expect.stringContaining('身份证号无效'), value: '110101********1234' },
			{ row: 7, field: 'amount', reason: expect.stringContaining('金额'), value: 'abc' },
			{ row: 7, field: 'convertedOn', reason: expect.stringContaining('转化日期'), value: '2026-13-01' },
		]);
		expect(report.attribution).toMatchObject({ windowDays: 30, attributedConversions: 3, touchesWritten: 4, hitsConverted: 4 });

		// Nothing personal in clear: only keyed hashes.
		const stored = await store.query<Record<string, unknown>>('SELECT * FROM conversions ORDER BY conversion_id');
		const text = JSON.stringify(stored.rows);
		for (const p of people) {
			expect(text).not.toContain(p.idNumber);
			expect(text).not.toContain(p.phone);
		}
		expect(text).not.toContain('13912345679');
		expect(stored.rows.map((r) => r.lead_id)).toEqual([people[0].leadId, people[1].leadId, people[2].leadId, people[3].leadId, null]);

		const touches = await store.query<{ hit_id: string; first_touch: boolean; last_touch: boolean; channel: string | null; days_after_hit: number }>(
			'SELECT hit_id, first_touch, last_touch, channel, days_after_hit FROM conversion_touches ORDER BY hit_id',
		);
		expect(touches.rows.map((t) => [Number(t.hit_id), t.first_touch, t.last_touch, t.channel, t.days_after_hit])).toEqual([
			[hitIds[0], true, false, 'sms', 24],
			[hitIds[1], false, true, 'call', 5],
			[hitIds[2], true, true, null, 14],
			[hitIds[4], true, true, null, 5],
		]);
		for (const id of [hitIds[0], hitIds[1], hitIds[2], hitIds[4]]) {
			expect(await getHit(store, id)).toMatchObject({ status: 'converted', convertedSource: 'imported' });
		}
		expect(await getHit(store, hitIds[3])).toMatchObject({ status: 'pending', convertedSource: null });
		expect(await getHit(store, hitIds[4])).toMatchObject({ controlGroup: true });
	});

	it('changes nothing when the same conversions come again, as XLSX or as items', async () => {
		const before = await store.query('SELECT * FROM conversion_touches ORDER BY conversion_id, hit_id');
		const hitsBefore = await store.query('SELECT hit_id, status, updated_at FROM hits ORDER BY hit_id');
		const xlsx = await xlsxFile(
			{ headers: ['证件号码', '手机号码', '产品名称', '转化金额', '放款日期'], rows: [[people[0].idNumber, '', '个人消费贷', '50000', '2026-10-25']] },
			'转化',
		);
		const again = await importConversions(store, testKeys, conversionRowsOfFile({ fileName: '转化.xlsx', data: xlsx }));
		expect(again).toMatchObject({ rowsRead: 1, matched: 0, unmatched: 0, rejected: 0, duplicates: 1 });
		const items = await importConversions(
			store,
			testKeys,
			conversionRowsOfObjects([{ 手机号: people[1].phone, 产品: '信用卡', 金额: 0, 转化日期: '2026-10-15' }, 'not an object']),
		);
		expect(items).toMatchObject({ rowsRead: 2, duplicates: 1, rejected: 1, rejections: [{ row: 2, field: '*' }] });
		expect(items.attribution).toMatchObject({ touchesWritten: 0, hitsConverted: 0 });
		expect((await store.query('SELECT * FROM conversion_touches ORDER BY conversion_id, hit_id')).rows).toEqual(before.rows);
		expect((await store.query('SELECT hit_id, status, updated_at FROM hits ORDER BY hit_id')).rows).toEqual(hitsBefore.rows);
		expect(await attributeConversions(store)).toMatchObject({ touchesWritten: 0, hitsConverted: 0 });
	});

	it('matches a waiting conversion once its lead arrives, and a bank reference makes a row unique', async () => {
		const personal = protectPersonalFields(testKeys, { phone: '13912345679' });
		await store.query('INSERT INTO leads (lead_id, phone_hash, phone_enc, phone_masked) VALUES ($1, $2, $3, $4)', [
			'LATE01',
			personal.phone_hash,
			personal.phone_enc,
			personal.phone_masked,
		]);
		const summary = await attributeConversions(store);
		expect(summary.touchesWritten).toBe(0);
		const waiting = await store.query<{ n: string }>('SELECT count(*) AS n FROM conversions WHERE lead_id IS NULL');
		expect(Number(waiting.rows[0].n)).toBe(0);

		const rows = conversionRowsOfObjects([
			{ 流水号: 'LN-001', 身份证号: people[5].idNumber, 产品: '个人消费贷', 金额: '100', 转化日期: '2026-11-01' },
			{ 流水号: 'LN-001', 身份证号: people[5].idNumber, 产品: '个人消费贷', 金额: '120', 转化日期: '2026-11-02' },
		]);
		expect(await importConversions(store, testKeys, rows)).toMatchObject({ matched: 1, duplicates: 1, duplicateRows: [2] });
	});

	it('moves hits with more memory for that statement only, and keeps a hit staff converted as theirs', async () => {
		await updateHitStatus(store, hitIds[3], '营销已转化');
		let setting = '';
		let hit: unknown;
		let summary: unknown;
		// A wider window takes in the hit of 09-01 (54 days before its conversion); rolled back after.
		await store
			.transaction(async (tx) => {
				await tx.query("SELECT set_config('work_mem', '8MB', true)");
				summary = await attributeConversions(tx, { windowDays: 60 });
				setting = (await tx.query<{ w: string }>("SELECT current_setting('work_mem') AS w")).rows[0].w;
				hit = await getHit(tx, hitIds[3]);
				throw new Error('roll back');
			})
			.catch((error: Error) => {
				if (error.message !== 'roll back') throw error;
			});
		expect(summary).toMatchObject({ windowDays: 60, hitsConverted: 0 });
		expect((summary as { touchesWritten: number }).touchesWritten).toBeGreaterThan(0);
		expect(setting).toBe('8MB');
		expect(hit).toMatchObject({ status: 'converted', convertedSource: 'staff' });
	});

	it('records a conversion clicked on the board as the staff’s', async () => {
		expect(await updateHitStatus(store, hitIds[3], '营销已转化')).toMatchObject({ status: 'converted', convertedSource: 'staff' });
		expect(await updateHitStatus(store, hitIds[3], 'in_progress')).toMatchObject({ status: 'in_progress', convertedSource: null });
	});

	it('reads a JSON file with English keys', async () => {
		const data = Buffer.from(JSON.stringify([{ phone: people[4].phone, product: '信用卡', amount: '1.5', convertedOn: '2026-11-03' }]));
		const report = await importConversions(store, testKeys, conversionRowsOfFile({ fileName: 'c.json', data }));
		expect(report).toMatchObject({ rowsRead: 1, matched: 1, amountCents: 150 });
	});

	it('gives a touch the last push sent by the conversion day, not one sent after it', async () => {
		const personal = protectPersonalFields(testKeys, { idNumber: idNumberOf(40), phone: phoneOf(40) });
		const person: Person = { leadId: 'PUSHED01', idNumber: idNumberOf(40), phone: phoneOf(40), idHash: personal.id_hash as string };
		await store.query('INSERT INTO leads (lead_id, id_hash, phone_hash) VALUES ($1, $2, $3)', [person.leadId, person.idHash, personal.phone_hash]);
		const [twice, once, never] = await seedHits(store, [
			{ person, ruleId: 'active-institutions', hitDate: '2026-11-10' },
			{ person, ruleId: 'key-behaviour', hitDate: '2026-11-11' },
			{ person, ruleId: 'dormant', hitDate: '2026-11-12' },
		]);
		const sms = await seedSentPush(store, twice, person.leadId, 'sms', '2026-11-10T02:00:00Z');
		const call = await seedSentPush(store, twice, person.leadId, 'call', '2026-11-20T02:00:00Z'); // after the conversion
		await seedSentPush(store, once, person.leadId, 'sms', '2026-11-16T02:00:00Z'); // its only push, after the conversion
		const rows = conversionRowsOfObjects([{ 身份证号: person.idNumber, 产品: '信用卡', 金额: '10', 转化日期: '2026-11-15' }]);
		expect((await importConversions(store, testKeys, rows)).attribution).toMatchObject({ attributedConversions: 1, touchesWritten: 3 });
		const touches = await store.query<{ hit_id: string; push_id: string | null; channel: string | null }>(
			'SELECT hit_id, push_id, channel FROM conversion_touches WHERE hit_id = ANY($1::bigint[]) ORDER BY hit_id',
			[[twice, once, never]],
		);
		expect(touches.rows.map((t) => [Number(t.hit_id), t.push_id === null ? null : Number(t.push_id), t.channel])).toEqual([
			[twice, sms, 'sms'],
			[once, null, null],
			[never, null, null],
		]);
		expect(call).toBeGreaterThan(sms);
	});
});
