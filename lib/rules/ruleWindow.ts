import { DateTime } from 'luxon';

import { addDays, DEFAULT_TIME_ZONE } from '../calendar';
import { forEachFactUse, ruleRoots } from './conditionTree';
import { activitySpec, isActivityFact } from './facts';
import type { FactParams, Rule, TopLevelCondition } from './types';

/**
 * Evaluation windows are whole local days of event_date. Evaluating at `asOf` looks at
 * complete days only: the window ends on the day before asOf's local date (a daily run at
 * 02:00 after the T+1 ingest sees yesterday as its last day).
 */
export function windowEndFor(asOf: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
	if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw new Error('asOf must be a valid date and time');
	const local = DateTime.fromJSDate(asOf, { zone: timeZone });
	if (!local.isValid) throw new Error(`Unknown time zone "${timeZone}"`);
	return local.startOf('day').minus({ days: 1 }).toISODate()!;
}

/**
 * "One hit per lead, rule and window": a hit covers the rule's window, the days up to the
 * window end that its current activity is measured over, and the same lead gets no second
 * hit from the rule while a new window would overlap it, i.e. for `cooldownDays` days
 * (event.params.cooldownDays, default the window's length). A lead active every day thus
 * hits a 7-day rule once a week, not daily; re-running a day changes nothing.
 *
 * The window's length is the longest windowDays among the rule's count-type facts
 * (activityCount, distinctInstitutions, activeDays, newInstitutionCount) that end on the
 * window end (no offsetDays); facts looking further back only give context. A rule
 * without such a fact has a one-day window.
 */
export function ruleWindowDays(rule: Rule, shared: Readonly<Record<string, TopLevelCondition>> = {}): number {
	let days = 0;
	const consider = (fact: string, params: FactParams | undefined) => {
		if (!isActivityFact(fact) || fact === 'daysSinceLastActivity') return;
		const spec = activitySpec(fact, params);
		if (spec.offsetDays === 0) days = Math.max(days, spec.windowDays);
	};
	for (const root of ruleRoots(rule.conditions, shared)) forEachFactUse(root, consider);
	return days || 1;
}

export function cooldownDays(rule: Rule, shared: Readonly<Record<string, TopLevelCondition>> = {}): number {
	const explicit = rule.event.params.cooldownDays;
	return typeof explicit === 'number' && explicit >= 1 ? explicit : ruleWindowDays(rule, shared);
}

export interface HitWindow {
	start: string;
	end: string;
	/** hits.window_key: the window as `start~end`. */
	key: string;
}

export function hitWindow(rule: Rule, windowEnd: string, shared: Readonly<Record<string, TopLevelCondition>> = {}): HitWindow {
	const start = addDays(windowEnd, -(ruleWindowDays(rule, shared) - 1));
	return { start, end: windowEnd, key: `${start}~${windowEnd}` };
}
