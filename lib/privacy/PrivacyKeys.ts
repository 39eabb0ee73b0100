import { createHash, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { DomainError } from '../errors';

/** Shortest secret we accept for either key; shorter ones are guessable. */
const MIN_SECRET_LENGTH = 16;

/**
 * The two secrets from the store credential: one for keyed hashes (ID numbers,
 * phones, blacklist values), one for encrypting stored phones. They are never
 * stored with the data and never logged.
 */
export interface PrivacyKeys {
	hashKey: KeyObject;
	encryptionKey: KeyObject;
}

export class PrivacyKeyError extends DomainError {
	declare readonly field: 'hashingKey' | 'encryptionKey';

	constructor(field: 'hashingKey' | 'encryptionKey', message: string) {
		super('invalidCredential', message, field);
	}
}

export function privacyKeys(hashingKey: string | undefined, encryptionKey: string | undefined): PrivacyKeys {
	return {
		hashKey: secretToKey('hashingKey', hashingKey, 'lead-monitor hash v1'),
		encryptionKey: secretToKey('encryptionKey', encryptionKey, 'lead-monitor phone encryption v1'),
	};
}

/**
 * Stretches the credential's secret into a 32-byte key, separate per purpose. Held as a
 * KeyObject: node's crypto is several times faster with one than with a raw Buffer.
 */
function secretToKey(field: 'hashingKey' | 'encryptionKey', secret: string | undefined, purpose: string): KeyObject {
	if (!secret) throw new PrivacyKeyError(field, `The ${label(field)} is missing from the store credential`);
	if (secret.length < MIN_SECRET_LENGTH) {
		throw new PrivacyKeyError(field, `The ${label(field)} must be at least ${MIN_SECRET_LENGTH} characters long`);
	}
	const salt = createHash('sha256').update('lead-monitor').digest();
	return createSecretKey(Buffer.from(hkdfSync('sha256', secret, salt, purpose, 32)));
}

function label(field: 'hashingKey' | 'encryptionKey'): string {
	return field === 'hashingKey' ? 'hashing key' : 'encryption key';
}
