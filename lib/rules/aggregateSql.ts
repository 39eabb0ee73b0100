import { addDays, isIsoDate } from '../calendar';
import { stableStringify } from '../stableJson';
import { forEachFactUse, ruleRoots } from './conditionTree';
import {
	PROFILE_COLUMNS,
	activitySpec,
	activitySpecKey,
	factKey as canonicalFactKey,
	isActivityFact,
	isProfileFact,
	lookbackDays,
	type ActivitySpec,
	type FactName,
	type ProfileFactName,
} from './facts';
import { windowEndFor } from './ruleWindow';
import type { FactKeyFn, FactParams, RuleSet } from './types';
import { canHitWithoutActivity } from './zeroActivity';

/**
 * One parameterised statement computing every fact a rule set needs, one row per roster
 * lead (by ID hash): a GROUP BY id_hash over call_events limited by event_date to the
 * furthest window any fact needs (so only those partitions are scanned), one aggregate
 * column per distinct activity fact + params (`count(*) FILTER (WHERE ...)` and kin),
 * joined to the roster. Every value (dates, institutions, event types, hours) is a
 * parameter; the SQL text holds only our own column names. Roster and events meet on the
 * hash as bytes (leads.id_key, call_events.id_hash; migration 5), both sorted by it.
 */
export interface AggregateOptions {
	/** The evaluation time; windows end on the day before its local date (ruleWindow.ts). */
	asOf?: Date;
	timeZone?: string;
	/** The last day of every window, YYYY-MM-DD, instead of deriving it from asOf. */
	windowEnd?: string;
	/** Only these ID hashes (explaining one lead). */
	idHashes?: readonly string[];
	/** Keep roster leads without events in range. Default: only when some rule could hit such a lead. */
	includeInactive?: boolean;
	/**
	 * Add `hit_institution`: the institution the lead called most often in the days read
	 * (ties: the first by name; null without events), which a hit records (the ROI report's dimension).
	 */
	withInstitution?: boolean;
}

export interface FactColumn {
	/** The column in each row. */
	column: string;
	fact: FactName;
	/** Normalised params (activity facts). */
	spec?: ActivitySpec;
	/** The first days and last day the column looks at, YYYY-MM-DD (activity facts). */
	from?: string;
	to?: string;
}

export interface AggregateQuery {
	sql: string;
	params: unknown[];
	windowEnd: string;
	/** The first event_date scanned, or null when the rule set uses no activity fact. */
	rangeStart: string | null;
	/** Every fact column of a row: activity aggregates and profile fields. */
	columns: FactColumn[];
	/** (fact, params) → the row column holding its value: compile predicates with this. */
	factKey: FactKeyFn;
	includesInactive: boolean;
}

/** Each row: lead_id, id_hash, then the fact columns (see AggregateQuery.columns). */
export interface AggregateRow {
	lead_id: string;
	id_hash: string;
	[column: string]: unknown;
}

