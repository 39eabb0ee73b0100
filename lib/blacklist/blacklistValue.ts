import { normaliseEmail } from '../identity/email';
import { normaliseIdNumber } from '../identity/idNumber';
import { normaliseMobilePhone } from '../identity/mobilePhone';
import { maskEmail, maskIdNumber, maskName, maskPhone } from '../privacy';

export const BLACKLIST_KINDS = ['phone', 'email', 'id_number', 'wechat', 'company'] as const;
export type BlacklistKind = (typeof BLACKLIST_KINDS)[number];

export const BLACKLIST_KIND_LABELS: Readonly<Record<BlacklistKind, string>> = {
	phone: '手机号',
	email: '邮箱',
	id_number: '身份证号',
	wechat: '微信号',
	company: '公司',
};

/**
 * The one spelling of a value that blacklist entries and leads are matched on, so that
 * "+86 138-1234-8899" on the list blocks "13812348899" in an import.
 */
export function normaliseBlacklistValue(kind: BlacklistKind, value: string): string {
	switch (kind) {
		case 'phone':
			return normaliseMobilePhone(value);
		case 'email':
			return normaliseEmail(value);
		case 'id_number':
			return normaliseIdNumber(value) ?? value.trim().toUpperCase();
		case 'wechat':
			return value.trim().toLowerCase();
		case 'company':
			return value.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
	}
}

export function maskBlacklistValue(kind: BlacklistKind, normalised: string): string {
	switch (kind) {
		case 'phone':
			return maskPhone(normalised);
		case 'email':
			return maskEmail(normalised);
		case 'id_number':
			return maskIdNumber(normalised);
		case 'wechat':
			return maskName(normalised);
		case 'company':
			return normalised;
	}
}
