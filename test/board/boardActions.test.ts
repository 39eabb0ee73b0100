import { boardRedirect, changeHitStatuses, parseBoardAction, selectHitsForPush, MAX_ACTION_HITS } from '../../lib/board';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS } from '../setup/testStores';
import { insertHit, insertLead } from './boardSeed';

describe('board action requests', () => {
	it('reads a form post: repeated or comma-separated ids, the Chinese status label, the board to go back to', () => {
		expect(parseBoardAction({ action: 'status', hitIds: ['3', '1', '3'], status: '营销已转化', returnTo: 'status=pending&page=2' })).toEqual({
			kind: 'status',
			hitIds: [3, 1],
			status: 'converted',
			returnQuery: 'status=pending&page=2',
		});
		expect(parseBoardAction({ action: 'sms', hitIds: '5, 6,7' })).toEqual({ kind: 'sms', hitIds: [5, 6, 7], returnQuery: '' });
		expect(parseBoardAction({ action: ['call'], hitId: '9' }).hitIds).toEqual([9]);
	});

	it('reads the same as JSON', () => {
		expect(parseBoardAction({ action: 'status', hitIds: [1, 2], status: 'contact_failed' })).toMatchObject({ hitIds: [1, 2], status: 'contact_failed' });
	});

	it('takes nothing selected as nothing to do', () => {
		expect(parseBoardAction({ action: 'sms' }).hitIds).toEqual([]);
		expect(parseBoardAction({ action: 'sms', hitIds: '' }).hitIds).toEqual([]);
	});

	it('names the field that is wrong', () => {
		expect(() => parseBoardAction('action=sms')).toThrow(expect.objectContaining({ field: 'body' }));
		expect(() => parseBoardAction({ action: 'email', hitIds: '1' })).toThrow(expect.objectContaining({ field: 'action' }));
		expect(() => parseBoardAction({ action: 'status', hitIds: '1', status: 'won' })).toThrow(expect.objectContaining({ field: 'status' }));
		expect(() => parseBoardAction({ action: 'sms', hitIds: '1,abc' })).toThrow('"abc" is not a hit id');
		expect(() => parseBoardAction({ action: 'sms', hitIds: [1.5] })).toThrow(expect.objectContaining({ field: 'hitIds' }));
		const tooMany = Array.from({ length: MAX_ACTION_HITS + 1 }, (_, i) => i + 1);
		expect(() => parseBoardAction({ action: 'sms', hitIds: tooMany })).toThrow(`At most ${MAX_ACTION_HITS} hits`);
	});

	it('redirects only to the board, keeping only the board\'s own query keys', () => {
		const action = parseBoardAction({
			action: 'sms',
			hitIds: '1',
			returnTo: '?status=pending&next=https://evil.example&page=3&notice=status.999.0.converted&q=<x>',
		});
		expect(action.returnQuery).toBe('q=%3Cx%3E&status=pending&page=3');
		expect(boardRedirect('lead-board', action, { kind: 'sms', count: 1, missing: 0 })).toBe(
			'lead-board?q=%3Cx%3E&status=pending&page=3&notice=sms.1.0',
		);
		const plain = parseBoardAction({ action: 'call', hitIds: '1', returnTo: 'https://evil.example/x' });
		expect(boardRedirect('lead-board', plain, { kind: 'call', count: 0, missing: 1 })).toBe('lead-board?notice=call.0.1');
	});
});

describe.each(STORE_KINDS)('board actions on %s', (kind) => {
	let store: Store;
	const ids: number[] = [];
	beforeAll(async () => {
		store = await openTestStore(kind);
		for (let i = 0; i < 3; i++) {
			await insertLead(store, `A${i}`, '李*', `159****000${i}`);
			ids.push(await insertHit(store, { leadId: `A${i}`, createdAt: `2025-12-2${i}T02:00:00Z` }));
		}
	});
	afterAll(() => store.close());

	it('changes the status of the selected hits at once and reports ids it does not know', async () => {
		const result = await changeHitStatuses(store, [ids[2], ids[0], 999999], 'converted');
		expect(result.hits.map((h) => [h.hitId, h.status, h.phone])).toEqual([
			[ids[0], 'converted', '159****0000'],
			[ids[2], 'converted', '159****0002'],
		]);
		expect(result.missing).toEqual([999999]);
		expect(result.notice).toEqual({ kind: 'status', count: 2, missing: 1, status: 'converted' });
		const statuses = await store.query<{ status: string }>('SELECT status FROM hits ORDER BY hit_id');
		expect(statuses.rows.map((r) => r.status)).toEqual(['converted', 'pending', 'converted']);
	});

	it('picks the hits to push in the order selected, masked, without changing them', async () => {
		const result = await selectHitsForPush(store, [ids[1], 424242, ids[0]], 'sms');
		expect(result.hits.map((h) => h.hitId)).toEqual([ids[1], ids[0]]);
		expect(result.hits[0]).toMatchObject({ leadId: 'A1', leadName: '李*', phone: '159****0001', status: 'pending' });
		expect(result.notice).toEqual({ kind: 'sms', count: 2, missing: 1 });
	});

	it('does nothing for nothing selected', async () => {
		expect((await changeHitStatuses(store, [], 'pending')).notice).toEqual({ kind: 'status', count: 0, missing: 0, status: 'pending' });
		expect((await selectHitsForPush(store, [], 'call')).hits).toEqual([]);
	});
});
