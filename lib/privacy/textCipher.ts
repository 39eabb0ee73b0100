import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts personal data (stored phones, sealed fields between nodes): AES-256-GCM,
 * `v1:` + base64(iv | tag | ciphertext).
 */
export function encryptText(encryptionKey: KeyObject, text: string): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
	const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
	return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
}

/** Decrypts what encryptText made; phones are decrypted only at the moment of sending. */
export function decryptText(encryptionKey: KeyObject, stored: string): string {
	const [version, payload] = stored.split(':', 2);
	if (version !== VERSION || !payload) throw new Error('The value is not in a known encrypted format');
	const data = Buffer.from(payload, 'base64');
	const decipher = createDecipheriv('aes-256-gcm', encryptionKey, data.subarray(0, IV_BYTES));
	decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
	try {
		return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
	} catch {
		throw new Error('The value cannot be decrypted: the encryption key differs from the one it was encrypted with');
	}
}
