import type { Queryable } from '../store';
import { BOARD_HITS_BY_RULE_SQL, BOARD_HITS_BY_SOURCE_SQL } from './boardHitCounts';

/**
 * What a board search matches beyond the hits' own reasons, read before the hits: the leads
 * (part of the lead id, masked name or phone — "8899" finds 138****8899), the rules (id or
 * label) and the sources that match. Passed to the hits' query as arrays, they let PostgreSQL
 * read the hits through their indexes (lead, rule, source, and the reasons' trigrams:
 * migration 031), each arm of one OR; as subqueries it read every hit (a masked phone: 173 ms
 * at 200 k hits, the console's slowest call).
 */
export interface BoardSearchMatches {
	/** The LIKE pattern, lower case when the search has Latin letters (then compared with ILIKE). */
	pattern: string;
	foldCase: boolean;
	/** null: more than MAX_LISTED_LEADS match, read as a subquery instead. */
	leadIds: string[] | null;
	ruleIds: string[];
	sources: string[];
}

/** Beyond this many matching leads the list is no help (a search for "1"): a subquery, as before. */
const MAX_LISTED_LEADS = 5_000;

export async function findSearchMatches(db: Queryable, search: string): Promise<BoardSearchMatches> {
	const foldCase = /[A-Za-z]/.test(search);
	const pattern = `%${(foldCase ? search.toLowerCase() : search).replace(/[\\%_]/g, '\\$&')}%`;
	const like = (column: string) => `${column} ${foldCase ? 'ILIKE' : 'LIKE'} $1`;
	const [leads, rules, sources] = await Promise.all([
		db.query<{ lead_id: string }>(`SELECT lead_id FROM leads WHERE ${leadMatch('$1', like)} LIMIT ${MAX_LISTED_LEADS + 1}`, [pattern]),
		db.query<{ rule_id: string }>(`SELECT DISTINCT rule_id FROM ${BOARD_HITS_BY_RULE_SQL} AS r WHERE ${like('rule_id')} OR ${like('label')}`, [pattern]),
		db.query<{ source: string }>(`SELECT DISTINCT source FROM ${BOARD_HITS_BY_SOURCE_SQL} AS s WHERE ${like('source')}`, [pattern]),
	]);
	return {
		pattern,
		foldCase,
		leadIds: leads.rows.length > MAX_LISTED_LEADS ? null : leads.rows.map((row) => row.lead_id),
		ruleIds: rules.rows.map((row) => row.rule_id),
		sources: sources.rows.map((row) => row.source),
	};
}

/** Over leads, `p` the pattern's placeholder: the id through its lower-case trigram index (migration 021), the masked name and phone through theirs. */
const leadMatch = (p: string, like: (column: string) => string) => `lower(lead_id) LIKE lower(${p}) OR ${like('name_masked')} OR ${like('phone_masked')}`;

/** The condition on hits `h` for the matches; values are parameters. */
export function searchCondition(matches: BoardSearchMatches, params: unknown[]): string {
	const add = (value: unknown) => {
		params.push(value);
		return `$${params.length}`;
	};
	const p = add(matches.pattern);
	const like = (column: string) => `${column} ${matches.foldCase ? 'ILIKE' : 'LIKE'} ${p}`;
	const byLead =
		matches.leadIds === null
			? `h.lead_id IN (SELECT lead_id FROM leads WHERE ${leadMatch(p, like)})`
			: `h.lead_id = ANY(${add(matches.leadIds)}::text[])`;
	return `(${byLead}
		OR (h.rule_id = ANY(${add(matches.ruleIds)}::text[]) AND (${like('h.rule_id')} OR ${like('h.label')}))
		OR h.source = ANY(${add(matches.sources)}::text[])
		OR ${like('h.reason')})`;
}
