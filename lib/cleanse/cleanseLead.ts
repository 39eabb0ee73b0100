import { parseEmail, normaliseEmail, type EmailErrorCode, type EmailOptions } from '../identity/email';
import { parseIdNumber, type IdNumberErrorCode } from '../identity/idNumber';
import {
	isPlaceholder,
	isVanityPattern,
	normaliseMobilePhone,
	parseMobilePhone,
	type Carrier,
	type MobilePhoneErrorCode,
	type MobilePhoneOptions,
} from '../identity/mobilePhone';
import { normaliseWechatId, parseWechatId } from '../identity/wechatId';
import { maskEmail, maskIdNumber, maskPhone } from '../privacy/mask';
import { companyKey } from './companyName';
import { sensitiveWordMatcher, type SensitiveWordMatcher } from './sensitiveWords';

/**
 * Cleanses one lead: normalises phone, ID number, e-mail, WeChat id and text fields, runs
 * the enabled checks and returns the clean lead or every reason it is rejected. Blacklist
 * and store duplicates need the database: they come in through `isBlacklisted`, which the
 * store layer answers (pre-load the batch's hashes and answer synchronously).
 */

/** A lead as it arrives, before cleansing: any field may be missing, loosely typed or malformed. */
export type RawLead = {
	leadId?: string | number | null;
	name?: string | null;
	phone?: string | number | null;
	idNumber?: string | null;
	email?: string | null;
	wechatId?: string | null;
	company?: string | null;
	industry?: string | null;
	sourceChannel?: string | null;
	owner?: string | null;
	tags?: string[] | string | null;
	attributes?: Record<string, unknown> | null;
};

export type NormalisedLead = {
	leadId: string | null;
	name: string | null;
	/** 11 digits. */
	phone: string | null;
	/** 18 characters, uppercase X; hash it before storing. */
	idNumber: string | null;
	email: string | null;
	wechatId: string | null;
	company: string | null;
	industry: string | null;
	sourceChannel: string | null;
	owner: string | null;
	tags: string[];
	attributes: Record<string, unknown>;
	derived: {
		birthDate?: string;
		idUpgraded?: boolean;
		phoneCarrier?: Carrier;
		phoneVirtual?: boolean;
		/** The company's 字号 (纷扬 for 北京纷扬科技有限公司), for duplicate matching. */
		companyCore?: string;
	};
};

export type CleanseReason = {
	/** The field, or `attributes.<key>` / `tags` for text found there. */
	field: string;
	/** Stable English code, e.g. `phone.iot`, `idNumber.checkDigit`, `sensitiveWord`. */
	code: string;
	/** What a marketing operator reads, in Chinese. */
	message: string;
	/** The offending value, masked where it is personal data. */
	value?: string;
	/** Sensitive words found. */
	words?: string[];
};

/**
 * `flags`, present only when there are any, are findings that do not reject the lead
 * (e.g. `phone.vanity`, 疑似靓号): the lead is kept and a person may look.
 */
export type CleanseResult =
	| { ok: true; clean: NormalisedLead; flags?: CleanseReason[] }
	| { ok: false; rejected: CleanseReason[]; lead: NormalisedLead; flags?: CleanseReason[] };

export type CleanseCheck = 'phone' | 'idNumber' | 'email' | 'wechatId' | 'sensitiveWords' | 'blacklist' | 'requireContact';

export type BlacklistKind = 'phone' | 'email' | 'idNumber' | 'wechat' | 'company';

export type CleanseOptions = {
	/** Checks to run; each defaults to on. */
	checks?: Partial<Record<CleanseCheck, boolean>>;
	phone?: MobilePhoneOptions;
	/**
	 * Numbers with runs and repeats (13888888888, …12345678): 'reject' them as fake (the
	 * default, for leads typed into forms), or 'flag' them 疑似靓号 and keep them (for a
	 * bank's KYC-checked roster, where they are real customers). Placeholders such as
	 * 13800138000 are rejected either way.
	 */
	vanityPhones?: 'reject' | 'flag';
	email?: EmailOptions;
	/** A prebuilt matcher, or extra words for the built-in list. */
	sensitiveWords?: SensitiveWordMatcher | { extraWords?: string[]; builtIn?: boolean };
	/** Answers for normalised values (see `blacklistValue`); the store layer hashes them. */
	isBlacklisted?: (kind: BlacklistKind, normalisedValue: string) => boolean;
};

const PHONE_MESSAGES: Record<Exclude<MobilePhoneErrorCode, 'empty'>, string> = {
	format: '手机号格式错误，应为11位中国大陆手机号',
	range: '手机号号段不存在或未分配',
	iot: '手机号属于物联网、数据卡或卫星号段，无法联系到本人',
	virtual: '手机号属于虚拟运营商号段',
	fake: '手机号疑似虚假号码（重复或连续数字）',
};

const VANITY_MESSAGE = '手机号疑似靓号（重复或连续数字），已保留，请核实';

