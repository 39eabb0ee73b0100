import type { Queryable } from '../store';
import { BOARD_HITS_BY_RULE_SQL, BOARD_HITS_BY_SOURCE_SQL } from './boardHitCounts';

export interface SourceShare {
	/** The source system; null for hits that do not name one. */
	source: string | null;
	hits: number;
	sharePct: number;
}

export interface RuleOption {
	ruleId: string;
	label: string | null;
	hits: number;
}

const MAX_OPTIONS = 100;

/** Hits per source system, largest first. */
export async function loadSourceMix(db: Queryable): Promise<SourceShare[]> {
	const result = await db.query<{ source: string | null; hits: string; all_hits: string }>(
		`SELECT nullif(source, '') AS source, sum(hits) AS hits, sum(sum(hits)) OVER () AS all_hits
		 FROM ${BOARD_HITS_BY_SOURCE_SQL} AS counts GROUP BY 1 HAVING sum(hits) > 0 ORDER BY 2 DESC, 1 NULLS LAST LIMIT ${MAX_OPTIONS}`,
	);
	return result.rows.map((row) => ({
		source: row.source,
		hits: Number(row.hits),
		sharePct: Math.round((Number(row.hits) / Number(row.all_hits)) * 1000) / 10,
	}));
}

/** The rules that have hits, with the label of their latest version, for the rule filter. */
export async function loadRuleOptions(db: Queryable): Promise<RuleOption[]> {
	const result = await db.query<{ rule_id: string; rule_version: number; label: string | null; hits: string }>(
		`SELECT rule_id, rule_version, label, sum(hits) AS hits FROM ${BOARD_HITS_BY_RULE_SQL} AS counts GROUP BY 1, 2, 3 HAVING sum(hits) > 0`,
	);
	const rules = new Map<string, RuleOption & { version: number }>();
	for (const row of result.rows) {
		const known = rules.get(row.rule_id);
		const version = Number(row.rule_version);
		if (!known) {
			rules.set(row.rule_id, { ruleId: row.rule_id, label: row.label, hits: Number(row.hits), version });
			continue;
		}
		known.hits += Number(row.hits);
		if (version > known.version || (version === known.version && known.label === null)) {
			known.version = version;
			known.label = row.label;
		}
	}
	return [...rules.values()]
		.sort((a, b) => b.hits - a.hits || a.ruleId.localeCompare(b.ruleId))
		.slice(0, MAX_OPTIONS)
		.map(({ ruleId, label, hits }) => ({ ruleId, label, hits }));
}
