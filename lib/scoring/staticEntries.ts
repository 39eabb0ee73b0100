import type { Queryable } from '../store';
import { ledgerInsert, recordingDelete, touchLeads } from './ledgerChanges';
import type { ScoringModel } from './ScoringModel';

/**
 * Rebuilds the profile entries (静态积分) of the leads changed since `since` (every lead when
 * the model changed): one entry per matched industry, source channel, custom attribute and
 * contact field. Day: the scoring date (profile points do not decay: `points` = `base_points`).
 * Every changed lead is rescored, including a new lead that matches nothing. A value the
 * model lists twice counts once (its first points), so each lead's keys are unique.
 */
export async function rebuildStaticEntries(tx: Queryable, model: ScoringModel, scoredOn: string, since: Date | null): Promise<void> {
	const changed = '($2::timestamptz IS NULL OR l.updated_at >= $2::timestamptz)';
	const sinceIso = since ? since.toISOString() : null;
	if (since) {
		// Most days no lead changed: one scan that stops at the first changed lead, not four.
		const any = await tx.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM leads WHERE updated_at >= $1::timestamptz) AS any', [sinceIso]);
		if (!any.rows[0].any) return;
		await tx.query(
			recordingDelete(`DELETE FROM lead_score_entries e USING leads l
			 WHERE e.lead_id = l.lead_id AND e.part = 'static' AND l.updated_at >= $1::timestamptz`),
			[sinceIso],
		);
		await tx.query(touchLeads('l.updated_at >= $1::timestamptz'), [sinceIso]);
	}
	const industry = firstOf(model.static.industry, (i) => i.value);
	const sourceChannel = firstOf(model.static.sourceChannel, (s) => s.value);
	const attributes = firstOf(model.static.attributes, (a) => `${a.name}=${a.value}`);
	const contactFields = firstOf(model.static.contactFields, (c) => c.field);
	const rebuilding = since === null;
	await tx.query(
		ledgerInsert(
			`INSERT INTO lead_score_entries (lead_id, entry_key, part, score_group, source, day, base_points, points, detail)
		 SELECT lead_id, entry_key, 'static', 'profile', source, $1::date, points, points, detail FROM (
			SELECT l.lead_id, 'industry' AS entry_key, 'industry' AS source, m.points, jsonb_build_object('value', m.value) AS detail
			FROM leads l JOIN unnest($3::text[], $4::numeric[]) AS m(value, points) ON l.industry = m.value WHERE ${changed}
			UNION ALL
			SELECT l.lead_id, 'sourceChannel', 'sourceChannel', m.points, jsonb_build_object('value', m.value)
			FROM leads l JOIN unnest($5::text[], $6::numeric[]) AS m(value, points) ON l.source_channel = m.value WHERE ${changed}
			UNION ALL
			SELECT l.lead_id, 'attribute:' || m.name || '=' || m.value, 'attribute', m.points, jsonb_build_object('name', m.name, 'value', m.value)
			FROM leads l JOIN unnest($7::text[], $8::text[], $9::numeric[]) AS m(name, value, points) ON l.attributes ->> m.name = m.value WHERE ${changed}
			UNION ALL
			SELECT l.lead_id, 'contact:' || m.field, 'contactField', m.points, jsonb_build_object('field', m.field)
			FROM leads l CROSS JOIN unnest($10::text[], $11::numeric[]) AS m(field, points)
			WHERE ${changed} AND CASE m.field
				WHEN 'phone' THEN l.phone_enc IS NOT NULL
				WHEN 'email' THEN coalesce(l.email, '') <> ''
				WHEN 'wechat' THEN coalesce(l.wechat_id, '') <> ''
				WHEN 'company' THEN coalesce(l.company, '') <> ''
				ELSE false END
		 ) AS matched
		 ${rebuilding ? '' : 'ORDER BY 1, 2'}`,
			rebuilding,
		),
		[
			scoredOn,
			sinceIso,
			industry.map((i) => i.value),
			industry.map((i) => i.points),
			sourceChannel.map((s) => s.value),
			sourceChannel.map((s) => s.points),
			attributes.map((a) => a.name),
			attributes.map((a) => a.value),
			attributes.map((a) => a.points),
			contactFields.map((c) => c.field),
			contactFields.map((c) => c.points),
		],
	);
}

function firstOf<T>(items: readonly T[], key: (item: T) => string): T[] {
	const seen = new Set<string>();
	const first: T[] = [];
	for (const item of items) {
		if (seen.has(key(item))) continue;
		seen.add(key(item));
		first.push(item);
	}
	return first;
}