const ID_MESSAGES: Record<Exclude<IdNumberErrorCode, 'empty'>, string> = {
	length: '身份证号长度错误，应为18位（或旧版15位）',
	characters: '身份证号含非法字符',
	checkDigit: '身份证号校验位错误',
	birthDate: '身份证号中的出生日期无效',
	region: '身份证号地区码无效',
};

const EMAIL_MESSAGES: Record<Exclude<EmailErrorCode, 'empty'>, string> = {
	syntax: '邮箱格式错误',
	reservedDomain: '邮箱域名为示例或保留域名，不是真实邮箱',
	disposable: '邮箱为一次性临时邮箱',
	domainTypo: '邮箱域名疑似拼写错误',
	fakeLocalPart: '邮箱用户名疑似随意填写',
};

const FIELD_LABELS: Record<string, string> = {
	name: '姓名',
	company: '公司名称',
	industry: '行业',
	sourceChannel: '来源渠道',
	owner: '负责人',
	tags: '标签',
};

export const BLACKLIST_KIND_LABELS: Readonly<Record<BlacklistKind, string>> = {
	phone: '手机号',
	email: '邮箱',
	idNumber: '身份证号',
	wechat: '微信号',
	company: '公司',
};

export function cleanseLead(input: RawLead, options: CleanseOptions = {}): CleanseResult {
	const on = (check: CleanseCheck): boolean => options.checks?.[check] !== false;
	const reasons: CleanseReason[] = [];
	const flags: CleanseReason[] = [];
	const lead = baseLead(input ?? {});
	const raw = input ?? {};

	const phoneRaw = text(raw.phone);
	if (phoneRaw !== null) {
		if (on('phone')) {
			const flagVanity = options.vanityPhones === 'flag';
			const result = parseMobilePhone(phoneRaw, flagVanity ? { ...options.phone, rejectFake: false } : options.phone);
			if (result.ok && flagVanity && isPlaceholder(result.value)) {
				reasons.push({ field: 'phone', code: 'phone.fake', message: PHONE_MESSAGES.fake, value: maskPhone(result.value) });
			} else if (result.ok) {
				lead.phone = result.value;
				lead.derived.phoneCarrier = result.carrier;
				lead.derived.phoneVirtual = result.virtual;
				if (isVanityPattern(result.value)) {
					flags.push({ field: 'phone', code: 'phone.vanity', message: VANITY_MESSAGE, value: maskPhone(result.value) });
				}
			} else if (result.code !== 'empty') {
				reasons.push({ field: 'phone', code: `phone.${result.code}`, message: PHONE_MESSAGES[result.code], value: maskPhone(normaliseMobilePhone(phoneRaw)) });
			}
		} else {
			lead.phone = normaliseMobilePhone(phoneRaw) || null;
		}
	}

	const idRaw = text(raw.idNumber);
	if (idRaw !== null) {
		const result = parseIdNumber(idRaw);
		if (result.ok) {
			lead.idNumber = result.value;
			lead.derived.birthDate = result.birthDate;
			lead.derived.idUpgraded = result.upgraded;
		} else if (on('idNumber')) {
			if (result.code !== 'empty') {
				reasons.push({ field: 'idNumber', code: `idNumber.${result.code}`, message: ID_MESSAGES[result.code], value: maskIdNumber(idRaw) });
			}
		} else {
			lead.idNumber = idRaw.toUpperCase();
		}
	}

	const emailRaw = text(raw.email);
	if (emailRaw !== null) {
		if (on('email')) {
			const result = parseEmail(emailRaw, options.email);
			if (result.ok) {
				lead.email = result.value;
			} else if (result.code !== 'empty') {
				const message = result.suggestion ? `${EMAIL_MESSAGES[result.code]}，是否应为 ${result.suggestion.slice(result.suggestion.indexOf('@') + 1)}？` : EMAIL_MESSAGES[result.code];
				reasons.push({ field: 'email', code: `email.${result.code}`, message, value: maskEmail(normaliseEmail(emailRaw)) });
			}
		} else {
			lead.email = normaliseEmail(emailRaw) || null;
		}
	}

	const wechatRaw = text(raw.wechatId);
	if (wechatRaw !== null) {
		// "微信：" with nothing after it counts as no WeChat id, like an empty cell
		const result = parseWechatId(wechatRaw);
		if (result.ok) lead.wechatId = result.value;
		else if (!on('wechatId')) lead.wechatId = normaliseWechatId(wechatRaw) || null;
		else if (result.code !== 'empty') reasons.push({ field: 'wechatId', code: 'wechatId.format', message: '微信号格式错误（应为6–20位字母开头的微信号，或绑定的手机号/QQ号）' });
	}

	if (lead.company) {
		const core = companyKey(lead.company).core;
		if (core) lead.derived.companyCore = core;
	}

	if (on('requireContact') && !lead.phone && !lead.email && !lead.wechatId && !reasons.some((r) => ['phone', 'email', 'wechatId'].includes(r.field))) {
		reasons.push({ field: 'phone', code: 'noContact', message: '缺少联系方式：手机号、邮箱、微信号至少填写一项' });
	}

	if (on('sensitiveWords')) reasons.push(...sensitiveWordReasons(lead, matcherFrom(options.sensitiveWords)));

	if (on('blacklist') && options.isBlacklisted) {
		const candidates: [BlacklistKind, string, string | null | undefined][] = [
			['phone', 'phone', lead.phone],
			['idNumber', 'idNumber', lead.idNumber],
			['email', 'email', lead.email],
			['wechat', 'wechatId', lead.wechatId],
			['company', 'company', lead.derived.companyCore],
		];
		for (const [kind, field, value] of candidates) {
			if (value && options.isBlacklisted(kind, value)) {
				reasons.push({ field, code: 'blacklisted', message: `${BLACKLIST_KIND_LABELS[kind]}在黑名单中`, value: maskFor(kind, value) });
			}
		}
	}

	const result: CleanseResult = reasons.length === 0 ? { ok: true, clean: lead } : { ok: false, rejected: reasons, lead };
	if (flags.length > 0) result.flags = flags;
	return result;
}

