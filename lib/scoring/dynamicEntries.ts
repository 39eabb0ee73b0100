import type { Queryable } from '../store';
import { forwardWeightsByDay } from './decay';
import { addEventEntries } from './eventEntries';
import { ledgerInsert } from './ledgerChanges';
import type { ScoringModel } from './ScoringModel';

/** The days whose behaviour a run adds to the ledger: after `from`, up to and including `to`. */
export interface DayRange {
	from: string;
	to: string;
	timeZone: string;
	/** The decay epoch of the ledger (see forwardWeight). */
	epoch: string;
	/** The ledger was emptied for a rebuild (see ledgerInsert). */
	rebuilding: boolean;
}

const INSERT = `INSERT INTO lead_score_entries (lead_id, entry_key, part, score_group, source, day, base_points, points, detail)`;

/**
 * Adds the behaviour entries (动态积分) of the days in `range`: call events per lead, day and
 * class (eventEntries: a lead's event entries of one run are one row); hits by rule; outreach
 * outcomes; negative events. Each source has a stable key
 * (`event:<day>:<class>`, `hit:<id>`, `answered:<push id>` …), so a source counts once
 * however often the days are read. `points` is the forward points (base × the day's forward
 * weight), written once: decay never rewrites an entry.
 */
export async function addDynamicEntries(tx: Queryable, model: ScoringModel, range: DayRange): Promise<void> {
	const { days, weights } = forwardWeightsByDay(model.decay, range.epoch, range.from, range.to);
	const weighted = { days, weights };
	await addEventEntries(tx, model, { from: range.from, to: range.to, weights, rebuilding: range.rebuilding });
	await addHitEntries(tx, model, range, weighted);
	await addOutcomeEntries(tx, model, range, weighted);
}

interface Weights {
	days: string[];
	weights: string[];
}

async function addHitEntries(tx: Queryable, model: ScoringModel, range: DayRange, weighted: Weights): Promise<void> {
	const byRule = Object.entries(model.dynamic.hits.byRule ?? {});
	await tx.query(
		ledgerInsert(
			`${INSERT}
		 SELECT h.lead_id, 'hit:' || h.hit_id, 'dynamic', 'hits', 'hit', h.hit_date, p.points, p.points * w.weight,
			jsonb_build_object('hitId', h.hit_id, 'ruleId', h.rule_id, 'label', h.label, 'reason', h.reason)
		 FROM hits h
		 JOIN unnest($6::date[], $7::numeric[]) AS w(day, weight) ON w.day = h.hit_date
		 LEFT JOIN unnest($3::text[], $4::numeric[]) AS m(rule_id, points) ON m.rule_id = h.rule_id
		 CROSS JOIN LATERAL (SELECT coalesce(m.points, $5::numeric) AS points) AS p
		 WHERE h.hit_date > $1::date AND h.hit_date <= $2::date`,
			range.rebuilding,
		),
		[range.from, range.to, byRule.map(([rule]) => rule), byRule.map(([, points]) => points), model.dynamic.hits.default, weighted.days, weighted.weights],
	);
}

/**
 * Outcomes and negative events, on the local day they were recorded: answered calls and SMS
 * replies (the push ledger's last gateway event), failed contacts (undelivered pushes),
 * conversions and 已联系失效 (hit statuses), opt-outs and complaints (contact preferences,
 * by the lead's phone hash or lead id; a complaint is an opt-out with reason `complaint`).
 * A lead opted out both by phone and by lead id has one opt-out entry: the earliest (the one
 * adding its days would have kept).
 */
async function addOutcomeEntries(tx: Queryable, model: ScoringModel, range: DayRange, weighted: Weights): Promise<void> {
	const { outcomes, negative } = model.dynamic;
	const localDay = (column: string) => `(${column} AT TIME ZONE $3::text)::date`;
	const inRange = (column: string) => `${localDay(column)} > $1::date AND ${localDay(column)} <= $2::date`;
	await tx.query(
		ledgerInsert(
			`${INSERT}
		 SELECT DISTINCT ON (o.lead_id, o.entry_key) o.lead_id, o.entry_key, 'dynamic', o.score_group, o.source, o.day, o.points, o.points * w.weight, o.detail FROM (
			SELECT p.lead_id, CASE WHEN p.channel = 'call' THEN 'answered:' ELSE 'replied:' END || p.push_id AS entry_key, 'outcomes' AS score_group,
				CASE WHEN p.channel = 'call' THEN 'answeredCall' ELSE 'smsReply' END AS source, ${localDay('p.updated_at')} AS day,
				CASE WHEN p.channel = 'call' THEN $4::numeric ELSE $5::numeric END AS points, jsonb_build_object('pushId', p.push_id, 'channel', p.channel) AS detail
			FROM push_ledger p JOIN leads l ON l.lead_id = p.lead_id
			WHERE ${inRange('p.updated_at')}
				AND ((p.channel = 'call' AND p.detail ->> 'lastEvent' = 'answered') OR (p.channel = 'sms' AND p.detail ->> 'lastEvent' = 'replied'))
			UNION ALL
			SELECT p.lead_id, 'failed:' || p.push_id, 'negative', 'failedContact', ${localDay('p.updated_at')}, $8::numeric,
				jsonb_build_object('pushId', p.push_id, 'channel', p.channel, 'state', p.state)
			FROM push_ledger p JOIN leads l ON l.lead_id = p.lead_id
			WHERE ${inRange('p.updated_at')} AND p.state IN ('undelivered', 'failed')
			UNION ALL
			SELECT h.lead_id, CASE WHEN h.status = 'converted' THEN 'conversion:' ELSE 'invalid:' END || h.hit_id,
				CASE WHEN h.status = 'converted' THEN 'outcomes' ELSE 'negative' END,
				CASE WHEN h.status = 'converted' THEN 'conversion' ELSE 'contactInvalid' END, ${localDay('h.updated_at')},
				CASE WHEN h.status = 'converted' THEN $6::numeric ELSE $9::numeric END, jsonb_build_object('hitId', h.hit_id, 'ruleId', h.rule_id)
			FROM hits h
			WHERE ${inRange('h.updated_at')} AND h.status IN ('converted', 'contact_failed')
			UNION ALL
			SELECT l.lead_id, CASE WHEN c.reason = 'complaint' THEN 'complaint' ELSE 'optOut' END, 'negative',
				CASE WHEN c.reason = 'complaint' THEN 'complaint' ELSE 'optOut' END, ${localDay('c.updated_at')},
				CASE WHEN c.reason = 'complaint' THEN $10::numeric ELSE $7::numeric END, jsonb_build_object('channel', c.channel)
			FROM contact_preferences c
			JOIN leads l ON l.phone_hash = c.subject_hash OR (c.subject_hash LIKE 'lead:%' AND l.lead_id = substr(c.subject_hash, 6))
			WHERE c.opted_out AND ${inRange('c.updated_at')}
		 ) AS o
		 JOIN unnest($11::date[], $12::numeric[]) AS w(day, weight) ON w.day = o.day
		 ORDER BY o.lead_id, o.entry_key, o.day, o.detail::text`,
			range.rebuilding,
		),
		[
			range.from,
			range.to,
			range.timeZone,
			outcomes.answeredCall,
			outcomes.smsReply,
			outcomes.conversion,
			negative.optOut,
			negative.failedContact,
			negative.contactInvalid,
			negative.complaint,
			weighted.days,
			weighted.weights,
		],
	);
}
