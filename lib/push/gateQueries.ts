import { PUSH_GRADE_SQL, type HitStatus } from '../hits';
import type { Queryable } from '../store';
import type { GateHit } from './standingHold';

/**
 * The columns a gate decision reads of a hit and its lead (`h` hits, `l` leads); the grade is the
 * one the hit is pushed by, as the tier that selected it and the hit item have it.
 */
export const GATE_HIT_COLUMNS = `h.hit_id, h.lead_id, h.status, ${PUSH_GRADE_SQL} AS grade, h.control_group, l.phone_hash, l.phone_enc IS NOT NULL AS has_phone`;

export interface GateHitRow {
	hit_id: string | number;
	lead_id: string;
	status: HitStatus;
	grade: string | null;
	control_group: boolean;
	phone_hash: string | null;
	has_phone: boolean;
}

export function gateHitFromRow(row: GateHitRow): GateHit {
	return {
		hitId: Number(row.hit_id),
		leadId: row.lead_id,
		status: row.status,
		grade: row.grade,
		controlGroup: row.control_group,
		phoneHash: row.phone_hash,
		hasPhone: row.has_phone,
	};
}

export async function loadGateHits(db: Queryable, hitIds: readonly number[]): Promise<Map<number, GateHit>> {
	const result = await db.query<GateHitRow>(
		`SELECT ${GATE_HIT_COLUMNS}
		 FROM hits h JOIN leads l ON l.lead_id = h.lead_id
		 WHERE h.hit_id = ANY($1::bigint[])`,
		[[...new Set(hitIds)]],
	);
	return new Map(result.rows.map((row) => [Number(row.hit_id), gateHitFromRow(row)]));
}
