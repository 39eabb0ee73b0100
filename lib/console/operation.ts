import { recordAudit, type AuditAction } from '../audit';
import type { TableFile } from '../files';
import type { ActiveSession, StaffInfo } from '../staff';
import type { Queryable } from '../store';
import type { ConsoleContext, ConsoleRequest } from './ConsoleRequest';
import type { Input } from './readInput';

/** What an operation is given: the context, the request, its input (the query of a GET, the body of a POST) and the time. */
export interface AnonymousCall {
	ctx: ConsoleContext;
	request: ConsoleRequest;
	input: Input;
	now: Date;
	/** The session the request's cookie names, if it names a live one. */
	session?: ActiveSession;
}

/** An operation of a signed-in person: who it is, and their audit entries. */
export interface OpCall extends AnonymousCall {
	session: ActiveSession;
	staff: StaffInfo;
	/** Records an audit entry by this person; pass the transaction of the change it records. */
	audit(db: Queryable, action: AuditAction, subject?: string | null, detail?: Record<string, unknown>): Promise<void>;
}

/** An operation's code. Who may call it is the contract's OPS table: the router checks it before running. */
export interface Operation {
	run(call: AnonymousCall): Promise<unknown>;
}

/** An operation for signed-in staff (every one but the login: OPS gives them a role, so the router has found the session). */
export function signedIn(run: (call: OpCall) => Promise<unknown>): Operation {
	return {
		run: (call) => {
			const session = call.session as ActiveSession;
			const staff = session.staff;
			return run({
				...call,
				session,
				staff,
				audit: (db, action, subject, detail) => recordAudit(db, { actor: staff.username, action, subject, detail }),
			});
		},
	};
}

export function anonymous(run: (call: AnonymousCall) => Promise<unknown>): Operation {
	return { run };
}

/** An answer that needs more than a JSON body: its own headers (a cookie, a file's name) or status. */
export class Reply {
	constructor(
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
		readonly status = 200,
	) {}
}

/** A file to download: its bytes, type and name (RFC 5987 for the Chinese name, an ASCII one for old clients). */
export function fileReply(file: TableFile): Reply {
	const extension = /\.[A-Za-z0-9]+$/.exec(file.fileName)?.[0] ?? '';
	const plain = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '');
	const ascii = /[A-Za-z0-9]/.test(plain.slice(0, plain.length - extension.length)) ? plain : `download${extension}`;
	return new Reply(file.data, {
		'Content-Type': file.mimeType,
		'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(file.fileName)}`,
	});
}

/** Percent-encoding for an RFC 5987 value: encodeURIComponent leaves ' ( ) * as they are, which that grammar does not allow. */
function rfc5987(value: string): string {
	return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
