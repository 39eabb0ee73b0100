import { boardQueryString, parseBoardQuery } from '../../lib/board';
import { noticeCode, noticeFrom } from '../../lib/board';

describe('board query', () => {
	it('has defaults for an empty or missing query', () => {
		for (const raw of [undefined, null, {}, 'page=2', []]) {
			expect(parseBoardQuery(raw)).toEqual({
				page: 1,
				pageSize: 20,
				filters: {},
				sort: 'hitDate',
				direction: 'desc',
				lang: 'zh',
				defaults: { pageSize: 20, lang: 'zh' },
				notice: undefined,
			});
		}
	});

	it('reads every key, first value of repeated ones, trimmed', () => {
		const query = parseBoardQuery({
			page: '3',
			size: '50',
			status: ['converted', 'pending'],
			grade: 'a',
			rule: ' key-behaviour ',
			source: 'CRM自动导入',
			from: '2025-12-01',
			to: '2025-12-23',
			q: '8899',
			sort: 'grade',
			lang: 'en',
		});
		expect(query).toMatchObject({
			page: 3,
			pageSize: 50,
			filters: {
				status: 'converted',
				grade: 'A',
				ruleId: 'key-behaviour',
				source: 'CRM自动导入',
				dateFrom: '2025-12-01',
				dateTo: '2025-12-23',
				search: '8899',
			},
			sort: 'grade',
			direction: 'asc',
			lang: 'en',
		});
	});

	it('ignores what does not fit instead of failing', () => {
		const query = parseBoardQuery({
			page: '-1',
			size: '7',
			status: 'won',
			grade: '<b>',
			from: '2025-02-30',
			to: 'yesterday',
			sort: 'name; DROP TABLE hits',
			dir: 'sideways',
			lang: 'fr',
			q: '   ',
		});
		expect(query).toMatchObject({ page: 1, pageSize: 20, filters: {}, sort: 'hitDate', direction: 'desc', lang: 'zh' });
	});

	it('swaps a reversed date range and caps long text', () => {
		const query = parseBoardQuery({ from: '2025-12-23', to: '2025-12-01', q: 'x'.repeat(500) });
		expect(query.filters).toMatchObject({ dateFrom: '2025-12-01', dateTo: '2025-12-23' });
		expect(query.filters.search).toHaveLength(100);
	});

	it('writes back only what differs from the defaults, and parses its own output to the same state', () => {
		const query = parseBoardQuery({ status: 'pending', q: 'a&b=c', page: '2', sort: 'hitDate', dir: 'asc', size: '20' });
		const text = boardQueryString(query);
		expect(text).toBe('q=a%26b%3Dc&status=pending&dir=asc&page=2');
		expect(parseBoardQuery(Object.fromEntries(new URLSearchParams(text)))).toEqual(query);
		expect(boardQueryString(query, { page: undefined, status: 'converted' })).toBe('q=a%26b%3Dc&status=converted&dir=asc');
	});

	it('keeps non-default page size and language against the node defaults', () => {
		const defaults = { pageSize: 50, lang: 'en' as const };
		const query = parseBoardQuery({ size: '20', lang: 'zh' }, defaults);
		expect(query).toMatchObject({ pageSize: 20, lang: 'zh' });
		expect(boardQueryString(query)).toBe('size=20&lang=zh');
		expect(boardQueryString(parseBoardQuery({}, defaults))).toBe('');
	});

	it('carries action outcomes as short codes only', () => {
		expect(parseBoardQuery({ notice: 'status.3.1.converted' }).notice).toEqual({ kind: 'status', count: 3, missing: 1, status: 'converted' });
		expect(noticeFrom('sms.12.0')).toEqual({ kind: 'sms', count: 12, missing: 0 });
		for (const bad of ['status.3.0.won', 'sms.1.0.converted', '<script>', 'call.1', 'call.-1.0']) expect(noticeFrom(bad)).toBeUndefined();
		expect(noticeCode({ kind: 'call', count: 2, missing: 0 })).toBe('call.2.0');
	});
});
