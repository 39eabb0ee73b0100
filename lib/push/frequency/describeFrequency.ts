import { WEEKDAY_LABELS } from '../policy/ContactPolicy';
import type { Frequency, PushTier } from './PushFrequencies';

const WEEKDAY_NAMES_EN = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** A frequency in plain words, for the n8n editor and the console: "每天 09:15" / "daily at 09:15". */
export function describeFrequency(frequency: Frequency): { zh: string; en: string } {
	switch (frequency.kind) {
		case 'hourly': {
			const minute = String(frequency.minute ?? 0).padStart(2, '0');
			return { zh: `每小时（第 ${minute} 分）`, en: `hourly at :${minute}` };
		}
		case 'daily':
			return { zh: `每天 ${frequency.at}`, en: `daily at ${frequency.at}` };
		case 'every7Days':
			return {
				zh: `每7日（每${WEEKDAY_LABELS[frequency.weekday]} ${frequency.at}）`,
				en: `every 7 days (${WEEKDAY_NAMES_EN[frequency.weekday]}s at ${frequency.at})`,
			};
		case 'every30Days': {
			const lastDay = frequency.dayOfMonth > 28 ? '，当月无此日则在月末' : '';
			const lastDayEn = frequency.dayOfMonth > 28 ? ', or the month’s last day' : '';
			return {
				zh: `每30日（每月 ${frequency.dayOfMonth} 日 ${frequency.at}${lastDay}）`,
				en: `every 30 days (monthly on day ${frequency.dayOfMonth} at ${frequency.at}${lastDayEn})`,
			};
		}
		case 'custom':
			return frequency.unit === 'hours'
				? {
						zh: `自 ${frequency.startDate} ${frequency.at} 起每 ${frequency.interval} 小时`,
						en: `every ${frequency.interval} hours from ${frequency.startDate} ${frequency.at}`,
					}
				: {
						zh: `自 ${frequency.startDate} 起每 ${frequency.interval} 天 ${frequency.at}`,
						en: `every ${frequency.interval} days at ${frequency.at}, from ${frequency.startDate}`,
					};
	}
}

/** "A 级线索：每小时（第 00 分）" — a tier and its frequency in one line. */
export function describeTier(tier: PushTier): { zh: string; en: string } {
	const what = describeFrequency(tier.frequency);
	const selects = tier.rules ? tier.rules.join(', ') : (tier.grades ?? []).join('/');
	const zhName = tier.title ?? (tier.rules ? `监控指标 ${selects}` : `${selects} 级线索`);
	const enName = tier.rules ? `rules ${selects}` : `grade ${selects}`;
	return { zh: `${zhName}：${what.zh}`, en: `${tier.id} (${enName}): ${what.en}` };
}
