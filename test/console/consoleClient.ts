import { handleConsoleRequest, type ConsoleContext, type ConsoleResponse, type UploadedFile } from '../../lib/console';
import { createStaff, type StaffRole } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { testKeys } from '../setup/testStores';

export const STAFF_PASSWORD = 'Spring-Rain-2026';

/** A console context on a test store (real keys, the real clock unless pinned). */
export function consoleContext(store: Store, extra: Partial<ConsoleContext> = {}): ConsoleContext {
	return { store, keys: testKeys, ...extra };
}

/** Creates one account per role (`<prefix>-admin`, …) with STAFF_PASSWORD. */
export async function createRoleAccounts(store: Store, prefix = 'staff'): Promise<Record<StaffRole, string>> {
	const names = { admin: `${prefix}-admin`, marketing: `${prefix}-marketing`, viewer: `${prefix}-viewer` };
	for (const [role, username] of Object.entries(names)) {
		await createStaff(store, { username, displayName: `${role} 用户`, role, password: STAFF_PASSWORD, createdBy: 'test' });
	}
	return names;
}

/** One account per role, each signed in through the API in its own client. */
export async function signedInRoles(store: Store, prefix: string): Promise<{ accounts: Record<StaffRole, string>; clients: Record<StaffRole, ConsoleClient> }> {
	const accounts = await createRoleAccounts(store, prefix);
	const clients = {} as Record<StaffRole, ConsoleClient>;
	for (const role of ['admin', 'marketing', 'viewer'] as const) {
		clients[role] = new ConsoleClient(consoleContext(store));
		const response = await clients[role].login(accounts[role]);
		if (response.status !== 200) throw new Error(`${role} could not sign in: ${JSON.stringify(response.body)}`);
	}
	return { accounts, clients };
}

export interface SendOptions {
	files?: UploadedFile[];
	/** Override the CSRF header (null: leave it out). */
	csrf?: string | null;
	secure?: boolean;
}

/** A browser of one person: keeps the session cookie and the CSRF token as the web app does. */
export class ConsoleClient {
	cookie: string | undefined;
	csrfToken: string | undefined;

	constructor(
		readonly ctx: ConsoleContext,
		readonly clientAddress = '10.1.2.3',
	) {}

	async login(username: string, password = STAFF_PASSWORD): Promise<ConsoleResponse> {
		const response = await this.post('session.login', { username, password });
		const setCookie = response.headers['Set-Cookie'];
		if (response.status === 200 && setCookie) {
			this.cookie = setCookie.split(';')[0];
			this.csrfToken = (response.body as { csrfToken: string }).csrfToken;
		}
		return response;
	}

	get(op: string, query: Record<string, unknown> = {}): Promise<ConsoleResponse> {
		return this.send('GET', op, { query });
	}

	post(op: string, body: Record<string, unknown> = {}, options: SendOptions = {}): Promise<ConsoleResponse> {
		return this.send('POST', op, { body, ...options });
	}

	send(method: string, op: string, { query, body, files, csrf, secure }: { query?: Record<string, unknown>; body?: unknown } & SendOptions): Promise<ConsoleResponse> {
		const headers: Record<string, string> = { 'content-type': files ? 'multipart/form-data; boundary=x' : 'application/json' };
		if (this.cookie) headers.cookie = this.cookie;
		const token = csrf === undefined ? this.csrfToken : csrf;
		if (token !== null && token !== undefined && method === 'POST') headers['X-CSRF-Token'] = token;
		return handleConsoleRequest(this.ctx, { method, op, query, body, headers, files, clientAddress: this.clientAddress, secure });
	}
}

/** The error of an answer, for short assertions. */
export function errorOf(response: ConsoleResponse): { code: string; message: string; field?: string } {
	return (response.body as { error: { code: string; message: string; field?: string } }).error;
}

export async function auditCount(store: Store): Promise<number> {
	const result = await store.query<{ n: string }>('SELECT count(*) AS n FROM audit_log');
	return Number(result.rows[0].n);
}
