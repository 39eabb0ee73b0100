import type { PublicHit } from '../../lib/hits';
import { loadBoard, parseBoardQuery, renderBoardPage, type BoardData } from '../../lib/board';
import { createLead } from '../../lib/roster';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';
import { insertHit, NOW } from './boardSeed';

const OUR_TAGS = new Set(
	('html head meta title style body header div svg rect path circle strong span nav a main h1 h2 p section article small form label ' +
		'input select option button table thead tr th tbody td details summary ul li g text line defs lineargradient stop noscript script footer b')
		.split(' '),
);
const EVIL = `<script>alert("x")</script><img src=x onerror=alert(1)>'"\``;

function hit(overrides: Partial<PublicHit> = {}): PublicHit {
	return {
		hitId: 1,
		leadId: 'L1001',
		leadName: '张*',
		phone: '138****8899',
		ruleId: 'active-institutions',
		ruleVersion: 1,
		label: '活跃机构命中',
		grade: 'A',
		ruleGrade: 'A',
		reason: '近7天内在3家机构核验5次',
		facts: {},
		source: '系统X（智能推荐）',
		status: 'pending',
		hitDate: '2025-12-22',
		createdAt: '2025-12-23T01:12:00.000Z',
		updatedAt: '2025-12-23T01:12:00.000Z',
		...overrides,
	};
}

function boardData(raw: Record<string, string> = {}, overrides: Partial<BoardData> = {}): BoardData {
	const query = parseBoardQuery(raw);
	return {
		generatedAt: NOW.toISOString(),
		timeZone: 'Asia/Shanghai',
		today: '2025-12-23',
		query,
		kpis: {
			total: 125,
			totalAtStartOfToday: 120,
			changeFromYesterdayPct: 4.2,
			newToday: 8,
			newYesterday: 6,
			awaiting: 42,
			awaitingSharePct: 33.6,
			monthHits: 54,
			monthConverted: 10,
			monthConvertedImported: 7,
			monthConvertedStaff: 3,
			conversionRatePct: 18.5,
			byStatus: { pending: 42, in_progress: 30, converted: 33, contact_failed: 20 },
		},
		trend: ['17', '18', '19', '20', '21', '22', '23'].map((d, i) => ({ date: `2025-12-${d}`, hits: [3, 0, 5, 8, 2, 6, 8][i] })),
		sources: [
			{ source: '系统X（智能推荐）', hits: 60, sharePct: 48 },
			{ source: 'CRM自动导入', hits: 40, sharePct: 32 },
			{ source: null, hits: 25, sharePct: 20 },
		],
		rules: [{ ruleId: 'active-institutions', label: '活跃机构命中', hits: 125 }],
		hits: {
			items: [
				hit(),
				hit({ hitId: 2, leadId: 'L1002', grade: 'B', status: 'converted' }),
				hit({ hitId: 3, leadId: 'L1003', grade: null, status: 'contact_failed', source: null }),
			],
			total: 125,
			page: query.page,
			pageSize: 20,
			pageCount: 7,
			from: (query.page - 1) * 20 + 1,
			to: Math.min(query.page * 20, 125),
		},
		...overrides,
	};
}

