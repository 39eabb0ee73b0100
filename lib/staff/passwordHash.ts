import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are kept as scrypt hashes in the PHC string format, parameters included
 * (`$scrypt$ln=15,r=8,p=1$<salt>$<hash>`, base64 without padding), so the cost can be
 * raised later: a hash made with weaker parameters still verifies, and needsRehash says to
 * replace it at the next successful login.
 */
export interface ScryptParams {
	/** log2 of N, the CPU/memory cost. */
	logN: number;
	r: number;
	p: number;
}

/**
 * N = 2^15, r = 8, p = 3: one of OWASP's equivalent scrypt settings (Password Storage Cheat
 * Sheet), 32 MiB per hash instead of the 128 MiB of N = 2^17, p = 1, so logins at once do not
 * strain the n8n host's memory. About 0.25 s per hash on this machine's cores (0.09 s at p = 1).
 */
export const SCRYPT_PARAMS: Readonly<ScryptParams> = { logN: 15, r: 8, p: 3 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
	const N = 2 ** params.logN;
	// scrypt needs 128·N·r bytes; Node refuses anything above maxmem (32 MiB by default).
	const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
	return new Promise((resolve, reject) => {
		scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
	});
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const key = await derive(password, salt, params, KEY_BYTES);
	return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

interface StoredHash extends ScryptParams {
	salt: Buffer;
	key: Buffer;
}

function parseHash(stored: string): StoredHash | undefined {
	const match = PHC.exec(stored);
	if (!match) return undefined;
	const [, logN, r, p, salt, key] = match;
	const params = { logN: Number(logN), r: Number(r), p: Number(p) };
	if (params.logN < 1 || params.logN > 22 || params.r < 1 || params.p < 1) return undefined;
	return { ...params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

/** Whether the password is the one the hash was made from (compared in constant time). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parsed = parseHash(stored);
	if (!parsed || parsed.key.length === 0) return false;
	const key = await derive(password, parsed.salt, parsed, parsed.key.length);
	return timingSafeEqual(key, parsed.key);
}

/** Whether a hash was made with weaker parameters than today's (replace it after the next successful login). */
export function needsRehash(stored: string, params: ScryptParams = SCRYPT_PARAMS): boolean {
	const parsed = parseHash(stored);
	return !parsed || parsed.logN < params.logN || parsed.r < params.r || parsed.p < params.p || parsed.key.length < KEY_BYTES;
}
