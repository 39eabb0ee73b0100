import type { HitStatus } from '../../lib/hits';
import type { Queryable } from '../../lib/store';

/** Test data for the board, written with SQL so every column (created_at above all) is exact. */
export interface SeedHit {
	leadId: string;
	ruleId?: string;
	ruleVersion?: number;
	label?: string | null;
	reason?: string | null;
	grade?: string | null;
	source?: string | null;
	status?: HitStatus;
	hitDate?: string;
	createdAt: string;
}

export async function insertLead(db: Queryable, leadId: string, nameMasked = '张*', phoneMasked = '138****8899'): Promise<void> {
	await db.query(
		`INSERT INTO leads (lead_id, name_masked, phone_masked, id_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (lead_id) DO NOTHING`,
		[leadId, nameMasked, phoneMasked, `v1:${leadId}`],
	);
}

let windowCounter = 0;

export async function insertHit(db: Queryable, hit: SeedHit): Promise<number> {
	const result = await db.query<{ hit_id: string }>(
		`INSERT INTO hits (lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason, source, status, created_at, updated_at)
		 VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, $10, $11, $12::timestamptz, $12::timestamptz) RETURNING hit_id`,
		[
			hit.leadId,
			`v1:${hit.leadId}`,
			hit.ruleId ?? 'active-institutions',
			hit.ruleVersion ?? 1,
			`w${++windowCounter}`,
			hit.hitDate ?? hit.createdAt.slice(0, 10),
			hit.grade === undefined ? 'B' : hit.grade,
			hit.label === undefined ? '活跃机构命中' : hit.label,
			hit.reason === undefined ? '近7天内在3家机构核验5次' : hit.reason,
			hit.source === undefined ? '系统X' : hit.source,
			hit.status ?? 'pending',
			hit.createdAt,
		],
	);
	return Number(result.rows[0].hit_id);
}

/** The board's test clock: 2025-12-23 11:30 in Shanghai. */
export const NOW = new Date('2025-12-23T03:30:00Z');
