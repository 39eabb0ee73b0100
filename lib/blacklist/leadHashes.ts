import type { RawLead } from '../cleanse';
import type { PrivacyKeys } from '../privacy';
import { blacklistHash } from './blacklistRepository';
import { BLACKLIST_KINDS, normaliseBlacklistValue, type BlacklistKind } from './blacklistValue';

/** The lead field each blacklist kind is matched on. */
const LEAD_FIELD: Record<BlacklistKind, keyof RawLead> = {
	phone: 'phone',
	email: 'email',
	idNumber: 'idNumber',
	wechat: 'wechatId',
	company: 'company',
};

/** The blacklist hashes a lead's fields could match: ask blacklistedHashes for a batch of them at once. */
export function leadBlacklistHashes(keys: PrivacyKeys, lead: RawLead): string[] {
	const hashes: string[] = [];
	for (const kind of BLACKLIST_KINDS) {
		const raw = lead[LEAD_FIELD[kind]];
		if (raw === undefined || raw === null || raw === '') continue;
		const value = normaliseBlacklistValue(kind, String(raw));
		if (value) hashes.push(blacklistHash(keys, kind, value));
	}
	return hashes;
}
