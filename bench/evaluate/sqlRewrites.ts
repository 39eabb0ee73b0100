import { hashToBytes } from '../../lib/privacy';
import type { AggregateQuery } from '../../lib/rules/aggregateSql';
import { daysBetween } from '../../lib/calendar';

/**
 * Text rewrites of the statement aggregateSql.ts builds, for the experiments in
 * sqlVariants.ts (each would be a small change in aggregateSql.ts itself).
 */

/**
 * Only the ID hashes below (`lt`) or from (`ge`) the bound: one of two halves run on two
 * connections. The bound is a prefix of the text form (`v1:8`); both sides hold the hash as
 * bytes (leads.id_key, call_events.id_hash; migration 5), so both compare with the bound as
 * bytes.
 */
export function splitRange(sql: string, side: 'lt' | 'ge', bound: string): string {
	const op = side === 'lt' ? '<' : '>=';
	const events = sql.replace(/(WHERE e\.event_date BETWEEN \S+ AND \S+)/, `$1 AND e.id_hash ${op} '${boundBytes(bound)}'::bytea`);
	if (events === sql) throw new Error('Cannot rewrite: no "WHERE e.event_date BETWEEN" in the statement');
	return replaceOnce(events, 'WHERE l.id_key IS NOT NULL', `WHERE l.id_key IS NOT NULL AND l.id_key ${op} '${boundBytes(bound)}'::bytea`);
}

/** `v1:8` → the least hash with that prefix, as a bytea literal (so < and >= split where the text bound does). */
function boundBytes(bound: string): string {
	const [version, prefix] = bound.split(':');
	return `\\x${hashToBytes(`${version}:${(prefix ?? '').padEnd(64, '0')}`).toString('hex')}`;
}

const AGGREGATE = /count\(\*\)|count\(DISTINCT e\.institution\)|count\(DISTINCT e\.event_date\)|max\(e\.event_date\)/g;

type AggregateKind = 'count(*)' | 'count(DISTINCT e.institution)' | 'count(DISTINCT e.event_date)' | 'max(e.event_date)';

/** One aggregate of the statement, split into inner columns (per finer group) and the outer aggregate over them. */
type Split = (kind: AggregateKind, condition: string | undefined, name: string) => { inner: string[]; outer: string };

/**
 * The same rows without DISTINCT aggregates, so nothing needs the events sorted: one
 * pass of GROUPING SETS ((id, institution), (id, day)) — hashable — then per ID a plain
 * count of the institution rows (distinct institutions) or day rows (active days)
 * whose window flag is set, and a sum of the per-institution counts (calls).
 */
export function withoutDistinct(query: Pick<AggregateQuery, 'sql'>): string {
	const split: Split = (kind, condition, name) => {
		const flag = condition ? `bool_or(${condition})` : 'true';
		switch (kind) {
			case 'count(*)':
				return { inner: [`${filtered('count(*)', condition)} AS ${name}`], outer: `sum(${name}) FILTER (WHERE by_institution)` };
			case 'count(DISTINCT e.institution)':
				return { inner: [`${flag} AS ${name}`], outer: `count(*) FILTER (WHERE by_institution AND ${name})` };
			case 'count(DISTINCT e.event_date)':
				return { inner: [`${flag} AS ${name}`], outer: `count(*) FILTER (WHERE NOT by_institution AND ${name})` };
			default:
				return { inner: [`${filtered('max(e.event_date)', condition)} AS ${name}`], outer: `max(${name})` };
		}
	};
	return twoStage(
		query.sql,
		split,
		'e.id_hash, GROUPING(e.event_date) = 1 AS by_institution',
		'GROUPING SETS ((e.id_hash, e.institution), (e.id_hash, e.event_date))',
	);
}

/**
 * Without DISTINCT and without grouping sets: a hash aggregate per (ID, institution),
 * then per ID. Distinct institutions = institution rows whose window flag is set; active
 * days = the bits of day bitmaps (one bigint per 64 days of the column's range, OR-ed
 * across institutions), counted with bit_count.
 */
