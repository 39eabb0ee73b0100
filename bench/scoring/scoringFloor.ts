import { escapeLiteral } from 'pg';

import type { ScoringModel } from '../../lib/scoring';
import { decayScale, forwardWeightsByDay } from '../../lib/scoring/decay';

/** A text[] / numeric[] / int[] literal of our own model's values (bench-only SQL: COPY takes no parameters). */
function array(values: ReadonlyArray<string | number | null | undefined>, type: 'text' | 'numeric' | 'int' | 'date'): string {
	const items = values.map((v) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : escapeLiteral(v)));
	return `ARRAY[${items.join(', ')}]::${type}[]`;
}

function bandCase(bands: ReadonlyArray<{ key: string | number; min?: number }>, score: string): string {
	const whens = bands.slice(0, -1).map((band) => `WHEN ${score} >= ${band.min} THEN ${escapeLiteral(String(band.key))}`);
	return `CASE ${whens.join(' ')} ELSE ${escapeLiteral(String(bands[bands.length - 1].key))} END`;
}

/**
 * The whole scoring aggregation of a first run, written plainly and kept nowhere: every lead's
 * profile points, the forward points of its call events (per day and event class, capped per
 * day) and hits of the days after `from` up to `to`, their worth on `to` within the caps, and
 * its grade — one row per lead. The run computes the same and keeps the ledger, the totals and
 * the board's scores; this is what is left when nothing is kept.
 */
export function fullScoringSql(model: ScoringModel, from: string, to: string): string {
	const { days, weights } = forwardWeightsByDay(model.decay, to, from, to);
	const scale = decayScale(model.decay, to, to);
	const s = model.static;
	const classes = model.dynamic.eventClasses;
	const classCase = classes
		.map((c, i) => {
			const types = c.eventTypes ? `event_type = ANY(${array(c.eventTypes, 'text')})` : 'true';
			const institutions = c.institutions ? `institution = ANY(${array(c.institutions, 'text')})` : 'true';
			return `WHEN ${types} AND ${institutions} THEN ${i + 1}`;
		})
		.join(' ');
	const byRule = Object.entries(model.dynamic.hits.byRule ?? {});
	const caps = model.caps ?? {};
	const cap = (value: string, limit: number | undefined) => (limit === undefined ? value : `least(${value}, ${limit})`);
	const worth = (forward: string) => `round(round(coalesce(${forward}, 0) * ${scale}, 8), 2)`;
	return `SELECT l.lead_id, g.static_score + g.dynamic_score AS score, ${bandCase(model.grades.fit, 'g.static_score')} || ${bandCase(model.grades.engagement, 'g.dynamic_score')} AS grade
		FROM leads l
		CROSS JOIN LATERAL (
			SELECT coalesce(sum(m.points), 0) AS profile FROM (
				SELECT i.points FROM unnest(${array(s.industry.map((i) => i.value), 'text')}, ${array(s.industry.map((i) => i.points), 'numeric')}) AS i(value, points) WHERE i.value = l.industry
				UNION ALL
				SELECT c.points FROM unnest(${array(s.sourceChannel.map((c) => c.value), 'text')}, ${array(s.sourceChannel.map((c) => c.points), 'numeric')}) AS c(value, points) WHERE c.value = l.source_channel
				UNION ALL
				SELECT a.points FROM unnest(${array(s.attributes.map((a) => a.name), 'text')}, ${array(s.attributes.map((a) => a.value), 'text')}, ${array(s.attributes.map((a) => a.points), 'numeric')}) AS a(name, value, points)
				WHERE l.attributes ->> a.name = a.value
				UNION ALL
				SELECT f.points FROM unnest(${array(s.contactFields.map((f) => f.field), 'text')}, ${array(s.contactFields.map((f) => f.points), 'numeric')}) AS f(field, points)
				WHERE CASE f.field WHEN 'phone' THEN l.phone_enc IS NOT NULL WHEN 'email' THEN coalesce(l.email, '') <> ''
					WHEN 'wechat' THEN coalesce(l.wechat_id, '') <> '' WHEN 'company' THEN coalesce(l.company, '') <> '' ELSE false END
			) AS m
		) AS p
		LEFT JOIN (
			SELECT e.id_hash, sum(least(e.events, coalesce(k.max_per_day, e.events)) * k.points * w.weight) AS events
			FROM (
				SELECT id_hash, event_date AS day, CASE ${classCase} END AS class_no, count(*)::int AS events
				FROM call_events WHERE event_date > '${from}' AND event_date <= '${to}' GROUP BY 1, 2, 3
			) AS e
			JOIN unnest(${array(
				classes.map((c) => c.points),
				'numeric',
			)}, ${array(
				classes.map((c) => c.maxPerDay),
				'int',
			)}) WITH ORDINALITY AS k(points, max_per_day, class_no) ON k.class_no = e.class_no
			JOIN unnest(${array(days, 'date')}, ${array(weights, 'numeric')}) AS w(day, weight) ON w.day = e.day
			GROUP BY e.id_hash
		) AS v ON v.id_hash = l.id_key
		LEFT JOIN (
			SELECT h.lead_id, sum(coalesce(r.points, ${model.dynamic.hits.default}) * w.weight) AS hits
			FROM hits h
			JOIN unnest(${array(days, 'date')}, ${array(weights, 'numeric')}) AS w(day, weight) ON w.day = h.hit_date
			LEFT JOIN unnest(${array(
				byRule.map(([rule]) => rule),
				'text',
			)}, ${array(
				byRule.map(([, points]) => points),
				'numeric',
			)}) AS r(rule_id, points) ON r.rule_id = h.rule_id
			GROUP BY h.lead_id
		) AS h ON h.lead_id = l.lead_id
		CROSS JOIN LATERAL (
			SELECT ${cap('p.profile', caps.profile)} AS static_score,
				${cap(worth('v.events'), caps.events)} + ${cap(worth('h.hits'), caps.hits)} AS dynamic_score
		) AS g`;
}
