import { HIT_STATUSES, type HitStatus } from '../hits';

/**
 * The outcome of a board action, carried back to the board in the redirect's query
 * string as a short code (never free text, so nothing from a request is echoed).
 */
export type BoardNotice =
	| { kind: 'status'; count: number; missing: number; status: HitStatus }
	| { kind: 'sms' | 'call'; count: number; missing: number };

const NOTICE = /^(status|sms|call)\.(\d{1,6})\.(\d{1,6})(?:\.([a-z_]+))?$/;

export function noticeCode(notice: BoardNotice): string {
	const base = `${notice.kind}.${notice.count}.${notice.missing}`;
	return notice.kind === 'status' ? `${base}.${notice.status}` : base;
}

export function noticeFrom(code: string | undefined): BoardNotice | undefined {
	const match = code ? NOTICE.exec(code) : null;
	if (!match) return undefined;
	const [, kind, count, missing, status] = match;
	if (kind === 'status') {
		if (!(HIT_STATUSES as readonly string[]).includes(status ?? '')) return undefined;
		return { kind, count: Number(count), missing: Number(missing), status: status as HitStatus };
	}
	if (status !== undefined) return undefined;
	return { kind: kind as 'sms' | 'call', count: Number(count), missing: Number(missing) };
}
