import type { Queryable } from '../store';
import { recordRowChanges, touchLeads } from './ledgerChanges';
import type { ScoringModel } from './ScoringModel';

const TABLE = 'lead_score_profile_entries';

/**
 * Rebuilds the profile entries (静态积分) of the leads changed since `since` (every lead when
 * the model changed): one entry per matched industry, source channel, custom attribute and
 * contact field, a lead's entries kept as one row of lead_score_profile_entries (migration
 * 032). Day: the scoring date (profile points do not decay: base = points). Every changed
 * lead is rescored, including a new lead that matches nothing (it gets no row). A value the
 * model lists twice counts once (its first points), so each lead's keys are unique.
 */
export async function rebuildStaticEntries(tx: Queryable, model: ScoringModel, scoredOn: string, since: Date | null): Promise<void> {
	const sinceIso = since ? since.toISOString() : null;
	if (since) {
		// Most days no lead changed: one scan that stops at the first changed lead, not four.
		const any = await tx.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM leads WHERE updated_at >= $1::timestamptz) AS any', [sinceIso]);
		if (!any.rows[0].any) return;
		await tx.query(
			recordRowChanges(
				`WITH added AS (
					DELETE FROM ${TABLE} p USING leads l WHERE p.lead_id = l.lead_id AND l.updated_at >= $1::timestamptz
					RETURNING p.lead_id, -p.points_sum AS points_sum, -p.entries AS entries
				 )`,
				'profile',
			),
			[sinceIso],
		);
		await tx.query(touchLeads('l.updated_at >= $1::timestamptz'), [sinceIso]);
	}
	const industry = firstOf(model.static.industry, (i) => i.value);
	const sourceChannel = firstOf(model.static.sourceChannel, (s) => s.value);
	const attributes = firstOf(model.static.attributes, (a) => `${a.name}=${a.value}`);
	const contactFields = firstOf(model.static.contactFields, (c) => c.field);
	const insert = `INSERT INTO ${TABLE} (lead_id, day, entry_keys, sources, points, details, points_sum, entries)
		 SELECT l.lead_id, $1::date, m.entry_keys, m.sources, m.points, m.details, m.points_sum, m.entries
		 FROM leads l
		 CROSS JOIN LATERAL (
			SELECT array_agg(e.entry_key) AS entry_keys, array_agg(e.source) AS sources, array_agg(e.points) AS points, array_agg(e.detail) AS details,
				sum(e.points) AS points_sum, count(*)::int AS entries
			FROM (
				SELECT 'industry' AS entry_key, 'industry' AS source, i.points, jsonb_build_object('value', i.value) AS detail
				FROM unnest($3::text[], $4::numeric[]) AS i(value, points) WHERE i.value = l.industry
				UNION ALL
				SELECT 'sourceChannel', 'sourceChannel', s.points, jsonb_build_object('value', s.value)
				FROM unnest($5::text[], $6::numeric[]) AS s(value, points) WHERE s.value = l.source_channel
				UNION ALL
				SELECT 'attribute:' || a.name || '=' || a.value, 'attribute', a.points, jsonb_build_object('name', a.name, 'value', a.value)
				FROM unnest($7::text[], $8::text[], $9::numeric[]) AS a(name, value, points) WHERE l.attributes ->> a.name = a.value
				UNION ALL
				SELECT 'contact:' || c.field, 'contactField', c.points, jsonb_build_object('field', c.field)
				FROM unnest($10::text[], $11::numeric[]) AS c(field, points)
				WHERE CASE c.field
					WHEN 'phone' THEN l.phone_enc IS NOT NULL
					WHEN 'email' THEN coalesce(l.email, '') <> ''
					WHEN 'wechat' THEN coalesce(l.wechat_id, '') <> ''
					WHEN 'company' THEN coalesce(l.company, '') <> ''
					ELSE false END
			) AS e
		 ) AS m
		 WHERE ($2::timestamptz IS NULL OR l.updated_at >= $2::timestamptz) AND m.entries > 0`;
	await tx.query(since ? recordRowChanges(`WITH added AS (${insert} RETURNING lead_id, points_sum, entries)`, 'profile') : insert, [
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
	]);
}

/** Per lead, the points of its profile entries, as a subquery (lead_id, profile): at most one row per lead. */
export const PROFILE_SUMS = `SELECT lead_id, points_sum AS profile FROM ${TABLE}`;

/** How many profile entries the ledger holds. */
export async function profileEntryCount(tx: Queryable): Promise<number> {
	const result = await tx.query<{ n: string }>(`SELECT coalesce(sum(entries), 0)::text AS n FROM ${TABLE}`);
	return Number(result.rows[0].n);
}

/** A rebuild empties the profile entries and drops their key, built again from the finished rows (see ledgerIndexes). */
export async function dropProfileEntryIndexes(tx: Queryable): Promise<void> {
	await tx.query(`TRUNCATE ${TABLE}`);
	await tx.query(`ALTER TABLE ${TABLE} DROP CONSTRAINT lead_score_profile_entries_pkey`);
}

export async function buildProfileEntryIndexes(tx: Queryable): Promise<void> {
	await tx.query(`ALTER TABLE ${TABLE} ADD CONSTRAINT lead_score_profile_entries_pkey PRIMARY KEY (lead_id)`);
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
