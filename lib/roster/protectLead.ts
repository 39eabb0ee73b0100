import { parseIdNumber } from '../identity/idNumber';
import { normaliseMobilePhone } from '../identity/mobilePhone';
import { encryptText, keyedHash, maskIdNumber, maskName, maskPhone, type PrivacyKeys } from '../privacy';
import { LeadError } from './LeadError';
import type { LeadFlag } from './leadFlagLabels';
import { phoneFlags } from './leadFlags';

/** The personal fields of a lead as they are stored: hashed, encrypted and masked. */
export interface ProtectedPersonalFields {
	name_masked: string | null;
	phone_enc: string | null;
	phone_hash: string | null;
	phone_masked: string | null;
	id_hash: string | null;
	id_masked: string | null;
	/** The phone's flags (leads.flags keeps them with any others). */
	phone_flags: LeadFlag[];
}

/**
 * Turns clear personal fields into what the store may keep. The raw ID number is
 * validated and hashed, then dropped; the phone is kept only encrypted.
 */
export function protectPersonalFields(
	keys: PrivacyKeys,
	fields: { name?: string | null; phone?: string | null; idNumber?: string | null },
): ProtectedPersonalFields {
	const result: ProtectedPersonalFields = {
		name_masked: fields.name ? maskName(fields.name) : null,
		phone_enc: null,
		phone_hash: null,
		phone_masked: null,
		id_hash: null,
		id_masked: null,
		phone_flags: [],
	};
	if (fields.phone) {
		const phone = normaliseMobilePhone(fields.phone);
		if (!/^\d{5,20}$/.test(phone)) throw new LeadError(`"${maskPhone(phone)}" is not a phone number`, 'phone');
		result.phone_enc = encryptText(keys.encryptionKey, phone);
		result.phone_hash = keyedHash(keys.hashKey, phone);
		result.phone_masked = maskPhone(phone);
		result.phone_flags = phoneFlags(phone);
	}
	if (fields.idNumber) {
		const parsed = parseIdNumber(fields.idNumber);
		if (!parsed.ok) throw new LeadError(`ID number ${maskIdNumber(fields.idNumber)}: ${parsed.reason}`, 'idNumber');
		result.id_hash = keyedHash(keys.hashKey, parsed.value);
		result.id_masked = maskIdNumber(parsed.value);
	}
	return result;
}
