/**
 * Push frequencies per tier (推送频率, rules/schema/frequencies.schema.json, lib/push/frequency):
 * a tier selects hits by grade or by monitoring rule and is pushed hourly, daily, every 7
 * days, every 30 days or every N hours / days. This file keeps an edited tier well-formed.
 */
import { FREQUENCY_KINDS, type Frequency, type FrequencyKind, type PushFrequencies, type PushTier } from '../../../lib/push/frequency/PushFrequencies';
import { cloneJson } from './json';

export { FREQUENCY_KINDS };

/** An editable copy of a stored document. */
export function frequenciesOf(body: PushFrequencies | null | undefined): PushFrequencies {
	return { ...cloneJson(body ?? { tiers: [] }), tiers: cloneJson(body?.tiers ?? []) } as PushFrequencies;
}

/**
 * The frequency of another kind, keeping the time of day it had: each kind gets the fields
 * its schema requires (07:00 on Mondays, the 1st of the month, every 2 hours from today).
 */
export function withKind(frequency: Frequency, kind: FrequencyKind, today: string): Frequency {
	const at = 'at' in frequency ? frequency.at : '09:00';
	switch (kind) {
		case 'hourly':
			return { kind, minute: 0 };
		case 'daily':
			return { kind, at };
		case 'every7Days':
			return { kind, weekday: 'mon', at };
		case 'every30Days':
			return { kind, dayOfMonth: 1, at };
		case 'custom':
			return { kind, unit: 'hours', interval: 2, startDate: today, at };
	}
}

/** A new tier with an id no other tier has (the id keys the tier's runs: it never changes afterwards). */
export function newTier(by: 'grades' | 'rules', tiers: readonly PushTier[]): PushTier {
	const taken = new Set(tiers.map((tier) => tier.id));
	let n = tiers.length + 1;
	while (taken.has(`T${n}`)) n++;
	const tier: PushTier = { id: `T${n}`, frequency: { kind: 'daily', at: '09:00' } };
	if (by === 'grades') tier.grades = [];
	else tier.rules = [];
	return tier;
}

/** What the server would refuse, found before saving: at `tiers[i].…` paths, as the server names them. */
export function tierIssues(tiers: readonly PushTier[]): Array<{ path: string; message: string }> {
	const issues: Array<{ path: string; message: string }> = [];
	const owners = new Map<string, string>();
	tiers.forEach((tier, i) => {
		const selected = tier.grades ?? tier.rules ?? [];
		const field = tier.grades ? 'grades' : 'rules';
		if (!selected.length) issues.push({ path: `tiers[${i}].${field}`, message: '请选择线索等级或监控指标' });
		for (const value of selected) {
			const key = `${field}:${value}`;
			const owner = owners.get(key);
			if (owner !== undefined) issues.push({ path: `tiers[${i}].${field}`, message: `${value} 已属于档位 "${owner}"` });
			else owners.set(key, tier.id);
		}
		const frequency = tier.frequency;
		if (frequency.kind === 'custom' && (!Number.isInteger(frequency.interval) || frequency.interval < 1)) {
			issues.push({ path: `tiers[${i}].frequency.interval`, message: '间隔应为不小于 1 的整数' });
		}
	});
	if (!tiers.length) issues.push({ path: 'tiers', message: '至少需要一个推送档位' });
	return issues;
}
