import { createHash } from 'node:crypto';

import { parseIdNumber, normaliseMobilePhone } from '../identity';
import { keyedHash, maskIdNumber, maskPhone, type PrivacyKeys } from '../privacy';
import type { ConversionField, RawConversion } from './conversionColumns';

/** A conversion ready to store: the person only as keyed hashes. */
export interface CheckedConversion {
	conversionKey: string;
	idHash: string | null;
	phoneHash: string | null;
	product: string;
	amountCents: number;
	/** YYYY-MM-DD. */
	convertedOn: string;
}

export interface ConversionProblem {
	field: ConversionField | '*';
	reason: string;
	/** The value as it may be shown (personal values masked). */
	value?: string;
}

export type ConversionCheck = { ok: true; conversion: CheckedConversion } | { ok: false; problems: ConversionProblem[] };

const MAX_AMOUNT_CENTS = 1e15;

/**
 * Checks one conversion and hashes the person on the way in (the same keyed hash and the
 * same normalising as the roster, so it matches the roster's leads); the clear ID number and
 * phone go no further. Every problem of the row is reported, each naming its field.
 */
export function checkConversion(keys: PrivacyKeys, raw: RawConversion): ConversionCheck {
	const problems: ConversionProblem[] = [];
	const idText = text(raw.idNumber);
	const phoneText = text(raw.phone);
	let idHash: string | null = null;
	let phoneHash: string | null = null;
	if (idText) {
		const parsed = parseIdNumber(idText);
		if (parsed.ok) idHash = keyedHash(keys.hashKey, parsed.value);
		else problems.push({ field: 'idNumber', reason: `身份证号无效：${parsed.reason}`, value: maskIdNumber(idText) });
	}
	if (phoneText) {
		const phone = normaliseMobilePhone(phoneText);
		if (/^1\d{10}$/.test(phone)) phoneHash = keyedHash(keys.hashKey, phone);
		else problems.push({ field: 'phone', reason: '手机号应为 11 位大陆手机号 (not a mobile phone)', value: maskPhone(phone) });
	}
	if (!idText && !phoneText) problems.push({ field: 'idNumber', reason: '身份证号和手机号至少填写一项 (ID number or phone required)' });

	const product = text(raw.product);
	if (!product) problems.push({ field: 'product', reason: '产品不能为空 (product required)' });
	else if (product.length > 100) problems.push({ field: 'product', reason: '产品名称最长 100 字 (product too long)', value: product.slice(0, 20) });

	const amountCents = parseAmountCents(raw.amount);
	if (amountCents === undefined) {
		problems.push({ field: 'amount', reason: '金额应为不小于 0 的数字，最多两位小数 (amount must be a number ≥ 0)', value: text(raw.amount) ?? '' });
	}
	const convertedOn = parseDay(raw.convertedOn);
	if (!convertedOn) {
		problems.push({ field: 'convertedOn', reason: '转化日期应为 YYYY-MM-DD 格式的有效日期 (date must be YYYY-MM-DD)', value: text(raw.convertedOn) ?? '' });
	}
	const reference = text(raw.reference);
	if (reference && reference.length > 200) problems.push({ field: 'reference', reason: '流水号最长 200 字 (reference too long)' });
	if (problems.length > 0) return { ok: false, problems };

	const conversion = { idHash, phoneHash, product: product as string, amountCents: amountCents as number, convertedOn: convertedOn as string };
	return { ok: true, conversion: { ...conversion, conversionKey: conversionKey(conversion, reference) } };
}

/**
 * What makes a conversion the same one again: the bank's reference when it gives one, else
 * the person (by hash), product, amount and day.
 */
function conversionKey(c: Omit<CheckedConversion, 'conversionKey'>, reference: string | undefined): string {
	if (reference) return `ref:${reference}`;
	const digest = createHash('sha256').update([c.idHash ?? '', c.phoneHash ?? '', c.product, c.amountCents, c.convertedOn].join('\u0000')).digest('hex');
	return `sum:${digest}`;
}

function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const result = (typeof value === 'string' ? value : String(value)).trim();
	return result === '' ? undefined : result;
}

/** "12,345.60", "¥12345.6", "12345元", 12345.6 → 1234560; undefined when not an amount. */
export function parseAmountCents(value: unknown): number | undefined {
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value < 0) return undefined;
		const cents = Math.round(value * 100);
		return Math.abs(cents - value * 100) < 1e-6 && cents <= MAX_AMOUNT_CENTS ? cents : undefined;
	}
	const raw = text(value)?.replace(/^[¥￥]|元$/g, '').replace(/,/g, '').trim();
	if (!raw) return undefined;
	const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(raw);
	if (!match) return undefined;
	const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
	return cents <= MAX_AMOUNT_CENTS ? cents : undefined;
}

/** 2026-11-03, 2026/11/3, 20261103, 2026年11月3日, or a spreadsheet's ISO date-time → 2026-11-03. */
export function parseDay(value: unknown): string | undefined {
	const raw = value instanceof Date ? value.toISOString() : text(value);
	if (!raw) return undefined;
	const match =
		/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ][\d:.]+Z?)?$/.exec(raw) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1990) return undefined;
	return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
