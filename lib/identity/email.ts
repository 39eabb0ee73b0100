/**
 * E-mail addresses as leads give them: a practical syntax check (the dot-atom form of
 * RFC 5322 that real mailboxes use; no quoted local parts, no IP-literal domains) and the
 * domains and local parts that say "I did not want to give you my address".
 */

export type EmailErrorCode = 'empty' | 'syntax' | 'reservedDomain' | 'disposable' | 'domainTypo' | 'fakeLocalPart';

export type EmailResult =
	| { ok: true; value: string; domain: string }
	| { ok: false; code: EmailErrorCode; reason: string; suggestion?: string };

export type EmailOptions = {
	/** Reject throwaway-mailbox domains. Default true. */
	rejectDisposable?: boolean;
	/** Reject placeholder local parts such as test@ or 123456@. Default true. */
	rejectFakeLocalPart?: boolean;
	/** More domains to treat as throwaway (lower case). */
	extraDisposableDomains?: Iterable<string>;
};

export const EMAIL_REASONS: Readonly<Record<EmailErrorCode, string>> = {
	empty: '邮箱为空 (empty e-mail address)',
	syntax: '邮箱格式错误 (malformed e-mail address)',
	reservedDomain: '邮箱域名为示例/保留域名，不是真实邮箱 (example or reserved domain)',
	disposable: '邮箱为一次性临时邮箱 (disposable mailbox domain)',
	domainTypo: '邮箱域名疑似拼写错误 (likely misspelt domain)',
	fakeLocalPart: '邮箱用户名疑似随意填写 (placeholder mailbox name)',
};

/** RFC 2606 / RFC 6761 names and the usual stand-ins typed into forms. */
const RESERVED_DOMAINS = new Set([
	'example.com', 'example.net', 'example.org', 'example.cn', 'example.com.cn',
	'test.com', 'test.cn', 'test.net', 'test.org', 'testing.com',
	'domain.com', 'xxx.com', 'xx.com', 'abc.com', 'aaa.com', 'qwe.com', 'asd.com', 'asdf.com',
	'123.com', 'none.com', 'null.com', 'nomail.com',
	'noemail.com', 'fake.com',
]);
const RESERVED_TLDS = new Set(['test', 'example', 'invalid', 'localhost', 'local', 'internal', 'lan', 'home']);

/** Throwaway-mailbox services seen in sign-up fraud (international and Chinese). */
const DISPOSABLE_DOMAINS = new Set([
	'mailinator.com', 'mailinator.net', 'guerrillamail.com', 'guerrillamail.net', 'guerrillamail.org', 'sharklasers.com',
	'grr.la', '10minutemail.com', '10minutemail.net', '20minutemail.com', 'temp-mail.org', 'tempmail.com',
	'tempmail.net', 'tempmailo.com', 'temp-mail.io', 'tempr.email', 'yopmail.com', 'yopmail.net', 'yopmail.fr',
	'trashmail.com', 'trashmail.de', 'dispostable.com', 'getnada.com', 'nada.email', 'maildrop.cc',
	'throwawaymail.com', 'fakeinbox.com', 'mytemp.email', 'moakt.com', 'emailondeck.com', 'mohmal.com',
	'mintemail.com', 'spamgourmet.com', 'mailnesia.com', 'burnermail.io', 'discard.email', 'mail.tm',
	'linshiyouxiang.net', 'bccto.me', 'chacuo.net', '24mail.chacuo.net', '027168.com', 'zhuimail.com',
]);

/** Common slips on the mail providers Chinese users have, with the intended domain. */
const DOMAIN_TYPOS: ReadonlyMap<string, string> = new Map([
	['qq.con', 'qq.com'], ['qq.cm', 'qq.com'], ['qq.co', 'qq.com'], ['qq.comm', 'qq.com'],
	['qq.om', 'qq.com'], ['qqq.com', 'qq.com'], ['qq.vom', 'qq.com'],
	['163.con', '163.com'], ['163.cm', '163.com'], ['163.co', '163.com'],
	['126.con', '126.com'], ['126.cm', '126.com'], ['126.co', '126.com'],
	['sina.con', 'sina.com'], ['sina.cm', 'sina.com'], ['sian.com', 'sina.com'],
	['foxmail.con', 'foxmail.com'], ['foxmial.com', 'foxmail.com'],
	['gmial.com', 'gmail.com'], ['gmai.com', 'gmail.com'], ['gmail.con', 'gmail.com'], ['gmail.co', 'gmail.com'],
	['gamil.com', 'gmail.com'], ['hotmial.com', 'hotmail.com'], ['hotmail.con', 'hotmail.com'],
	['outlook.con', 'outlook.com'], ['aliyun.con', 'aliyun.com'], ['139.con', '139.com'], ['yeah.nte', 'yeah.net'],
]);

