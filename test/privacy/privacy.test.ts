import {
	decryptText,
	encryptText,
	keyedHash,
	maskEmail,
	maskIdNumber,
	maskName,
	maskPhone,
	privacyKeys,
	PrivacyKeyError,
} from '../../lib/privacy';

const keys = privacyKeys('a-hashing-key-for-tests', 'an-encryption-key-for-tests');

describe('keyed hash', () => {
	it('is versioned, deterministic and depends on the key', () => {
		const hash = keyedHash(keys.hashKey, '11010519491231002X');
		expect(hash).toMatch(/^v1:[0-9a-f]{64}$/);
		expect(keyedHash(keys.hashKey, '11010519491231002X')).toBe(hash);
		const other = privacyKeys('another-hashing-key-000', 'an-encryption-key-for-tests');
		expect(keyedHash(other.hashKey, '11010519491231002X')).not.toBe(hash);
		expect(hash).not.toContain('110105');
	});

	it('keeps hashing and encryption keys apart even from the same secret', () => {
		const same = privacyKeys('the-same-secret-everywhere', 'the-same-secret-everywhere');
		expect(same.hashKey.export().equals(same.encryptionKey.export())).toBe(false);
	});
});

describe('phone encryption', () => {
	it('round-trips and never repeats a ciphertext', () => {
		const a = encryptText(keys.encryptionKey, '13812348899');
		const b = encryptText(keys.encryptionKey, '13812348899');
		expect(a).toMatch(/^v1:/);
		expect(a).not.toBe(b);
		expect(a).not.toContain('13812348899');
		expect(decryptText(keys.encryptionKey, a)).toBe('13812348899');
	});

	it('refuses a wrong key and tampered data with a clear message', () => {
		const stored = encryptText(keys.encryptionKey, '13812348899');
		const other = privacyKeys('a-hashing-key-for-tests', 'a-different-encryption-key');
		expect(() => decryptText(other.encryptionKey, stored)).toThrow(/encryption key differs/);
		expect(() => decryptText(keys.encryptionKey, 'plain13812348899')).toThrow(/not in a known encrypted format/);
	});
});

describe('privacy keys', () => {
	it('names the missing or weak field', () => {
		expect(() => privacyKeys(undefined, 'an-encryption-key-for-tests')).toThrow(PrivacyKeyError);
		try {
			privacyKeys('a-hashing-key-for-tests', 'short');
		} catch (error) {
			expect((error as PrivacyKeyError).field).toBe('encryptionKey');
			expect((error as Error).message).toMatch(/at least 16 characters/);
		}
		expect.assertions(3);
	});
});

describe('masks', () => {
	it.each([
		['13812348899', '138****8899'],
		['', ''],
		['12345', '*****'],
	])('phone %s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

	it.each([
		['11010519491231002X', '110105********002X'],
		['110105491231002', '110105******002'],
	])('ID %s → %s', (id, masked) => expect(maskIdNumber(id)).toBe(masked));

	it.each([
		['张三', '张*'],
		['欧阳娜娜', '欧***'],
		['李', '李'],
	])('name %s → %s', (name, masked) => expect(maskName(name)).toBe(masked));

	it('masks the local part of an e-mail', () => {
		expect(maskEmail('zhangsan@example.cn')).toBe('z*******@example.cn');
	});
});
