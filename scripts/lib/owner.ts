// The n8n owner account: created on the first start with a generated password, saved next to
// the user folder, and used on every start to log in and check what n8n loaded.
import * as crypto from 'node:crypto';

import type { StartConfig } from './config';
import { isOwnerSetUp, logIn, setUpOwner, type OwnerLogin } from './n8nRest';
import { say } from './say';
import { readPrivateJson, writePrivateJson } from './secrets';

/** `cookie` is undefined when the owner exists but its login was lost. */
export interface OwnerSession {
	login: OwnerLogin | undefined;
	cookie: string | undefined;
}

function generateOwnerLogin(): OwnerLogin {
	return {
		email: 'owner@lead-monitor.local',
		firstName: 'Lead',
		lastName: 'Monitor',
		// n8n wants 8–64 characters with a digit and an upper-case letter; the suffix guarantees both.
		password: `${crypto.randomBytes(12).toString('base64url')}-Lm7`,
	};
}

export async function ensureOwnerSession(config: StartConfig): Promise<OwnerSession> {
	const savedLogin = readPrivateJson<OwnerLogin>(config.ownerFile);
	if (!(await isOwnerSetUp(config))) {
		const login = savedLogin ?? generateOwnerLogin();
		// Saved first: if setup succeeds but this process dies, the password is not lost.
		writePrivateJson(config.ownerFile, login);
		const cookie = await setUpOwner(config, login);
		say.step(`Created the n8n owner account (saved in ${config.ownerFile}).`);
		return { login, cookie };
	}
	if (!savedLogin) {
		say.warn(
			`n8n already has an owner, but ${config.ownerFile} is missing, so this script cannot log in. ` +
				`Use the login you set, or delete ${config.userFolder} to start afresh.`,
		);
		return { login: undefined, cookie: undefined };
	}
	return { login: savedLogin, cookie: await logIn(config, savedLogin) };
}
