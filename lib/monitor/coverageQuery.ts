import { addDays, daysBetween } from '../calendar';
import {
	ParamList,
	activitySpecKey,
	buildAggregateQuery,
	lookbackDays,
	profileColumnsSql,
	rosterSql,
	valueFilters,
	type ActivitySpec,
	type FactKeyFn,
	type ProfileFactName,
	type RuleSet,
} from '../rules';
import { SAMPLED_EVENTS, SAMPLED_LEADS } from './coverageSample';

/**
 * The coverage preview's one scan: every roster lead (by ID hash, as the daily aggregate
 * picks them) with its call events of the whole preview, read once for all N days and for
 * every rule set compared, so leadActivity.ts can compute each day's facts exactly as that
 * day's aggregate would (aggregateSql.ts). The events come back as arrays per lead, already
 * grouped by ID hash, as array text (arrayText.ts): `ev` packs each event's day (days since `origin`, bits 0–8) with the
 * event-type / time-of-day filters it passes (one bit per distinct filter, bits 9–30;
 * further filters in `c1`, `c2`, … 30 bits each), `inst` its institution (institution
 * filters are applied to the names). The events sort once by ID hash, like the daily
 * aggregate's; no DISTINCT aggregate and no per-day column is computed in SQL.
 *
 * `sample` reads only the fixed sample of ID hashes (coverageSample.ts) through migration
 * 11's partial indexes, for the estimate.
 */
export interface CoverageSpec {
	spec: ActivitySpec;
	/** Its event-type / time-of-day filter (an index into the filter bits), or -1 for none. */
	filter: number;
	institutions: ReadonlySet<string> | null;
}

export interface CoverageRuleSetPlan {
	ruleSet: RuleSet;
	/** Compile the rule set's predicates with this: rows carry its columns. */
	factKey: FactKeyFn;
	/** The rule set's activity fact columns and the spec (index into CoverageQuery.specs) of each. */
	columns: Array<{ column: string; spec: number }>;
	/** Whether that day's aggregate keeps roster leads without events in its range. */
	includesInactive: boolean;
	/** How many days before each previewed day its aggregate's event range starts and ends; null without activity facts. */
	range: { startBack: number; endBack: number } | null;
}

export interface CoverageQuery {
	sql: string;
	params: unknown[];
	firstDay: string;
	lastDay: string;
	/** The first event day read: events' days count from it. */
	origin: string;
	specs: CoverageSpec[];
	plans: CoverageRuleSetPlan[];
	/** How many filter columns beyond `ev` (`c1`, `c2`, …). */
	extraFilterColumns: number;
	readsEvents: boolean;
}

/** Days since origin fit in bits 0–8 of `ev`. */
export const DAY_BITS = 9;
export const FIRST_FILTER_BITS = 31 - DAY_BITS;
export const EXTRA_FILTER_BITS = 30;
const MAX_SPAN_DAYS = 1 << DAY_BITS;