export function twoLevel(query: Pick<AggregateQuery, 'sql' | 'columns'>): string {
	const columns = new Map(query.columns.map((c) => [c.column, c]));
	const split: Split = (kind, condition, name) => {
		switch (kind) {
			case 'count(*)':
				return { inner: [`${filtered('count(*)', condition)} AS ${name}`], outer: `sum(${name})` };
			case 'count(DISTINCT e.institution)':
				return { inner: [`${condition ? `bool_or(${condition})` : 'true'} AS ${name}`], outer: `count(*) FILTER (WHERE ${name})` };
			case 'count(DISTINCT e.event_date)': {
				// Bits count days from the column's own first day: its window needs the fewest words.
				const { from, to } = columns.get(name.split('_')[0])!;
				const words = Math.ceil((daysBetween(from!, to!) + 1) / 64);
				const offset = `(e.event_date - '${from}'::date)`;
				const inner = Array.from({ length: words }, (_, k) => {
					const inWord = `${offset} / 64 = ${k}`;
					return `${filtered(`bit_or(1::bigint << (${offset} % 64))`, condition ? `${condition} AND ${inWord}` : inWord)} AS ${name}_${k}`;
				});
				const outer = Array.from({ length: words }, (_, k) => `bit_count(COALESCE(bit_or(${name}_${k}), 0)::bit(64))`).join(' + ');
				return { inner, outer: `(${outer})` };
			}
			default:
				return { inner: [`${filtered('max(e.event_date)', condition)} AS ${name}`], outer: `max(${name})` };
		}
	};
	return twoStage(query.sql, split, 'e.id_hash', 'e.id_hash, e.institution');
}

function twoStage(sql: string, split: Split, innerSelect: string, innerGroupBy: string): string {
	const head = 'SELECT e.id_hash,';
	const start = sql.indexOf(head);
	const from = sql.indexOf('FROM call_events e', start);
	const groupBy = sql.indexOf('GROUP BY e.id_hash', from);
	const inner: string[] = [];
	const outer: string[] = [];
	for (const line of sql.slice(start + head.length, from).trim().split(/,\n\s*/)) {
		const match = /^(.*) AS (f\d+)$/s.exec(line.trim());
		if (!match) throw new Error(`Unexpected aggregate column: ${line}`);
		const [, expression, column] = match;
		let rewritten = '';
		let last = 0;
		let k = 0;
		for (const found of expression.matchAll(AGGREGATE)) {
			const { condition, end } = filterAfter(expression, found.index + found[0].length);
			const part = split(found[0] as AggregateKind, condition, `${column}_${k++}`);
			inner.push(...part.inner);
			rewritten += expression.slice(last, found.index) + part.outer;
			last = end;
		}
		outer.push(`${rewritten}${expression.slice(last)} AS ${column}`);
	}
	const aggregate = `SELECT g.id_hash,
			${outer.join(',\n\t\t\t')}
		FROM (
			SELECT ${innerSelect},
				${inner.join(',\n\t\t\t\t')}
			FROM call_events e
			${sql.slice(sql.indexOf('WHERE', from), groupBy).trim()}
			GROUP BY ${innerGroupBy}
		) g
		GROUP BY g.id_hash`;
	return sql.slice(0, start) + aggregate + sql.slice(groupBy + 'GROUP BY e.id_hash'.length);
}

function filtered(aggregate: string, condition: string | undefined): string {
	return condition ? `${aggregate} FILTER (WHERE ${condition})` : aggregate;
}

/** The condition of a ` FILTER (WHERE …)` right after position `at`, parentheses balanced. */
function filterAfter(expression: string, at: number): { condition?: string; end: number } {
	const prefix = ' FILTER (WHERE ';
	if (!expression.startsWith(prefix, at)) return { end: at };
	let depth = 1;
	let i = at + prefix.length;
	for (; i < expression.length && depth > 0; i++) {
		if (expression[i] === '(') depth++;
		else if (expression[i] === ')') depth--;
	}
	return { condition: expression.slice(at + prefix.length, i - 1), end: i };
}

function replaceOnce(text: string, search: string, replacement: string): string {
	if (!text.includes(search)) throw new Error(`Cannot rewrite: "${search}" not in the statement`);
	return text.replace(search, replacement);
}
