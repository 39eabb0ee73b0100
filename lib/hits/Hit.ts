import type { HitStatus } from './hitStatus';
import { PUSH_GRADE_SQL } from './pushGrade';

/** A hit as outputs and the board show it: the lead's personal data masked. */
export interface PublicHit {
	hitId: number;
	leadId: string;
	leadName: string | null;
	phone: string | null;
	ruleId: string;
	ruleVersion: number;
	label: string | null;
	/** The grade the hit is pushed by: the lead's fit letter once scored, else the rule's (pushGrade.ts). */
	grade: string | null;
	/** The grade the hit's rule gave it. */
	ruleGrade: string | null;
	reason: string | null;
	facts: Record<string, unknown>;
	source: string | null;
	status: HitStatus;
	/** Held out (对照组): recorded, never contacted; the baseline of the rule's uplift. */
	controlGroup?: boolean;
	/** How a converted hit got there: an imported conversion or a person on the board. */
	convertedSource?: 'imported' | 'staff' | null;
	hitDate: string;
	createdAt: string;
	updatedAt: string;
}

export interface HitRow {
	hit_id: number | string;
	lead_id: string;
	name_masked: string | null;
	phone_masked: string | null;
	rule_id: string;
	rule_version: number;
	label: string | null;
	grade: string | null;
	rule_grade: string | null;
	reason: string | null;
	facts: Record<string, unknown>;
	source: string | null;
	status: HitStatus;
	control_group: boolean;
	converted_source: 'imported' | 'staff' | null;
	hit_date: Date | string;
	created_at: Date | string;
	updated_at: Date | string;
}

export const HIT_COLUMNS = `h.hit_id, h.lead_id, l.name_masked, l.phone_masked, h.rule_id, h.rule_version, h.label,
	${PUSH_GRADE_SQL} AS grade, h.grade AS rule_grade, h.reason, h.facts, h.source, h.status, h.control_group, h.converted_source, to_char(h.hit_date, 'YYYY-MM-DD') AS hit_date, h.created_at, h.updated_at`;

export function toPublicHit(row: HitRow): PublicHit {
	return {
		hitId: Number(row.hit_id),
		leadId: row.lead_id,
		leadName: row.name_masked,
		phone: row.phone_masked,
		ruleId: row.rule_id,
		ruleVersion: row.rule_version,
		label: row.label,
		grade: row.grade,
		ruleGrade: row.rule_grade,
		reason: row.reason,
		facts: row.facts ?? {},
		source: row.source,
		status: row.status,
		controlGroup: row.control_group ?? false,
		convertedSource: row.converted_source ?? null,
		hitDate: String(row.hit_date),
		createdAt: new Date(row.created_at).toISOString(),
		updatedAt: new Date(row.updated_at).toISOString(),
	};
}