export function buildCoverageQuery(ruleSets: readonly RuleSet[], options: { lastDay: string; days: number; sample: boolean }): CoverageQuery {
	const firstDay = addDays(options.lastDay, -(options.days - 1));
	const specs: CoverageSpec[] = [];
	const specByKey = new Map<string, number>();
	const filters: string[] = [];
	const profile = new Set<ProfileFactName>();
	let startBack = -Infinity;
	let endBack = Infinity;

	const plans = ruleSets.map((ruleSet): CoverageRuleSetPlan => {
		const query = buildAggregateQuery(ruleSet, { windowEnd: options.lastDay });
		const columns: CoverageRuleSetPlan['columns'] = [];
		let setStart = -Infinity;
		let setEnd = Infinity;
		for (const column of query.columns) {
			if (!column.spec) {
				profile.add(column.fact as ProfileFactName);
				continue;
			}
			const spec = column.spec;
			const key = activitySpecKey(spec);
			let index = specByKey.get(key);
			if (index === undefined) {
				index = specs.length;
				specByKey.set(key, index);
				const filter = filterKey(spec);
				let filterIndex = filter === null ? -1 : filters.indexOf(filter);
				if (filter !== null && filterIndex === -1) filterIndex = filters.push(filter) - 1;
				specs.push({ spec, filter: filterIndex, institutions: spec.institutions ? new Set(spec.institutions) : null });
			}
			columns.push({ column: column.column, spec: index });
			setStart = Math.max(setStart, lookbackDays(spec) - 1);
			setEnd = Math.min(setEnd, spec.offsetDays);
		}
		const range = columns.length ? { startBack: setStart, endBack: setEnd } : null;
		if (range) {
			startBack = Math.max(startBack, range.startBack);
			endBack = Math.min(endBack, range.endBack);
		}
		return { ruleSet, factKey: query.factKey, columns, includesInactive: query.includesInactive, range };
	});

	const readsEvents = specs.length > 0;
	const origin = readsEvents ? addDays(firstDay, -startBack) : firstDay;
	const end = readsEvents ? addDays(options.lastDay, -endBack) : options.lastDay;
	if (daysBetween(origin, end) >= MAX_SPAN_DAYS) {
		throw new Error(`The preview would read ${daysBetween(origin, end) + 1} days of call events; at most ${MAX_SPAN_DAYS} fit`);
	}

	const params = new ParamList();
	const rosterWhere = options.sample ? [SAMPLED_LEADS] : [];
	const profileFacts = [...profile];
	const select = ['r.lead_id', 'r.id_hash', ...profileColumnsSql(profileFacts)];
	let sql: string;
	let extraFilterColumns = 0;
	if (!readsEvents) {
		sql = `SELECT ${select.join(', ')}
	FROM (${rosterSql(profileFacts, rosterWhere)}) r`;
	} else {
		const start = params.add(origin, 'date');
		const last = params.add(end, 'date');
		const conditions = filters.map((_, i) => filterCondition(specs.find((s) => s.filter === i)!.spec, params));
		const first = conditions.slice(0, FIRST_FILTER_BITS).map((c, bit) => ` | (CASE WHEN ${c} THEN ${1 << (DAY_BITS + bit)} ELSE 0 END)`);
		const aggregates = [`array_agg((e.event_date - ${start})${first.join('')})::text AS ev`, 'array_agg(e.institution)::text AS inst'];
		for (let from = FIRST_FILTER_BITS; from < conditions.length; from += EXTRA_FILTER_BITS) {
			extraFilterColumns++;
			const bits = conditions.slice(from, from + EXTRA_FILTER_BITS).map((c, bit) => `(CASE WHEN ${c} THEN ${1 << bit} ELSE 0 END)`);
			aggregates.push(`array_agg(${bits.join(' | ')})::text AS c${extraFilterColumns}`);
		}
		select.push('a.ev', 'a.inst', ...Array.from({ length: extraFilterColumns }, (_, i) => `a.c${i + 1}`));
		const keepInactive = plans.some((p) => p.includesInactive);
		sql = `SELECT ${select.join(', ')}
	FROM (${rosterSql(profileFacts, rosterWhere)}) r
	${keepInactive ? 'LEFT JOIN' : 'JOIN'} (
		SELECT e.id_hash, ${aggregates.join(', ')}
		FROM call_events e
		WHERE e.event_date BETWEEN ${start} AND ${last}${options.sample ? ` AND ${SAMPLED_EVENTS}` : ''}
		GROUP BY e.id_hash
	) a ON a.id_hash = r.id_key`;
	}
	return { sql, params: params.values, firstDay, lastDay: options.lastDay, origin, specs, plans, extraFilterColumns, readsEvents };
}

/** The event-type / time-of-day part of a spec's filter, as a key; null when it has none. */
function filterKey(spec: ActivitySpec): string | null {
	if (!spec.eventTypes && !spec.period) return null;
	return JSON.stringify([spec.eventTypes ?? null, spec.period ?? null]);
}

function filterCondition(spec: ActivitySpec, params: ParamList): string {
	const parts = valueFilters(spec, params, { institutions: false });
	return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
}
