/** Who is signed in, for the whole app: loaded once, kept in sync with the API client's CSRF token. */
import { reactive } from 'vue';

import type { OpName, SessionInfo, StaffInfo } from '../../lib/console/api/contract';
import { ApiFailure, call, setCsrfToken } from './api/client';
import { roleMayCall } from './model/access';

export const session = reactive<{ staff: StaffInfo | null; checked: boolean }>({ staff: null, checked: false });

function adopt(info: SessionInfo | null): void {
	session.staff = info?.staff ?? null;
	setCsrfToken(info?.csrfToken ?? null);
	session.checked = true;
}

/** Asks the server who we are; false (and signed out) when there is no session. */
export async function loadSession(): Promise<boolean> {
	try {
		adopt(await call('session.get'));
		return true;
	} catch (error) {
		if (error instanceof ApiFailure && error.status === 401) {
			adopt(null);
			return false;
		}
		throw error;
	}
}

export async function signIn(username: string, password: string): Promise<void> {
	adopt(await call('session.login', { username, password }));
}

export async function signOut(): Promise<void> {
	try {
		await call('session.logout');
	} finally {
		adopt(null);
	}
}

export function forgetSession(): void {
	adopt(null);
}

/** Whether the signed-in person may call the op: the app shows only what they can do. */
export function can(op: OpName): boolean {
	return roleMayCall(session.staff?.role, op);
}
