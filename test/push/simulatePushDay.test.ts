import { compilePolicy, loadPolicyPreset, simulatePushDay, type SimulatedHit } from '../../lib/push';
import { at } from './policyFixtures';

const standard = compilePolicy(loadPolicyPreset('standard'));

const hits: SimulatedHit[] = [
	{ hitId: 1, leadId: 'L1', channel: 'sms', grade: 'B', label: '活跃机构命中', phone: '138****0001' },
	{ hitId: 2, leadId: 'L2', channel: 'call', grade: 'A', label: '关键行为触发', phone: '139****0002' },
	{ hitId: 3, leadId: 'L1', channel: 'sms', grade: 'C', label: '长期高频浏览', phone: '138****0001' },
	{
		hitId: 4,
		leadId: 'L3',
		channel: 'sms',
		grade: 'B',
		label: '活跃机构命中',
		phone: '137****0003',
		standingHold: { code: 'opted_out', message: '客户已拒绝短信营销' },
	},
];

describe("simulate today's push flow (模拟今日推送流)", () => {
	it('plans sends, holds with reasons and carries over what today cannot take', () => {
		const plan = simulatePushDay(standard, hits, { date: '2025-12-24', from: at('2025-12-24 09:15') });
		expect(plan).toMatchObject({ date: '2025-12-24', policyId: 'standard', runEveryMinutes: 15, plannedSends: 2 });
		expect(plan.entries.map((e) => [e.time, e.action, e.hitId, e.reasonCode])).toEqual([
			['09:15', 'blocked', 4, 'opted_out'],
			['09:15', 'send', 2, null],
			['09:15', 'send', 1, null],
			['09:15', 'held', 3, 'burst_gap'],
			['23:59', 'carried', 3, 'carried_over'],
		]);
		expect(plan.entries[1].line).toBe('09:15 发送 · 外呼 · 139****0002 · 关键行为触发');
		expect(plan.entries[3].line).toBe(
			'09:15 暂缓 · 短信 · 138****0001 · 长期高频浏览 · 突发保护：距该客户上次推送不足 30 秒；高频时段推送间隔 15 分钟：距该客户上次短信不足；今日短信已达上限 1 次，最早 12月25日 08:00 可推送',
		);
		expect(plan.entries[4]).toMatchObject({ actionLabel: '顺延', earliest: '12月25日 08:00' });
	});

	it('shows a hit held over lunch and sent when the silent slot ends (11:45 暂缓 → 13:00 发送)', () => {
		const plan = simulatePushDay(standard, [hits[0]], { date: '2025-12-24', from: at('2025-12-24 11:45') });
		expect(plan.entries.map((e) => e.line)).toEqual([
			'11:45 暂缓 · 短信 · 138****0001 · 活跃机构命中 · 特定时段规则「午休」静默（11:30–13:00），最早 13:00 可推送',
			'13:00 发送 · 短信 · 138****0001 · 活跃机构命中',
		]);
	});

	it('starts at the first run after quiet hours for a whole day, and counts earlier pushes', () => {
		const history = new Map([['L1', [{ channel: 'sms' as const, at: at('2025-12-24 07:00') }]]]);
		const plan = simulatePushDay(standard, hits.slice(0, 2), { date: '2025-12-24', history, runEveryMinutes: 60 });
		expect(plan.entries.map((e) => [e.time, e.action, e.hitId])).toEqual([
			['00:00', 'held', 2],
			['00:00', 'held', 1],
			['08:00', 'send', 2],
			['23:59', 'carried', 1],
		]);
	});
});