export function buildAggregateQuery(ruleSet: RuleSet, options: AggregateOptions): AggregateQuery {
	const windowEnd = resolveWindowEnd(options);
	const params = new ParamList();
	const { activity, profile, keyToColumn } = collectFacts(ruleSet);
	profile.add('sourceChannel');

	const columns: FactColumn[] = [];
	let rangeStart: string | null = null;
	for (const [column, spec] of activity) {
		const from = addDays(windowEnd, -(lookbackDays(spec) - 1));
		const to = addDays(windowEnd, -spec.offsetDays);
		columns.push({ column, fact: spec.fact, spec, from, to });
		if (rangeStart === null || from < rangeStart) rangeStart = from;
	}
	const rangeEnd = columns.length ? columns.map((c) => c.to!).sort().at(-1)! : windowEnd;
	for (const fact of profile) columns.push({ column: fact, fact });

	const includesInactive =
		activity.size === 0 || (options.includeInactive ?? canHitWithoutActivity(ruleSet));
	const idFilter = options.idHashes ? params.add([...options.idHashes], 'text[]') : undefined;

	const profileSelect = profileColumnsSql(profile);
	const roster = rosterSql(profile, idFilter ? [`l.id_hash = ANY(${idFilter})`] : []);

	let sql: string;
	if (activity.size === 0) {
		sql = `SELECT r.lead_id, r.id_hash, ${profileSelect.join(', ')}
	FROM (${roster}) r`;
	} else {
		const start = params.add(rangeStart!, 'date');
		const end = params.add(rangeEnd, 'date');
		const aggregates = columns
			.filter((c) => c.spec)
			.map((c) => `${aggregateExpression(c, rangeStart!, rangeEnd, windowEnd, params)} AS ${c.column}`);
		if (options.withInstitution) aggregates.push('mode() WITHIN GROUP (ORDER BY e.institution) AS hit_institution');
		const outer = columns
			.filter((c) => c.spec)
			.map((c) =>
				includesInactive && c.fact !== 'daysSinceLastActivity'
					? `COALESCE(a.${c.column}, 0) AS ${c.column}`
					: `a.${c.column}`,
			);
		if (options.withInstitution) outer.push('a.hit_institution');
		sql = `SELECT r.lead_id, r.id_hash, ${[...profileSelect, ...outer].join(', ')}
	FROM (${roster}) r
	${includesInactive ? 'LEFT JOIN' : 'JOIN'} (
		SELECT e.id_hash,
			${aggregates.join(',\n\t\t\t')}
		FROM call_events e
		WHERE e.event_date BETWEEN ${start} AND ${end}${idFilter ? ` AND e.id_hash = ANY(ARRAY(SELECT id_hash_bytes(unnest(${idFilter}))))` : ''}
		GROUP BY e.id_hash
	) a ON a.id_hash = r.id_key`;
	}

	// Rules hand over the same params objects lead after lead: their column is looked up once.
	const byParams = new WeakMap<object, Map<string, string>>();
	const columnOf = (fact: string, factParams?: FactParams) => {
		const key = canonicalFactKey(fact, factParams);
		return keyToColumn.get(key) ?? key;
	};
	const factKey: FactKeyFn = (fact, factParams) => {
		if (!factParams) return columnOf(fact);
		let columnsByFact = byParams.get(factParams);
		if (!columnsByFact) byParams.set(factParams, (columnsByFact = new Map()));
		let column = columnsByFact.get(fact);
		if (column === undefined) columnsByFact.set(fact, (column = columnOf(fact, factParams)));
		return column;
	};
	return { sql, params: params.values, windowEnd, rangeStart, columns, factKey, includesInactive };
}

/**
 * The roster side of the aggregate: one lead per ID hash (the first created), sorted by
 * the hash as bytes, with the profile columns; `where` adds conditions on `l`.
 */
export function rosterSql(profile: Iterable<ProfileFactName>, where: readonly string[] = []): string {
	const columns = [...profile].map((f) => `, l.${PROFILE_COLUMNS[f]}`).join('');
	return `SELECT DISTINCT ON (l.id_key) l.lead_id, l.id_hash, l.id_key${columns}
		FROM leads l
		WHERE ${['l.id_key IS NOT NULL', ...where].join(' AND ')}
		ORDER BY l.id_key, l.created_at, l.lead_id`;
}

/** The profile facts of a row, as the roster subquery `r` holds them, under the facts' names. */
export function profileColumnsSql(profile: Iterable<ProfileFactName>): string[] {
	return [...profile].map((fact) => `r.${PROFILE_COLUMNS[fact]} AS "${fact}"`);
}

function resolveWindowEnd(options: AggregateOptions): string {
	if (options.windowEnd !== undefined) {
		if (!isIsoDate(options.windowEnd)) throw new Error(`windowEnd must be a date as YYYY-MM-DD (got "${options.windowEnd}")`);
		return options.windowEnd;
	}
	if (!options.asOf) throw new Error('Give asOf (the evaluation time) or windowEnd');
	return windowEndFor(options.asOf, options.timeZone);
}

interface CollectedFacts {
	/** column → spec, one per distinct normalised activity fact. */
	activity: Map<string, ActivitySpec>;
	profile: Set<ProfileFactName>;
	/** canonical factKey(fact, params) → column. */
	keyToColumn: Map<string, string>;
}

