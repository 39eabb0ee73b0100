/** The words of the control share inputs (对照组比例, issue 18), both languages side by side; zh.ts and en.ts take their half. */
import { YEARS_TO_TELL } from '../../../lib/roi/uplift';

const perDay = (n: number) => (n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);

export const controlShareWords = {
	zh: {
		label: '对照组比例（%）',
		estimatedFrom: (days: number) => `0 为不留出；下方按近 ${days} 天的命中量与转化率估算多久才能判断增量。`,
		noControl: '未设置对照组：无法衡量增量',
		noHits: (days: number) => `近 ${days} 天没有命中，暂无法估算需要多久才能判断`,
		noConversions: (hitsPerDay: number) => `按当前命中量（约 ${perDay(hitsPerDay)} 个/天）尚无转化，暂无法估算增量`,
		canTell: (hits: number, weeks: number, hitsPerDay: number, assumed: boolean) =>
			`按当前命中量（约 ${perDay(hitsPerDay)} 个/天），需要约 ${hits.toLocaleString()} 个命中 / ${weeks} 周才能判断${assumed ? '（尚无对照数据，按触达使转化率翻倍估算）' : ''}`,
		tooSmall: (hits: number | null, weeks: number | null, assumed: boolean) =>
			hits === null || weeks === null
				? '对照比例过小或两组转化率相同：无法判断增量，请提高对照组比例'
				: `对照比例过小，无法判断：需要约 ${hits.toLocaleString()} 个命中 / ${weeks} 周（超过 ${YEARS_TO_TELL} 年），请提高对照组比例${assumed ? '（按触达使转化率翻倍估算）' : ''}`,
	},
	en: {
		label: 'Control share (%)',
		estimatedFrom: (days: number) => `0 holds out none; below, how long it takes to tell the uplift, from the hits and conversion rates of the last ${days} days.`,
		noControl: 'No control group: the uplift cannot be measured',
		noHits: (days: number) => `No hits in the last ${days} days: how long it takes cannot be estimated yet`,
		noConversions: (hitsPerDay: number) => `No conversions yet at the current pace (about ${perDay(hitsPerDay)} hits a day): the uplift cannot be estimated yet`,
		canTell: (hits: number, weeks: number, hitsPerDay: number, assumed: boolean) =>
			`At the current pace (about ${perDay(hitsPerDay)} hits a day) it takes about ${hits.toLocaleString()} hits / ${weeks} weeks to tell${assumed ? ' (no control data yet: assuming contact doubles conversions)' : ''}`,
		tooSmall: (hits: number | null, weeks: number | null, assumed: boolean) =>
			hits === null || weeks === null
				? 'Control share too small or both groups convert alike: the uplift can never be told; raise the share'
				: `Control share too small to ever tell: about ${hits.toLocaleString()} hits / ${weeks} weeks (over ${YEARS_TO_TELL} years); raise the share${assumed ? ' (assuming contact doubles conversions)' : ''}`,
	},
};
