/**
 * Push frequencies per tier (推送频率): which hits (a grade, or one monitoring rule) are pushed
 * how often — every hour, every day, every 7 or 30 days at a time of day, or every N hours /
 * days. The document is the `frequencies` configuration (the contract types it loosely as
 * FrequenciesBody until rules/schema/frequencies.schema.json lands); this file is the only
 * place that knows its shape on the console's side.
 */
import type { FrequenciesBody } from '../../../lib/console/api/contract';

export const CADENCES = ['hourly', 'daily', 'every7Days', 'every30Days', 'custom'] as const;
export type Cadence = (typeof CADENCES)[number];

export interface FrequencyTier {
	/** Stable id of the tier (`grade-A`, `rule-key-behaviour`); the schedule keys its last run on it. */
	id: string;
	/** Pushes the hits of one grade, or of one monitoring rule (indicator). */
	by: 'grade' | 'rule';
	/** The grade letter or the rule id. */
	key: string;
	cadence: Cadence;
	/** HH:mm (the policy's time zone) for the daily, 7-day and 30-day cadences. */
	at?: string;
	/** Custom cadence: every `every` hours or days. */
	every?: number;
	unit?: 'hours' | 'days';
	enabled: boolean;
}

/** Today's four push workflows: A hourly, B daily, C weekly, D monthly. */
export const DEFAULT_TIERS: readonly FrequencyTier[] = [
	{ id: 'grade-A', by: 'grade', key: 'A', cadence: 'hourly', enabled: true },
	{ id: 'grade-B', by: 'grade', key: 'B', cadence: 'daily', at: '09:00', enabled: true },
	{ id: 'grade-C', by: 'grade', key: 'C', cadence: 'every7Days', at: '09:00', enabled: true },
	{ id: 'grade-D', by: 'grade', key: 'D', cadence: 'every30Days', at: '09:00', enabled: true },
];

const CLOCK = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export function tiersOf(body: FrequenciesBody | null | undefined): FrequencyTier[] {
	const tiers = body && Array.isArray(body.tiers) ? (body.tiers as unknown[]) : null;
	if (!tiers) return DEFAULT_TIERS.map((tier) => ({ ...tier }));
	return tiers.filter(isRecord).map((raw) => {
		const tier: FrequencyTier = {
			id: String(raw.id ?? ''),
			by: raw.by === 'rule' ? 'rule' : 'grade',
			key: String(raw.key ?? ''),
			cadence: (CADENCES as readonly string[]).includes(String(raw.cadence)) ? (raw.cadence as Cadence) : 'daily',
			enabled: raw.enabled !== false,
		};
		if (typeof raw.at === 'string') tier.at = raw.at;
		if (typeof raw.every === 'number') tier.every = raw.every;
		if (raw.unit === 'hours' || raw.unit === 'days') tier.unit = raw.unit;
		return tier;
	});
}

/** The document to save: only the fields each cadence uses. */
export function bodyOf(tiers: readonly FrequencyTier[]): FrequenciesBody {
	return {
		tiers: tiers.map((tier) => {
			const out: Record<string, unknown> = { id: tier.id, by: tier.by, key: tier.key, cadence: tier.cadence };
			if (tier.cadence === 'custom') {
				out.every = tier.every;
				out.unit = tier.unit ?? 'hours';
			} else if (tier.cadence !== 'hourly') {
				out.at = tier.at ?? '09:00';
			}
			out.enabled = tier.enabled;
			return out;
		}),
	};
}

export function tierId(by: FrequencyTier['by'], key: string): string {
	return `${by}-${key}`;
}

/** Problems at `tiers[i].field` paths, the way the server names them. */
export function tierIssues(tiers: readonly FrequencyTier[]): Array<{ path: string; message: string }> {
	const issues: Array<{ path: string; message: string }> = [];
	const seen = new Set<string>();
	tiers.forEach((tier, i) => {
		if (!tier.key.trim()) issues.push({ path: `tiers[${i}].key`, message: '请选择等级或监控指标' });
		if (seen.has(tier.id)) issues.push({ path: `tiers[${i}].key`, message: '同一等级或指标只能设置一次推送频率' });
		seen.add(tier.id);
		if (tier.cadence === 'custom') {
			if (!Number.isInteger(tier.every) || (tier.every ?? 0) < 1) issues.push({ path: `tiers[${i}].every`, message: '间隔应为不小于 1 的整数' });
		} else if (tier.cadence !== 'hourly' && !CLOCK.test(tier.at ?? '')) {
			issues.push({ path: `tiers[${i}].at`, message: '应为 HH:mm 时间，如 09:00' });
		}
	});
	return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
