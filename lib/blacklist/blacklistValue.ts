import { blacklistValue, type BlacklistKind } from '../cleanse';
import { maskEmail, maskIdNumber, maskName, maskPhone } from '../privacy';

export type { BlacklistKind };
export const BLACKLIST_KINDS: readonly BlacklistKind[] = ['phone', 'email', 'idNumber', 'wechat', 'company'];

export { BLACKLIST_KIND_LABELS } from '../cleanse';

/**
 * The one spelling of a value that blacklist entries and leads are matched on (the same
 * normalisation cleansing uses), so "+86 138-1234-8899" on the list blocks "13812348899".
 * Null when the value is not valid for its kind.
 */
export function normaliseBlacklistValue(kind: BlacklistKind, value: string): string | null {
	return blacklistValue(kind, value);
}

export function maskBlacklistValue(kind: BlacklistKind, normalised: string): string {
	switch (kind) {
		case 'phone':
			return maskPhone(normalised);
		case 'email':
			return maskEmail(normalised);
		case 'idNumber':
			return maskIdNumber(normalised);
		case 'wechat':
			return maskName(normalised);
		case 'company':
			return normalised;
	}
}
