import type { KeyObject } from 'node:crypto';

import { decryptText, encryptText } from './textCipher';

/**
 * Personal fields sealed for the trip between two of our nodes (Lead Cleanse → Lead
 * Store import): the items show only masks, and the next node, which holds the same
 * credential, unseals the clear values in memory.
 */
export function sealFields(encryptionKey: KeyObject, fields: Record<string, string | null | undefined>): string {
	const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value));
	return encryptText(encryptionKey, JSON.stringify(present));
}

export function unsealFields(encryptionKey: KeyObject, sealed: string): Record<string, string> {
	return JSON.parse(decryptText(encryptionKey, sealed)) as Record<string, string>;
}
