import { HIT_COLUMNS, hitWhere, PUSH_GRADE_SQL, toPublicHit, type HitFilters, type HitRow, type PublicHit } from '../hits';
import type { Queryable } from '../store';
import { BOARD_HITS_BY_SLOT_SQL } from './boardHitCounts';
import { findSearchMatches, searchCondition, type BoardSearchMatches } from './boardSearch';
import type { BoardSort, SortDirection } from './boardQuery';
import { sharedRead } from './sharedRead';

export interface HitPageRequest {
	filters: HitFilters;
	page: number;
	pageSize: number;
	sort: BoardSort;
	direction: SortDirection;
}

export interface BoardHitPage {
	items: PublicHit[];
	/** Hits matching the filters, on every page. */
	total: number;
	/** The page shown: the one asked for, or the last one when that is past the end. */
	page: number;
	pageSize: number;
	pageCount: number;
	/** 1-based positions of the first and last item shown (0 and 0 when there are none). */
	from: number;
	to: number;
}

const STATUS_ORDER = `array_position(ARRAY['pending', 'in_progress', 'converted', 'contact_failed'], h.status)`;

/** ORDER BY for each sort; the direction is one of two words, never text from the request. */
function orderBy(sort: BoardSort, direction: SortDirection): string {
	const dir = direction === 'asc' ? 'ASC' : 'DESC';
	switch (sort) {
		case 'createdAt':
			return `h.created_at ${dir}, h.hit_id ${dir}`;
		case 'grade':
			return `${PUSH_GRADE_SQL} ${dir} NULLS LAST, h.hit_date DESC, h.hit_id DESC`;
		case 'status':
			return `${STATUS_ORDER} ${dir}, h.hit_date DESC, h.hit_id DESC`;
		case 'hitDate':
			return `h.hit_date ${dir}, h.hit_id ${dir}`;
	}
}

/** lib/hits' filters, with the board's wider search (boardSearch: its matches are read first). */
export function boardWhere(filters: HitFilters, params: unknown[], matches?: BoardSearchMatches): string {
	const { search, ...rest } = filters;
	const where = hitWhere(rest, params);
	if (!search || !matches) return where;
	const match = searchCondition(matches, params);
	return where ? `${where} AND ${match}` : `WHERE ${match}`;
}

/** How many hits match; with no filter but the status, from the kept counts (boardHitCounts) instead of the hits. */
export async function countBoardHits(db: Queryable, filters: HitFilters, matches?: BoardSearchMatches): Promise<number> {
	const { status, ...others } = filters;
	if (Object.values(others).every((value) => value === undefined || value === '' || (Array.isArray(value) && value.length === 0))) {
		const counted = await db.query<{ n: string }>(
			`SELECT coalesce(sum(hits), 0) AS n FROM ${BOARD_HITS_BY_SLOT_SQL} AS counts ${status ? 'WHERE status = $1' : ''}`,
			status ? [status] : [],
		);
		return Number(counted.rows[0].n);
	}
	const params: unknown[] = [];
	const where = boardWhere(filters, params, matches ?? (filters.search ? await findSearchMatches(db, filters.search) : undefined));
	const result = await db.query<{ n: string }>(`SELECT count(*) AS n FROM hits h ${where}`, params);
	return Number(result.rows[0]?.n ?? 0);
}

/** Pages over the hits alone (an index walk for the default order) and joins the leads for the rows shown only. */
async function selectPage(db: Queryable, request: HitPageRequest, page: number, matches: BoardSearchMatches | undefined): Promise<PublicHit[]> {
	const params: unknown[] = [];
	const where = boardWhere(request.filters, params, matches);
	params.push(request.pageSize, (page - 1) * request.pageSize);
	const order = orderBy(request.sort, request.direction);
	const result = await db.query<HitRow>(
		`SELECT ${HIT_COLUMNS}
		 FROM (SELECT h.hit_id FROM hits h ${where} ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}) shown
		 JOIN hits h ON h.hit_id = shown.hit_id
		 JOIN leads l ON l.lead_id = h.lead_id
		 ORDER BY ${order}`,
		params,
	);
	return result.rows.map(toPublicHit);
}

/** One page of hits and the total, counted and read at once; past the end it shows the last page. */
export async function loadHitPage(db: Queryable, request: HitPageRequest): Promise<BoardHitPage> {
	const asked = Math.max(1, Math.floor(request.page));
	const matches = request.filters.search ? await findSearchMatches(db, request.filters.search) : undefined;
	const [total, firstTry] = await Promise.all([
		sharedRead(db, `count:${JSON.stringify(request.filters)}`, () => countBoardHits(db, request.filters, matches)),
		selectPage(db, request, asked, matches),
	]);
	const pageCount = Math.max(1, Math.ceil(total / request.pageSize));
	const page = Math.min(asked, pageCount);
	const items = page === asked ? firstTry : await selectPage(db, request, page, matches);
	const from = items.length ? (page - 1) * request.pageSize + 1 : 0;
	return { items, total, page, pageSize: request.pageSize, pageCount, from, to: from ? from + items.length - 1 : 0 };
}
