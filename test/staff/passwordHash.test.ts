import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from '../../lib/staff';

describe('password hashes', () => {
	it('verifies the password it was made from, and no other', async () => {
		const hash = await hashPassword('Lead-Monitor-2026');
		expect(await verifyPassword('Lead-Monitor-2026', hash)).toBe(true);
		expect(await verifyPassword('lead-monitor-2026', hash)).toBe(false);
		expect(await verifyPassword('', hash)).toBe(false);
	});

	it('stores the scrypt parameters and a per-password random salt with the hash, never the password', async () => {
		const [first, second] = await Promise.all([hashPassword('同一个密码abc123'), hashPassword('同一个密码abc123')]);
		expect(first).toMatch(new RegExp(`^\\$scrypt\\$ln=${SCRYPT_PARAMS.logN},r=${SCRYPT_PARAMS.r},p=${SCRYPT_PARAMS.p}\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$`));
		expect(SCRYPT_PARAMS.logN).toBeGreaterThanOrEqual(15);
		expect(first).not.toBe(second);
		expect(first).not.toContain('同一个密码');
	});

	it('verifies a hash made with older, weaker parameters, and says to replace it', async () => {
		const old = await hashPassword('Older-Hash-42', { logN: 14, r: 8, p: 1 });
		expect(old).toMatch(/^\$scrypt\$ln=14,r=8,p=1\$/);
		expect(await verifyPassword('Older-Hash-42', old)).toBe(true);
		expect(needsRehash(old)).toBe(true);
		expect(needsRehash(await hashPassword('Current-Hash-42'))).toBe(false);
	});

	it('treats the same text in another Unicode form as the same password (NFC)', async () => {
		const composed = 'Caf\u00e9-2026';
		const decomposed = 'Cafe\u0301-2026';
		expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
	});

	it('refuses a malformed or foreign hash instead of throwing', async () => {
		for (const stored of ['', 'plain-text-password', '$2b$10$abcdefghijklmnopqrstuv', '$scrypt$ln=99,r=8,p=1$AAAA$AAAA']) {
			expect(await verifyPassword('anything1', stored)).toBe(false);
		}
	});
});
