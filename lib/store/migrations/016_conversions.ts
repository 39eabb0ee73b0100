import type { Migration } from './Migration';

/**
 * Conversions and control groups (issue 18, 转化分析).
 *
 * lib/roi owns:
 * - conversions: what the bank's own systems say a person bought (a loan disbursed, a card
 *   issued, an account opened): product, amount in cents, day. The person is held only as
 *   keyed hashes of the ID number and / or the phone, as the roster holds them; `lead_id` is
 *   the roster lead they matched (NULL while none does). `conversion_key` makes a re-import
 *   of the same conversion change nothing: the bank's reference (流水号) when the file has
 *   one, else a digest of person, product, amount and day.
 * - conversion_touches: the hits a conversion is attributed to — every hit of that person
 *   whose window (the hit date to `window_days` after it) holds the conversion day — with the
 *   first and the last touch marked, and the last push of that hit before the conversion.
 *
 * lib/hits (owner of hits) gains:
 * - control_group: the hit was held out (对照组): recorded, never contacted (Push Gate holds
 *   it), the baseline a rule's uplift is measured against.
 * - converted_source: how a converted hit got there: 'imported' (an attributed conversion)
 *   or 'staff' (clicked on the board).
 */
export const conversions: Migration = {
	version: 16,
	name: 'conversions, attribution, control groups',
	sql: `
ALTER TABLE hits ADD COLUMN control_group boolean NOT NULL DEFAULT false;
ALTER TABLE hits ADD COLUMN converted_source text CHECK (converted_source IN ('imported', 'staff'));

CREATE TABLE conversions (
	conversion_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	conversion_key  text   NOT NULL UNIQUE,
	id_hash         text,
	phone_hash      text,
	lead_id         text REFERENCES leads (lead_id) ON DELETE SET NULL,
	product         text   NOT NULL,
	amount_cents    bigint NOT NULL CHECK (amount_cents >= 0),
	converted_on    date   NOT NULL,
	source_name     text,
	imported_at     timestamptz NOT NULL DEFAULT now(),
	CHECK (id_hash IS NOT NULL OR phone_hash IS NOT NULL)
);
CREATE INDEX conversions_id_hash_idx ON conversions (id_hash) WHERE id_hash IS NOT NULL;
CREATE INDEX conversions_phone_hash_idx ON conversions (phone_hash) WHERE phone_hash IS NOT NULL;
CREATE INDEX conversions_lead_idx ON conversions (lead_id, converted_on);
CREATE INDEX conversions_unmatched_idx ON conversions (conversion_id) WHERE lead_id IS NULL;

CREATE TABLE conversion_touches (
	conversion_id   bigint  NOT NULL REFERENCES conversions (conversion_id) ON DELETE CASCADE,
	hit_id          bigint  NOT NULL REFERENCES hits (hit_id) ON DELETE CASCADE,
	rule_id         text    NOT NULL,
	days_after_hit  integer NOT NULL,
	first_touch     boolean NOT NULL,
	last_touch      boolean NOT NULL,
	push_id         bigint,
	channel         text,
	PRIMARY KEY (conversion_id, hit_id)
);
CREATE INDEX conversion_touches_hit_idx ON conversion_touches (hit_id);

-- Attribution and the report find a hit's pushes.
CREATE INDEX push_ledger_hit_idx ON push_ledger (hit_id) WHERE hit_id IS NOT NULL;
`,
};
