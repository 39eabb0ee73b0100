/**
 * WeChat ids as leads give them. A chosen id (微信号) is 6–20 characters: a letter first,
 * then letters, digits, '_' or '-'. Older accounts are found by the mobile number or QQ
 * number bound to them, so those are accepted too. Matching is case-insensitive.
 */

export type WechatIdResult = { ok: true; value: string } | { ok: false; code: 'empty' | 'format'; reason: string };

const CHOSEN_ID = /^[a-z][a-z0-9_-]{5,19}$/;
const BOUND_NUMBER = /^(?:1\d{10}|[1-9]\d{4,10})$/;

export function normaliseWechatId(raw: string): string {
	if (typeof raw !== 'string') return '';
	return raw.normalize('NFKC').trim().replace(/^(?:微信号?\s*[:：]?|(?:wechat|wx)\s*[:：])\s*/i, '').toLowerCase();
}

export function parseWechatId(raw: string): WechatIdResult {
	const value = normaliseWechatId(raw);
	if (value === '') return { ok: false, code: 'empty', reason: '微信号为空 (empty WeChat id)' };
	if (CHOSEN_ID.test(value) || BOUND_NUMBER.test(value)) return { ok: true, value };
	return { ok: false, code: 'format', reason: '微信号格式错误 (malformed WeChat id)' };
}
