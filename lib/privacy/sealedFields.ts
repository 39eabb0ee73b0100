import { decryptText, encryptText } from './textCipher';

/**
 * Personal fields sealed for the trip between two of our nodes (Lead Cleanse → Lead
 * Store import): the items show only masks, and the next node, which holds the same
 * credential, unseals the clear values in memory.
 */
export function sealFields(encryptionKey: Buffer, fields: Record<string, string | null | undefined>): string {
	const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value));
	return encryptText(encryptionKey, JSON.stringify(present));
}

export function unsealFields(encryptionKey: Buffer, sealed: string): Record<string, string> {
	return JSON.parse(decryptText(encryptionKey, sealed)) as Record<string, string>;
}
