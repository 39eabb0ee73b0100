import type { Migration } from './Migration';

/**
 * The roster's two-character searches (a given name such as 王伟, the commonest search on a
 * Chinese roster) through an index of character pairs. A trigram index cannot answer a search
 * shorter than three characters, so the count behind the list read every lead: 406 ms at p50
 * through n8n at 1 M leads (bench/console). `lead_search_bigrams` holds every pair of adjacent
 * characters of the lower-cased lead id and name; a search of two characters is a candidate
 * filter on it (lib/roster's leadWhere), with the same LIKE after it, so what matches is
 * unchanged. Plain GIN over text[]: PGlite and servers without pg_trgm have it too.
 */
export const leadSearchBigrams: Migration = {
	version: 28,
	name: 'lead search: an index of character pairs for two-character searches',
	sql: `
CREATE FUNCTION lead_search_bigrams(lead_id text, name text) RETURNS text[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$
	SELECT coalesce(array_agg(DISTINCT substr(s.text, i, 2)), '{}')
	FROM unnest(ARRAY[lower(lead_id), lower(coalesce(name, ''))]) AS s(text), generate_series(1, length(s.text) - 1) AS i
$$;
CREATE INDEX leads_search_bigrams_idx ON leads USING gin (lead_search_bigrams(lead_id, name));
`,
};
