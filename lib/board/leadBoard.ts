import { leadVisibilitySql, viewerBranch, type LeadViewer } from '../assignment';
import { BOARD_LEAD_SCORES_SQL } from '../scoring';
import type { Queryable } from '../store';

/** The board's lead filters: grade (A1 … D3, or a fit letter A … D), owner, branch, score range. */
export interface LeadBoardFilters {
	grade?: string;
	owner?: string;
	branch?: string;
	scoreMin?: number;
	scoreMax?: number;
}

export interface LeadReason {
	hitId: number;
	ruleId: string;
	label: string | null;
	reason: string | null;
	hitDate: string;
	status: string;
}

/** One row per lead on the board (the seed's 高潜线索列表), masked. */
export interface LeadBoardRow {
	leadId: string;
	name: string | null;
	phone: string | null;
	grade: string | null;
	score: number | null;
	mature: boolean;
	source: string | null;
	owner: string | null;
	/** The branch whose staff see the lead: its owner row's when assigned, else the roster's (the branch filter's too). */
	branch: string | null;
	/** The newest hit's status: the lead's status on the board. */
	status: string;
	/** Every rule hit, newest first. */
	reasons: LeadReason[];
	/** When the lead was last pushed to (sent, or decided when not sent), ISO; null: never. */
	lastContactAt: string | null;
}

export interface LeadBoardKpis {
	/** 命中用户总数: leads with at least one hit (people, not hits). */
	leads: number;
	gradeA: number;
	mature: number;
	unassigned: number;
}

export interface LeadBoardPage {
	items: LeadBoardRow[];
	total: number;
	page: number;
	pageSize: number;
	kpis: LeadBoardKpis;
}

const GRADE = /^[A-D][1-3]?$/;

/** WHERE for the board's leads (those with a hit: FROM) the viewer may see, with the filters; values are parameters. */
function leadBoardWhere(viewer: LeadViewer, branch: string | null, filters: LeadBoardFilters, params: unknown[]): string {
	const where = [leadVisibilitySql(viewer, params, branch, { owner: 's.owner', branch: 's.branch' })];
	if (filters.grade && GRADE.test(filters.grade)) {
		params.push(filters.grade);
		where.push(filters.grade.length === 1 ? `s.fit = $${params.length}` : `s.grade = $${params.length}`);
	}
	if (filters.owner) {
		params.push(filters.owner);
		where.push(`s.owner = $${params.length}`);
	}
	if (filters.branch) {
		params.push(filters.branch);
		where.push(`s.branch = $${params.length}`);
	}
	if (filters.scoreMin !== undefined) {
		params.push(filters.scoreMin);
		where.push(`s.score >= $${params.length}::numeric`);
	}
	if (filters.scoreMax !== undefined) {
		params.push(filters.scoreMax);
		where.push(`s.score <= $${params.length}::numeric`);
	}
	return `WHERE ${where.join(' AND ')}`;
}

/**
 * The leads with a hit, their scores as of the latest run, their owner and the branch whose
 * staff see them, stored (lib/scoring's BOARD_LEAD_SCORES_SQL, kept right by triggers): ordered,
 * counted and filtered through indexes, no lead read. Computed per lead on read, a page took
 * 11 s at 1 M leads (lead_scores), and reading each listed lead's branch from leads 298 ms for
 * a branch's account (697 ms for a branch with none listed).
 */
const BOARD_FROM = `FROM ${BOARD_LEAD_SCORES_SQL} AS s`;

/**
 * The board's leads: one row per lead that has a hit and the viewer may see, best score
 * first, with its grade, score, every reason (newest first), source, owner, status and last
 * contact; and the KPIs over the same leads (counting people).
 */
export async function loadLeadBoard(
	db: Queryable,
	viewer: LeadViewer,
	request: { filters: LeadBoardFilters; page: number; pageSize: number },
): Promise<LeadBoardPage> {
	const params: unknown[] = [];
	const branch = await viewerBranch(db, viewer);
	const where = leadBoardWhere(viewer, branch, request.filters, params);
	const kpiRow = await db.query<{ leads: number; grade_a: number; mature: number; unassigned: number }>(
		`SELECT count(*)::int AS leads, count(*) FILTER (WHERE s.fit = 'A')::int AS grade_a,
			count(*) FILTER (WHERE s.mature)::int AS mature, count(*) FILTER (WHERE s.owner IS NULL)::int AS unassigned
		 ${BOARD_FROM} ${where}`,
		params,
	);
	const kpis = { leads: kpiRow.rows[0].leads, gradeA: kpiRow.rows[0].grade_a, mature: kpiRow.rows[0].mature, unassigned: kpiRow.rows[0].unassigned };
	const pageCount = Math.max(1, Math.ceil(kpis.leads / request.pageSize));
	const page = Math.min(Math.max(1, request.page), pageCount);
	params.push(request.pageSize, (page - 1) * request.pageSize);
	// The page is chosen first and its leads read after: joined before the LIMIT, every lead of
	// a filter was read (2 140 index probes for {grade: 'B2'} at 100 k leads: 404 ms).
	const rows = await db.query<{
		lead_id: string;
		name_masked: string | null;
		phone_masked: string | null;
		grade: string | null;
		score: string | null;
		mature: boolean | null;
		source_channel: string | null;
		owner: string | null;
		branch: string | null;
		reasons: LeadReason[];
		last_contact: Date | null;
	}>(
		`SELECT l.lead_id, l.name_masked, l.phone_masked, shown.grade, shown.score::text AS score, shown.mature, l.source_channel,
			coalesce(shown.owner, l.owner) AS owner, shown.branch,
			(SELECT json_agg(json_build_object('hitId', h.hit_id, 'ruleId', h.rule_id, 'label', h.label, 'reason', h.reason,
				'hitDate', to_char(h.hit_date, 'YYYY-MM-DD'), 'status', h.status) ORDER BY h.hit_date DESC, h.hit_id DESC)
				FROM hits h WHERE h.lead_id = shown.lead_id) AS reasons,
			(SELECT max(coalesce(p.sent_at, p.decided_at)) FROM push_ledger p WHERE p.lead_id = shown.lead_id) AS last_contact
		 FROM (
			SELECT s.lead_id, s.grade, s.score, s.mature, s.owner, s.branch
			${BOARD_FROM} ${where}
			ORDER BY s.score DESC NULLS LAST, s.lead_id
			LIMIT $${params.length - 1} OFFSET $${params.length}
		 ) AS shown
		 JOIN leads l ON l.lead_id = shown.lead_id
		 ORDER BY shown.score DESC NULLS LAST, shown.lead_id`,
		params,
	);
	return {
		items: rows.rows.map((row) => ({
			leadId: row.lead_id,
			name: row.name_masked,
			phone: row.phone_masked,
			grade: row.grade,
			score: row.score === null ? null : Number(row.score),
			mature: row.mature === true,
			source: row.source_channel,
			owner: row.owner,
			branch: row.branch,
			status: row.reasons?.[0]?.status ?? 'pending',
			reasons: row.reasons ?? [],
			lastContactAt: row.last_contact ? new Date(row.last_contact).toISOString() : null,
		})),
		total: kpis.leads,
		page,
		pageSize: request.pageSize,
		kpis,
	};
}
