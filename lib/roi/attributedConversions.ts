import type { Queryable } from '../store';

/** An attributed conversion as an export shows it: the lead masked (张*, 138****1234), never an ID hash. */
export interface AttributedConversion {
	conversionId: number;
	leadId: string | null;
	nameMasked: string | null;
	phoneMasked: string | null;
	product: string;
	amountCents: number;
	convertedOn: string;
	/** The last touch: its rule (label), hit day, grade, source channel and the channel of its last push before the conversion. */
	lastTouchRule: string;
	lastTouchHitDate: string;
	grade: string | null;
	sourceChannel: string | null;
	pushChannel: string | null;
	daysAfterHit: number;
	firstTouchRule: string;
	touches: number;
	sourceName: string | null;
}

export interface AttributedConversionOptions {
	/** Inclusive YYYY-MM-DD bounds on the last touch's hit date (the report counts a conversion's amount there). */
	dateFrom?: string;
	dateTo?: string;
	/** At most this many, newest conversion first. */
	limit: number;
}

interface Row {
	conversion_id: string;
	lead_id: string | null;
	name_masked: string | null;
	phone_masked: string | null;
	product: string;
	amount_cents: string;
	converted_on: string;
	last_rule: string;
	last_hit_date: string;
	grade: string | null;
	source: string | null;
	channel: string | null;
	days_after_hit: number;
	first_rule: string;
	touches: string;
	source_name: string | null;
}

/**
 * The conversions attributed to a hit, one row each with its first and last touch, the lead
 * as the roster shows it masked. Reads only the masked columns of leads: the phone is never
 * decrypted here.
 */
export async function attributedConversions(db: Queryable, options: AttributedConversionOptions): Promise<AttributedConversion[]> {
	const result = await db.query<Row>(
		`SELECT c.conversion_id, c.lead_id, l.name_masked, l.phone_masked, c.product, c.amount_cents,
		        to_char(c.converted_on, 'YYYY-MM-DD') AS converted_on,
		        coalesce(lh.label, lh.rule_id) AS last_rule, to_char(lh.hit_date, 'YYYY-MM-DD') AS last_hit_date,
		        lh.grade, lh.source, lt.channel, lt.days_after_hit,
		        coalesce(fh.label, fh.rule_id, lh.label, lh.rule_id) AS first_rule,
		        (SELECT count(*) FROM conversion_touches a WHERE a.conversion_id = c.conversion_id) AS touches,
		        c.source_name
		 FROM conversion_touches lt
		 JOIN conversions c ON c.conversion_id = lt.conversion_id
		 JOIN hits lh ON lh.hit_id = lt.hit_id
		 LEFT JOIN leads l ON l.lead_id = c.lead_id
		 LEFT JOIN conversion_touches ft ON ft.conversion_id = c.conversion_id AND ft.first_touch
		 LEFT JOIN hits fh ON fh.hit_id = ft.hit_id
		 WHERE lt.last_touch
		   AND ($1::date IS NULL OR lh.hit_date >= $1::date) AND ($2::date IS NULL OR lh.hit_date <= $2::date)
		 ORDER BY c.converted_on DESC, c.conversion_id DESC
		 LIMIT $3`,
		[options.dateFrom ?? null, options.dateTo ?? null, options.limit],
	);
	return result.rows.map((row) => ({
		conversionId: Number(row.conversion_id),
		leadId: row.lead_id,
		nameMasked: row.name_masked,
		phoneMasked: row.phone_masked,
		product: row.product,
		amountCents: Number(row.amount_cents),
		convertedOn: row.converted_on,
		lastTouchRule: row.last_rule,
		lastTouchHitDate: row.last_hit_date,
		grade: row.grade,
		sourceChannel: row.source,
		pushChannel: row.channel,
		daysAfterHit: Number(row.days_after_hit),
		firstTouchRule: row.first_rule,
		touches: Number(row.touches),
		sourceName: row.source_name,
	}));
}