/**
 * The form a blacklist entry takes for each kind: the same normalisation cleanseLead uses,
 * so an entry added by the Lead Store matches what cleansing asks for. Null when the value
 * is not valid for its kind (a blacklist of garbage would never match).
 */
export function blacklistValue(kind: BlacklistKind, raw: string): string | null {
	switch (kind) {
		case 'phone': {
			const r = parseMobilePhone(raw, { rejectFake: false });
			return r.ok ? r.value : null;
		}
		case 'idNumber': {
			const r = parseIdNumber(raw);
			return r.ok ? r.value : null;
		}
		case 'email':
			return normaliseEmail(raw) || null;
		case 'wechat':
			return normaliseWechatId(raw) || null;
		case 'company':
			return companyKey(raw).core || null;
	}
}

function baseLead(raw: RawLead): NormalisedLead {
	return {
		leadId: raw.leadId === null || raw.leadId === undefined ? null : text(String(raw.leadId)),
		name: text(raw.name)?.replace(/\s+/g, ' ') ?? null,
		phone: null,
		idNumber: null,
		email: null,
		wechatId: null,
		company: text(raw.company)?.normalize('NFKC').replace(/\s+/g, ' ') ?? null,
		industry: text(raw.industry),
		sourceChannel: text(raw.sourceChannel),
		owner: text(raw.owner),
		tags: tagsOf(raw.tags),
		attributes: raw.attributes && typeof raw.attributes === 'object' && !Array.isArray(raw.attributes) ? { ...raw.attributes } : {},
		derived: {},
	};
}

function text(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	const s = (typeof value === 'string' ? value : String(value)).trim();
	return s === '' ? null : s;
}

/** Tags as an array, or one string separated by commas (, ，), 、, ; or |. */
function tagsOf(value: RawLead['tags']): string[] {
	if (!value) return [];
	const parts = Array.isArray(value) ? value.map((v) => String(v ?? '')) : String(value).split(/[,，、;；|]/);
	return [...new Set(parts.map((p) => p.trim()).filter((p) => p !== ''))];
}

function matcherFrom(option: CleanseOptions['sensitiveWords']): SensitiveWordMatcher {
	if (option && 'findAll' in option) return option;
	return sensitiveWordMatcher(option?.extraWords ?? [], { builtIn: option?.builtIn });
}

/** Joins texts so no word is matched across two of them (a separator would be skipped). */
const BOUNDARY = '\u0000';

function sensitiveWordReasons(lead: NormalisedLead, matcher: SensitiveWordMatcher): CleanseReason[] {
	const reasons: CleanseReason[] = [];
	const check = (field: string, label: string, value: string): void => {
		const hits = matcher.findAll(value);
		if (hits.length === 0) return;
		const words = [...new Set(hits.map((h) => h.word))];
		const categories = [...new Set(hits.map((h) => h.category))];
		reasons.push({ field, code: 'sensitiveWord', message: `${label}包含敏感词：${words.join('、')}（${categories.join('、')}）`, words });
	};
	for (const field of ['name', 'company', 'industry', 'sourceChannel', 'owner'] as const) {
		const value = lead[field];
		if (value) check(field, FIELD_LABELS[field], value);
	}
	if (lead.tags.length > 0) check('tags', FIELD_LABELS.tags, lead.tags.join(BOUNDARY));
	for (const [key, value] of Object.entries(lead.attributes)) {
		const joined = textsIn(value, 0).join(BOUNDARY);
		if (joined) check(`attributes.${key}`, `自定义属性“${key}”`, joined);
	}
	return reasons;
}

/** String values inside an attribute, nested up to three levels. */
function textsIn(value: unknown, depth: number): string[] {
	if (typeof value === 'string') return [value];
	if (depth >= 3 || value === null || typeof value !== 'object') return [];
	const values = Array.isArray(value) ? value : Object.values(value);
	return values.flatMap((v) => textsIn(v, depth + 1));
}

function maskFor(kind: BlacklistKind, value: string): string {
	if (kind === 'phone') return maskPhone(value);
	if (kind === 'idNumber') return maskIdNumber(value);
	if (kind === 'email') return maskEmail(value);
	return value;
}