function collectFacts(ruleSet: RuleSet): CollectedFacts {
	const activity = new Map<string, ActivitySpec>();
	const bySpec = new Map<string, string>();
	const profile = new Set<ProfileFactName>();
	const keyToColumn = new Map<string, string>();
	const use = (fact: string, params: FactParams | undefined) => {
		const key = canonicalFactKey(fact, params);
		if (keyToColumn.has(key)) return;
		if (isProfileFact(fact)) {
			profile.add(fact);
			keyToColumn.set(key, fact);
		} else if (isActivityFact(fact)) {
			const spec = activitySpec(fact, params);
			const specKey = activitySpecKey(spec);
			let column = bySpec.get(specKey);
			if (!column) {
				column = `f${activity.size}`;
				bySpec.set(specKey, column);
				activity.set(column, spec);
			}
			keyToColumn.set(key, column);
		}
	};
	const shared = ruleSet.conditions ?? {};
	for (const rule of ruleSet.rules) {
		for (const root of ruleRoots(rule.conditions, shared)) forEachFactUse(root, use);
	}
	return { activity, profile, keyToColumn };
}

function aggregateExpression(
	column: FactColumn,
	rangeStart: string,
	rangeEnd: string,
	windowEnd: string,
	params: ParamList,
): string {
	const spec = column.spec!;
	const filters = valueFilters(spec, params);
	const within = (from: string, to: string) => [...dateFilter(from, to, rangeStart, rangeEnd, params), ...filters];
	const filtered = (aggregate: string, conditions: string[]) =>
		conditions.length ? `${aggregate} FILTER (WHERE ${conditions.join(' AND ')})` : aggregate;
	const recentFrom = addDays(windowEnd, -(spec.offsetDays + spec.windowDays - 1));
	const to = column.to!;
	switch (spec.fact) {
		case 'activityCount':
			return `${filtered('count(*)', within(recentFrom, to))}::integer`;
		case 'distinctInstitutions':
			return `${filtered('count(DISTINCT e.institution)', within(recentFrom, to))}::integer`;
		case 'activeDays':
			return `${filtered('count(DISTINCT e.event_date)', within(recentFrom, to))}::integer`;
		case 'daysSinceLastActivity':
			return `(${params.add(to, 'date')} - ${filtered('max(e.event_date)', within(recentFrom, to))})`;
		case 'newInstitutionCount': {
			// Seen in the window but not in the baseline before it = seen in both together minus seen in the baseline.
			const baselineTo = addDays(recentFrom, -1);
			const both = filtered('count(DISTINCT e.institution)', within(column.from!, to));
			const baseline = filtered('count(DISTINCT e.institution)', within(column.from!, baselineTo));
			return `(${both} - ${baseline})::integer`;
		}
	}
}

function dateFilter(from: string, to: string, rangeStart: string, rangeEnd: string, params: ParamList): string[] {
	const parts: string[] = [];
	if (from > rangeStart) parts.push(`e.event_date >= ${params.add(from, 'date')}`);
	if (to < rangeEnd) parts.push(`e.event_date <= ${params.add(to, 'date')}`);
	return parts;
}

/** The spec's filters on an event `e` as SQL conditions; `institutions: false` leaves the institutions out. */
export function valueFilters(spec: ActivitySpec, params: ParamList, { institutions = true } = {}): string[] {
	const parts: string[] = [];
	if (spec.institutions && institutions) parts.push(`e.institution = ANY(${params.add(spec.institutions, 'text[]')})`);
	if (spec.eventTypes) parts.push(`e.event_type = ANY(${params.add(spec.eventTypes, 'text[]')})`);
	if (spec.period) {
		const from = params.add(spec.period.fromHour, 'integer');
		const to = params.add(spec.period.toHour, 'integer');
		parts.push(
			spec.period.fromHour < spec.period.toHour
				? `e.hour_of_day >= ${from} AND e.hour_of_day < ${to}`
				: `(e.hour_of_day >= ${from} OR e.hour_of_day < ${to})`,
		);
	}
	return parts;
}

/** Numbered parameters, each distinct value (with its type) passed once. */
export class ParamList {
	readonly values: unknown[] = [];
	private readonly seen = new Map<string, string>();

	add(value: unknown, type: 'date' | 'text[]' | 'integer'): string {
		const key = `${type}:${stableStringify(value)}`;
		let placeholder = this.seen.get(key);
		if (!placeholder) {
			this.values.push(value);
			placeholder = `$${this.values.length}::${type}`;
			this.seen.set(key, placeholder);
		}
		return placeholder;
	}
}