describe('board page', () => {
	it('is the seed\'s board: four tabs with 高潜线索营销 active, four KPI cards, the list, the paging line and both charts', () => {
		const page = renderBoardPage(boardData());
		expect(page.startsWith('<!doctype html>')).toBe(true);
		expect(page).toContain('<html lang="zh-CN">');
		for (const tab of ['线索管理', '监控指标管理', '推送频率管理']) expect(page).toContain(`>${tab}</a>`);
		expect(page).toMatch(/<a class="active"[^>]*aria-current="page">高潜线索营销<\/a>/);
		expect(page).toContain('当前日期: 2025年12月23日 周二');
		expect(page).toContain('命中用户总数');
		expect(page).toContain('较昨日 +4.2%');
		expect(page).toContain('今日新增线索');
		expect(page).toContain('占总量的 33.6%');
		expect(page).toMatch(/营销转化成功率[\s\S]*18\.5<small>%<\/small>[\s\S]*本月累计数据 · 10 \/ 54（导入转化 7，人工标记 3）/);
		expect(page).toContain('批量外呼营销');
		expect(page).toContain('批量发送短信');
		for (const column of ['用户ID/姓名', '命中规则', '线索来源系统', '命中日期', '状态', '操作']) expect(page).toContain(column);
		expect(page).toContain('显示第 1 至 20 条, 共 125 条线索');
		expect(page).toContain('近一周线索趋势');
		expect(page).toContain('线索来源构成');
		expect(page).toContain('上一页');
		expect(page).toContain('下一页');
	});

	it('shows each row with grade, masked user, rule and reason, source, dates, status and the moves it allows', () => {
		const page = renderBoardPage(boardData());
		expect(page).toContain('<span class="grade grade-A" title="线索分级 A">A</span>');
		expect(page).toContain('入库 12-23 09:12');
		expect(page).toContain('<span class="status status-pending">待营销处理</span>');
		expect(page).toContain('<span class="status status-converted">营销已转化</span>');
		expect(page).toMatch(/name="status" value="in_progress" title="标记为营销进行中">单独联系/);
		expect(page).toMatch(/name="status" value="pending" title="重新标记为待营销处理">再次激活/);
		expect(page).toContain('<span class="done">已完成</span>');
		expect(page).toContain('未注明来源');
	});

	it('posts actions to the configured URL and comes back to the same view', () => {
		const page = renderBoardPage(boardData({ status: 'pending', page: '2' }), { actionsUrl: '/webhook/my-actions' });
		expect(page).toContain('<form class="batch" id="batch-form" method="post" action="/webhook/my-actions">');
		expect(page).toContain('<input type="hidden" name="returnTo" value="status=pending&amp;page=2">');
		expect(page).toContain('<input type="checkbox" name="hitIds" value="1" form="batch-form"');
		expect(renderBoardPage(boardData(), { actionsUrl: 'javascript:alert(1)' })).toContain('action="lead-board-actions"');
		expect(renderBoardPage(boardData(), { navigation: { leads: 'java\nscript:alert(1)' } })).not.toContain('script:alert');
	});

	it('links pages, filters and the language switch with the current state', () => {
		const page = renderBoardPage(boardData({ grade: 'A', page: '4' }, {}));
		expect(page).toContain('href="?grade=A&amp;page=3"');
		expect(page).toContain('href="?grade=A&amp;page=5"');
		expect(page).toContain('href="?grade=A&amp;page=4&amp;lang=en"');
		expect(page).toContain('<option value="A" selected>A 级</option>');
	});

	it('escapes everything that comes from data or the request', () => {
		const data = boardData(
			{ q: EVIL, source: EVIL, rule: EVIL },
			{
				sources: [{ source: EVIL, hits: 1, sharePct: 100 }],
				rules: [{ ruleId: EVIL, label: EVIL, hits: 1 }],
			},
		);
		data.hits.items = [hit({ leadId: EVIL, leadName: EVIL, phone: EVIL, label: EVIL, reason: EVIL, source: EVIL, grade: EVIL })];
		const page = renderBoardPage(data);
		const scripts = page.match(/<script>/g) ?? [];
		expect(scripts).toHaveLength(1); // ours, at the end
		expect(page).not.toContain('<img');
		expect(page).not.toContain('alert("x")');
		const tags = new Set([...page.matchAll(/<([a-zA-Z][\w-]*)/g)].map((match) => match[1].toLowerCase()));
		expect([...tags].filter((tag) => !OUR_TAGS.has(tag))).toEqual([]);
		expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&#39;&quot;&#96;');
	});

	it('works offline: no external scripts, styles, fonts or images', () => {
		const page = renderBoardPage(boardData());
		expect(page).not.toMatch(/<script[^>]+src=/i);
		expect(page).not.toMatch(/<link[^>]+stylesheet/i);
		expect(page).not.toMatch(/@import|url\(\s*['"]?https?:/i);
		expect(page).not.toMatch(/src="https?:/i);
	});

	it('speaks English when asked', () => {
		const page = renderBoardPage(boardData({ lang: 'en' }));
		expect(page).toContain('<html lang="en">');
		expect(page).toContain('Hits in total');
		expect(page).toContain('+4.2% vs. yesterday');
		expect(page).toContain('Showing 1 to 20 of 125 leads');
		expect(page).toContain('Batch SMS');
		expect(page).not.toContain('命中用户总数');
	});

	it('says what an action did', () => {
		expect(renderBoardPage(boardData({ notice: 'status.3.0.converted' }))).toContain('已将 3 条线索改为「营销已转化」');
		expect(renderBoardPage(boardData({ notice: 'sms.5.1' }))).toMatch(/notice warn[\s\S]*已提交 5 条线索至短信通道，按推送频率策略发送 · 1 条线索已不存在/);
		expect(renderBoardPage(boardData({ notice: 'call.0.0' }))).toContain('未选择线索');
	});

	it('has an empty state for an empty board and for filters that match nothing', () => {
		const empty = boardData({}, { hits: { items: [], total: 0, page: 1, pageSize: 20, pageCount: 1, from: 0, to: 0 }, sources: [] });
		expect(renderBoardPage(empty)).toContain('暂无高潜线索');
		expect(renderBoardPage(empty)).toContain('共 0 条线索');
		const filtered = { ...empty, query: parseBoardQuery({ grade: 'D' }) };
		expect(renderBoardPage(filtered)).toContain('暂无符合条件的线索');
		expect(renderBoardPage(filtered)).toContain('清除筛选条件');
	});
});

describe.each(STORE_KINDS)('board page from the store on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
		await createLead(store, testKeys, { leadId: 'L-XSS', name: `张伟${EVIL}`, phone: '13812348899', idNumber: '11010519491231002X' });
		await insertHit(store, { leadId: 'L-XSS', label: EVIL, reason: EVIL, source: EVIL, createdAt: '2025-12-23T01:00:00Z' });
	});
	afterAll(() => store.close());

	it('shows neither the clear phone nor the full name, and escapes what the store holds', async () => {
		const page = renderBoardPage(await loadBoard(store, parseBoardQuery({}), { now: NOW }));
		expect(page).toContain('138****8899');
		expect(page).not.toContain('13812348899');
		expect(page).not.toContain('张伟');
		expect(page).not.toContain('11010519491231002X');
		expect(page).not.toContain('<img');
		expect(page.match(/<script>/g)).toHaveLength(1);
		expect(page).toContain('显示第 1 至 1 条, 共 1 条线索');
	});
});
