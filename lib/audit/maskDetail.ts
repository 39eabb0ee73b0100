import { maskEmail, maskIdNumber, maskName, maskPersonalText, maskPhone } from '../privacy';

const HIDDEN = '[已隐藏]';
const SECRET_KEY = /password|token|secret|csrf|cookie/i;
const MAX_TEXT = 500;
const MAX_DEPTH = 6;

/** Keys whose values are personal data of a known kind: masked as that kind. */
const MASK_BY_KEY: ReadonlyArray<[RegExp, (value: string) => string]> = [
	[/^(phone|mobile|phoneNumber)$/i, maskPhone],
	[/^(idNumber|id_number|idCard)$/i, maskIdNumber],
	[/^(name|leadName|customerName)$/i, maskName],
	[/^(email)$/i, maskEmail],
	[/^(wechatId|wechat)$/i, maskName],
];

/**
 * An audit detail as it may be stored: secrets (passwords, tokens) hidden, personal values
 * masked by their key (phone, idNumber, name, …) and, anywhere else, every mobile number,
 * ID number and e-mail found in the text; long texts cut. The log is read by administrators
 * and kept for years, so it holds no more than the console shows.
 */
export function maskAuditDetail(detail: Record<string, unknown>): Record<string, unknown> {
	return maskValue(detail, undefined, 0) as Record<string, unknown>;
}

function maskValue(value: unknown, key: string | undefined, depth: number): unknown {
	if (key !== undefined && SECRET_KEY.test(key)) return HIDDEN;
	if (typeof value === 'string') {
		const byKey = key === undefined ? undefined : MASK_BY_KEY.find(([pattern]) => pattern.test(key));
		const masked = byKey ? byKey[1](value) : maskPersonalText(value);
		return masked.length > MAX_TEXT ? `${masked.slice(0, MAX_TEXT)}…` : masked;
	}
	if (value === null || typeof value !== 'object') return value;
	if (depth >= MAX_DEPTH) return '…';
	if (Array.isArray(value)) return value.map((item) => maskValue(item, key, depth + 1));
	return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v, k, depth + 1)]));
}