const FAKE_LOCAL_PARTS = new Set([
	'test', 'testing', 'tester', 'asdf', 'asdfgh', 'qwer', 'qwerty', 'zxcv', 'abc', 'abcd', 'abcde', 'abc123',
	'xxx', 'xxxx', 'xxxxx', 'fake', 'example', 'sample', 'demo', 'null', 'none', 'nobody', 'noreply', 'no-reply',
	'nomail', 'noemail', 'a', 'aa', 'aaa', 'aaaa', '123', '1234', '12345', '123456', '1234567', '12345678',
	'123456789', '111111', '000000', 'wu', 'meiyou', 'ceshi',
]);

const LOCAL_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

/**
 * Trims, folds full-width characters (＠, ．, full-width letters) to ASCII and lower-cases
 * the whole address: every mailbox provider leads use treats the local part
 * case-insensitively, and matching needs one spelling.
 */
export function normaliseEmail(raw: string): string {
	if (typeof raw !== 'string') return '';
	let value = raw.trim();
	if (value === '') return '';
	for (let i = 0; i < value.length; i++) {
		if (value.charCodeAt(i) > 127) {
			value = value.normalize('NFKC').replace(/。/g, '.');
			break;
		}
	}
	if (value.startsWith('mailto:') || value.startsWith('MAILTO:')) value = value.slice(7);
	return value.toLowerCase();
}

export function parseEmail(raw: string, options: EmailOptions = {}): EmailResult {
	const value = normaliseEmail(raw);
	if (value === '') return fail('empty');
	const at = value.lastIndexOf('@');
	if (at <= 0 || at === value.length - 1 || value.length > 254) return fail('syntax');
	const local = value.slice(0, at);
	const domain = value.slice(at + 1);
	if (!isLocalPart(local) || !isDomain(domain)) return fail('syntax');

	const tld = domain.slice(domain.lastIndexOf('.') + 1);
	if (RESERVED_DOMAINS.has(domain) || RESERVED_TLDS.has(tld) || endsWithReserved(domain)) return fail('reservedDomain');
	const typo = DOMAIN_TYPOS.get(domain);
	if (typo) return { ...fail('domainTypo'), reason: `${EMAIL_REASONS.domainTypo}：应为 ${typo}？`, suggestion: `${local}@${typo}` };
	if (options.rejectDisposable !== false && isDisposable(domain, options.extraDisposableDomains)) return fail('disposable');
	if (options.rejectFakeLocalPart !== false && isFakeLocalPart(local)) return fail('fakeLocalPart');
	return { ok: true, value, domain };
}

function fail(code: EmailErrorCode): { ok: false; code: EmailErrorCode; reason: string } {
	return { ok: false, code, reason: EMAIL_REASONS[code] };
}

function isLocalPart(local: string): boolean {
	if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
	for (let i = 0; i < local.length; i++) {
		const c = local.charCodeAt(i);
		const alnum = (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
		if (!alnum && c !== 46 && !LOCAL_SPECIALS.includes(local[i])) return false;
	}
	return true;
}

/** At least two labels; letters, digits, inner hyphens; an alphabetic TLD (or an xn-- one). */
function isDomain(domain: string): boolean {
	if (domain.length > 253) return false;
	const labels = domain.split('.');
	if (labels.length < 2) return false;
	for (const label of labels) {
		if (label.length === 0 || label.length > 63) return false;
		if (label.charCodeAt(0) === 45 || label.charCodeAt(label.length - 1) === 45) return false;
		for (let i = 0; i < label.length; i++) {
			const c = label.charCodeAt(i);
			if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c === 45)) return false;
		}
	}
	const tld = labels[labels.length - 1];
	if (tld.startsWith('xn--')) return tld.length > 4;
	if (tld.length < 2) return false;
	for (let i = 0; i < tld.length; i++) {
		const c = tld.charCodeAt(i);
		if (c < 97 || c > 122) return false;
	}
	return true;
}

function endsWithReserved(domain: string): boolean {
	// mail.example.com and the like
	for (const reserved of ['.example.com', '.example.net', '.example.org', '.test.com']) {
		if (domain.endsWith(reserved)) return true;
	}
	return false;
}

function isDisposable(domain: string, extra: Iterable<string> | undefined): boolean {
	if (DISPOSABLE_DOMAINS.has(domain)) return true;
	const dot = domain.indexOf('.');
	const parent = domain.slice(dot + 1);
	if (parent.includes('.') && DISPOSABLE_DOMAINS.has(parent)) return true;
	if (extra) {
		for (const d of extra) {
			const e = d.trim().toLowerCase();
			if (e !== '' && (domain === e || domain.endsWith(`.${e}`))) return true;
		}
	}
	return false;
}

function isFakeLocalPart(local: string): boolean {
	if (FAKE_LOCAL_PARTS.has(local)) return true;
	// one character repeated: aaaaaa@, 000000@
	let same = true;
	for (let i = 1; i < local.length && same; i++) same = local.charCodeAt(i) === local.charCodeAt(0);
	return same && local.length >= 3;
}
