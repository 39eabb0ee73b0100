import type { HitStatus } from '../hits';
import { HIT_STATUS_LABELS } from '../hits';
import type { Blocker } from './decide';
import { CHANNEL_LABELS, type Channel } from '../ledger';
import { LEVEL_LABELS } from './policy/ContactPolicy';
import type { CompiledPolicy } from './schedule/CompiledPolicy';
import { LevelCode } from './schedule/dayProfile';
import { formatClockMinutes } from './schedule/policyClock';

/** Why Push Gate holds a hit: the policy's constraints and the gate's own checks, as stable codes. */
export type HoldCode =
	| Blocker['code']
	| 'opted_out'
	| 'not_pending'
	| 'already_sent'
	| 'gateway_rejected'
	| 'no_phone'
	| 'hit_not_found'
	| 'control_group';

export interface HoldReason {
	code: HoldCode;
	message: string;
}

const LEVEL_NAMES: Record<LevelCode, string> = {
	[LevelCode.Silent]: LEVEL_LABELS.silent,
	[LevelCode.Low]: LEVEL_LABELS.low,
	[LevelCode.Medium]: LEVEL_LABELS.medium,
	[LevelCode.High]: LEVEL_LABELS.high,
	[LevelCode.Default]: LEVEL_LABELS.default,
};

const PERIOD_NAMES = { cap_day: '今日', cap_week: '本周', cap_month: '本月' } as const;

const LEVEL_KEYS: Record<LevelCode, keyof typeof LEVEL_LABELS> = {
	[LevelCode.Silent]: 'silent',
	[LevelCode.Low]: 'low',
	[LevelCode.Medium]: 'medium',
	[LevelCode.High]: 'high',
	[LevelCode.Default]: 'default',
};

/** 高频 / 中频 / 低频 / 静默 / 默认. */
export function levelName(level: LevelCode): string {
	return LEVEL_NAMES[level];
}

/** The level's stable code: high, medium, low, silent, default. */
export function levelKey(level: LevelCode): keyof typeof LEVEL_LABELS {
	return LEVEL_KEYS[level];
}

/** A Chinese sentence for one policy constraint at `at`. */
export function describeBlocker(policy: CompiledPolicy, channel: Channel, blocker: Blocker, at: number): HoldReason {
	const run = () => {
		const { from, to } = policy.closedRun(at);
		return `${formatClockMinutes(from)}–${formatClockMinutes(to)}`;
	};
	const channelName = CHANNEL_LABELS[channel];
	switch (blocker.code) {
		case 'quiet_hours': {
			const quiet = policy.policy.quietHours;
			return { code: blocker.code, message: `免打扰时段（${quiet?.from}–${quiet?.to}）` };
		}
		case 'silent_grid':
			return { code: blocker.code, message: `频率网格为静默（${run()}）` };
		case 'weekend_silent':
			return {
				code: blocker.code,
				message: `周末静默延长 ${policy.policy.weekend?.silentStretchPercent}%（${run()}）`,
			};
		case 'time_slot': {
			const slot = policy.policy.timeSlots?.[blocker.slot ?? 0];
			const name = slot?.label ? `「${slot.label}」` : `#${(blocker.slot ?? 0) + 1}`;
			return { code: blocker.code, message: `特定时段规则${name}静默（${slot?.from}–${slot?.to}）` };
		}
		case 'burst_gap':
			return {
				code: blocker.code,
				message: `突发保护：距该客户上次推送不足 ${Math.round((blocker.gapMs ?? 0) / 1000)} 秒`,
			};
		case 'interval':
			return {
				code: blocker.code,
				message: `${levelName(blocker.level ?? LevelCode.Default)}时段推送间隔 ${duration(blocker.gapMs ?? 0)}：距该客户上次${channelName}不足`,
			};
		case 'cap_day':
		case 'cap_week':
		case 'cap_month':
			return {
				code: blocker.code,
				message:
					blocker.limit === 0
						? `策略不允许${channelName}（上限 0 次）`
						: `${PERIOD_NAMES[blocker.code]}${channelName}已达上限 ${blocker.limit} 次`,
			};
	}
}

export function optedOutReason(channel: Channel | 'all'): HoldReason {
	const what = channel === 'all' ? '营销联系' : `${CHANNEL_LABELS[channel]}营销`;
	return { code: 'opted_out', message: `客户已拒绝${what}（退订 / 免打扰登记，依《个人信息保护法》不再推送）` };
}

export function notPendingReason(status: HitStatus): HoldReason {
	return { code: 'not_pending', message: `命中状态为「${HIT_STATUS_LABELS[status]?.zh ?? status}」，不再推送` };
}

export function alreadySentReason(channel: Channel, when: string): HoldReason {
	return { code: 'already_sent', message: `该命中已${CHANNEL_LABELS[channel]}推送（${when}），不重复推送` };
}

export function gatewayRejectedReason(detail: string): HoldReason {
	return { code: 'gateway_rejected', message: `网关曾拒绝此推送（${detail}），不自动重试` };
}

export const CONTROL_GROUP_REASON: HoldReason = { code: 'control_group', message: '对照组：该命中按规则留出作对照，不推送' };

export const NO_PHONE_REASON: HoldReason = { code: 'no_phone', message: '线索没有手机号，无法推送' };

export function hitNotFoundReason(hitId: number): HoldReason {
	return { code: 'hit_not_found', message: `命中 ${hitId} 不存在` };
}

/** "15 分钟", "4 小时", "1 天 2 小时". */
function duration(ms: number): string {
	const minutes = Math.round(ms / 60_000);
	if (minutes < 60) return minutes >= 1 ? `${minutes} 分钟` : `${Math.round(ms / 1000)} 秒`;
	const days = Math.floor(minutes / 1440);
	const hours = Math.floor((minutes % 1440) / 60);
	const rest = minutes % 60;
	return [days ? `${days} 天` : '', hours ? `${hours} 小时` : '', rest ? `${rest} 分钟` : ''].filter(Boolean).join(' ');
}

/** "免打扰时段（21:00–08:00）；今日短信已达上限 1 次，最早 12月25日 08:00 可推送". */
export function holdSentence(reasons: ReadonlyArray<{ message: string }>, earliest: string | null): string {
	const why = reasons.map((reason) => reason.message).join('；');
	return earliest ? `${why}，最早 ${earliest} 可推送` : why;
}
