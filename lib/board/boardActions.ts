import { HIT_COLUMNS, HIT_STATUS_LABELS, parseHitStatus, toPublicHit, updateHitStatuses, type HitRow, type HitStatus, type PublicHit } from '../hits';
import type { Queryable } from '../store';
import { noticeCode, type BoardNotice } from './boardNotice';
import { boardQueryString, parseBoardQuery, type BoardQueryDefaults } from './boardQuery';
import { DomainError } from '../errors';

export const BOARD_ACTION_KINDS = ['status', 'sms', 'call'] as const;
export type BoardActionKind = (typeof BOARD_ACTION_KINDS)[number];

/** What the board (or another tool) asks for: a status change, or an SMS / call for the selected hits. */
export interface BoardAction {
	kind: BoardActionKind;
	hitIds: number[];
	/** For a status change. */
	status?: HitStatus;
	/** The board's query string to go back to, cleaned (only the board's own keys). */
	returnQuery: string;
}

export const MAX_ACTION_HITS = 500;

export class BoardActionError extends DomainError {
	constructor(message: string, field: string) {
		super('invalid', message, field);
	}
}

/**
 * Reads the body of a board action: a form post (`action`, `hitIds` repeated or
 * comma-separated, `status`, `returnTo`) or the same fields as JSON (`hitIds` an array).
 */
export function parseBoardAction(body: unknown, defaults: BoardQueryDefaults = {}): BoardAction {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new BoardActionError('The request body must be a form or a JSON object', 'body');
	}
	const fields = body as Record<string, unknown>;
	const action = single(fields.action);
	if (!(BOARD_ACTION_KINDS as readonly string[]).includes(action)) {
		throw new BoardActionError(`"${action}" is not one of ${BOARD_ACTION_KINDS.join(', ')}`, 'action');
	}
	const hitIds = parseHitIds(fields.hitIds ?? fields.hitId);
	const result: BoardAction = { kind: action as BoardActionKind, hitIds, returnQuery: returnQuery(fields.returnTo, defaults) };
	if (result.kind === 'status') {
		const status = parseHitStatus(single(fields.status));
		if (!status) {
			const known = Object.entries(HIT_STATUS_LABELS).map(([code, label]) => `${code} (${label.zh})`);
			throw new BoardActionError(`Status "${single(fields.status)}" is not one of ${known.join(', ')}`, 'status');
		}
		result.status = status;
	}
	return result;
}

function single(value: unknown): string {
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' || typeof first === 'number' ? String(first).trim() : '';
}

function parseHitIds(value: unknown): number[] {
	const parts = (Array.isArray(value) ? value : [value])
		.flatMap((part) => (typeof part === 'string' ? part.split(',') : [part]))
		.map((part) => (typeof part === 'string' ? part.trim() : part))
		.filter((part) => part !== '' && part !== undefined && part !== null);
	// Nothing selected is not an error: the board says so instead of failing.
	if (parts.length === 0) return [];
	const ids = parts.map((part) => {
		const id = typeof part === 'number' ? part : /^\d{1,18}$/.test(String(part)) ? Number(part) : NaN;
		if (!Number.isSafeInteger(id) || id < 1) throw new BoardActionError(`"${String(part)}" is not a hit id`, 'hitIds');
		return id;
	});
	const unique = [...new Set(ids)];
	if (unique.length > MAX_ACTION_HITS) {
		throw new BoardActionError(`At most ${MAX_ACTION_HITS} hits at once (got ${unique.length})`, 'hitIds');
	}
	return unique;
}

function returnQuery(value: unknown, defaults: BoardQueryDefaults): string {
	const text = single(value).replace(/^\?/, '');
	return boardQueryString(parseBoardQuery(Object.fromEntries(new URLSearchParams(text)), defaults));
}

export interface BoardActionResult {
	/** The hits acted on, masked. */
	hits: PublicHit[];
	/** Selected ids that are not (or no longer) on the board. */
	missing: number[];
	notice: BoardNotice;
}

/** Moves the hits to the new status in one statement; ids not found are reported, not fatal. */
export async function changeHitStatuses(db: Queryable, hitIds: number[], status: HitStatus): Promise<BoardActionResult> {
	const moved = await updateHitStatuses(db, hitIds.map((hitId) => ({ hitId, status })));
	const hits = [...moved.values()].sort((a, b) => a.hitId - b.hitId);
	const missing = missingIds(hitIds, hits);
	return { hits, missing, notice: { kind: 'status', count: hits.length, missing: missing.length, status } };
}

/** The selected hits, masked, in the order given: what the push path (Push Gate → SMS / Outbound Call) takes. */
export async function selectHitsForPush(db: Queryable, hitIds: number[], channel: 'sms' | 'call'): Promise<BoardActionResult> {
	const result = await db.query<HitRow>(
		`SELECT ${HIT_COLUMNS} FROM hits h JOIN leads l ON l.lead_id = h.lead_id WHERE h.hit_id = ANY($1::bigint[])`,
		[hitIds],
	);
	const byId = new Map(result.rows.map((row) => [Number(row.hit_id), toPublicHit(row)]));
	const hits = hitIds.flatMap((id) => byId.get(id) ?? []);
	const missing = missingIds(hitIds, hits);
	return { hits, missing, notice: { kind: channel, count: hits.length, missing: missing.length } };
}

function missingIds(asked: number[], found: PublicHit[]): number[] {
	const present = new Set(found.map((hit) => hit.hitId));
	return asked.filter((id) => !present.has(id));
}

/** Where the browser goes after the action: the board as it was, with the outcome. */
export function boardRedirect(boardUrl: string, action: BoardAction, notice: BoardNotice): string {
	const query = [action.returnQuery, `notice=${noticeCode(notice)}`].filter(Boolean).join('&');
	return `${boardUrl}?${query}`;
}
