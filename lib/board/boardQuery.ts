import { HIT_STATUSES, type HitFilters, type HitStatus } from '../hits';
import { noticeFrom, type BoardNotice } from './boardNotice';

export const BOARD_LANGUAGES = ['zh', 'en'] as const;
export type BoardLanguage = (typeof BOARD_LANGUAGES)[number];

export const BOARD_SORTS = ['hitDate', 'createdAt', 'grade', 'status'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;
export const GRADES = ['A', 'B', 'C', 'D'] as const;

/** What the board shows, read from the request's query string. */
export interface BoardQuery {
	page: number;
	pageSize: number;
	filters: HitFilters;
	sort: BoardSort;
	direction: SortDirection;
	lang: BoardLanguage;
	/** The defaults in force, so that links leave out what equals them. */
	defaults: Required<BoardQueryDefaults>;
	/** The outcome of an action the board was redirected back from. */
	notice?: BoardNotice;
}

export interface BoardQueryDefaults {
	pageSize?: number;
	lang?: BoardLanguage;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 100;

/**
 * Reads a query object (n8n's webhook `query`: values are strings or arrays of strings).
 * A board link must never fail: a value that does not fit is ignored, not an error.
 */
export function parseBoardQuery(raw: unknown, defaults: BoardQueryDefaults = {}): BoardQuery {
	const query = isRecord(raw) ? raw : {};
	const text = (name: string) => firstText(query[name]);
	const defaultPageSize = pageSizeOr(defaults.pageSize, DEFAULT_PAGE_SIZE);
	const defaultLang = defaults.lang ?? 'zh';
	const status = text('status');
	const grade = text('grade')?.toUpperCase();
	const sort = text('sort');
	const lang = text('lang');
	const filters: HitFilters = {};
	if (status && (HIT_STATUSES as readonly string[]).includes(status)) filters.status = status as HitStatus;
	if (grade && /^[A-Z0-9]{1,8}$/.test(grade)) filters.grade = grade;
	assignText(filters, 'ruleId', text('rule'));
	assignText(filters, 'source', text('source'));
	assignText(filters, 'search', text('q'));
	const dateFrom = isoDate(text('from'));
	const dateTo = isoDate(text('to'));
	if (dateFrom) filters.dateFrom = dateFrom;
	if (dateTo) filters.dateTo = dateTo;
	if (dateFrom && dateTo && dateFrom > dateTo) [filters.dateFrom, filters.dateTo] = [dateTo, dateFrom];
	const parsedSort = (BOARD_SORTS as readonly string[]).includes(sort ?? '') ? (sort as BoardSort) : 'hitDate';
	const dir = text('dir');
	return {
		page: positiveInteger(text('page')) ?? 1,
		pageSize: pageSizeOr(positiveInteger(text('size')), defaultPageSize),
		filters,
		sort: parsedSort,
		direction: dir === 'asc' || dir === 'desc' ? dir : defaultDirection(parsedSort),
		lang: (BOARD_LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as BoardLanguage) : defaultLang,
		defaults: { pageSize: defaultPageSize, lang: defaultLang },
		notice: noticeFrom(text('notice')),
	};
}

/** Grades read best A first; dates and statuses newest / earliest stage first. */
export function defaultDirection(sort: BoardSort): SortDirection {
	return sort === 'grade' || sort === 'status' ? 'asc' : 'desc';
}

/**
 * The query string for a board state, with only the keys that differ from the defaults;
 * `changes` override single keys (`page`, `status`, ...). The notice is never carried on.
 */
export function boardQueryString(query: BoardQuery, changes: Partial<Record<BoardQueryKey, string | number | undefined>> = {}): string {
	const values: Record<BoardQueryKey, string | number | undefined> = {
		q: query.filters.search,
		status: query.filters.status,
		grade: query.filters.grade,
		rule: query.filters.ruleId,
		source: query.filters.source,
		from: query.filters.dateFrom,
		to: query.filters.dateTo,
		sort: query.sort === 'hitDate' ? undefined : query.sort,
		dir: query.direction === defaultDirection(query.sort) ? undefined : query.direction,
		size: query.pageSize === query.defaults.pageSize ? undefined : query.pageSize,
		page: query.page > 1 ? query.page : undefined,
		lang: query.lang === query.defaults.lang ? undefined : query.lang,
		...changes,
	};
	const params = new URLSearchParams();
	for (const key of BOARD_QUERY_KEYS) {
		const value = values[key];
		if (value !== undefined && value !== '') params.set(key, String(value));
	}
	return params.toString();
}

export const BOARD_QUERY_KEYS = ['q', 'status', 'grade', 'rule', 'source', 'from', 'to', 'sort', 'dir', 'size', 'page', 'lang'] as const;
export type BoardQueryKey = (typeof BOARD_QUERY_KEYS)[number];

export function hasFilters(filters: HitFilters): boolean {
	return Object.values(filters).some((value) => value !== undefined && value !== '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstText(value: unknown): string | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	if (typeof first !== 'string' && typeof first !== 'number') return undefined;
	const trimmed = String(first).trim();
	return trimmed === '' ? undefined : trimmed;
}

function assignText(filters: HitFilters, key: 'ruleId' | 'source' | 'search', value: string | undefined): void {
	if (value) filters[key] = value.slice(0, MAX_TEXT);
}

function positiveInteger(value: string | undefined): number | undefined {
	if (!value || !/^\d{1,9}$/.test(value)) return undefined;
	const number = Number(value);
	return number >= 1 ? number : undefined;
}

function pageSizeOr(value: number | undefined, fallback: number): number {
	return value !== undefined && (PAGE_SIZES as readonly number[]).includes(value) ? value : fallback;
}

function isoDate(value: string | undefined): string | undefined {
	if (!value || !ISO_DATE.test(value)) return undefined;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : undefined;
}
