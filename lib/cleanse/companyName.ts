import { distance } from 'fastest-levenshtein';

import { NATIONAL_PREFIXES, exactPlace, leadingPlace, trailingPlace, type Place } from './regions';

/**
 * Fuzzy company names. A registered Chinese name is 行政区划 + 字号 + 行业 + 组织形式
 * (北京 + 纷扬 + 科技 + 有限公司); people type any part of it (北京纷扬, 纷扬科技). The
 * comparable part is the 字号, the "core": strip the place, the legal form and the
 * industry words, then compare cores by containment and edit distance.
 */

export type CompanyKey = {
	/** Folded (full-width → half-width, lower case), brackets, spaces and punctuation removed. */
	full: string;
	/** Without legal form and place: 纷扬科技. */
	base: string;
	/** The 字号: 纷扬. Falls back to the name with its place when the rest is only industry words (北京银行). */
	core: string;
	/** The place the name is registered in, when it says (a branch's place is not counted). */
	place?: Place;
};

export const DEFAULT_COMPANY_THRESHOLD = 0.8;

/** Stripped repeatedly from the end, longest first. */
const LEGAL_SUFFIXES = suffixIndex([
	'股份有限公司', '有限责任公司', '集团有限公司', '集团股份有限公司', '有限公司', '股份公司', '集团公司', '总公司', '分公司',
	'公司', '集团', '有限合伙', '普通合伙', '合伙企业', '个人独资企业', '事务所', '工作室', '研究院', '研究所',
	'商行', '经营部', '门市部', '办事处', '分行', '支行', '分店', '总部', '控股',
	'集團', '集團有限公司', '總公司',
]);

/** Suffixes that name a branch: the place before them is the branch's, not the company's. */
const BRANCH_SUFFIXES = new Set(['分公司', '分行', '支行', '分店', '办事处', '经营部']);

const INDUSTRY_WORDS = suffixIndex([
	'科技', '信息技术', '信息科技', '网络科技', '网络技术', '网络', '技术', '信息', '数字', '数据', '智能', '软件', '电子',
	'电子商务', '互联网', '通信', '云计算', '光电', '贸易', '商贸', '国际贸易', '进出口', '实业', '实业发展', '咨询',
	'管理咨询', '企业管理', '投资', '投资管理', '资产管理', '管理', '发展', '服务', '商务', '文化', '文化传媒',
	'文化传播', '传媒', '广告', '营销策划', '策划', '设计', '教育', '培训', '餐饮', '物流', '供应链', '建设',
	'建筑', '工程', '装饰', '房地产开发', '房地产', '地产', '置业', '物业', '医药', '医疗', '生物', '健康', '新能源',
	'能源', '环保', '金融', '金融服务', '金融信息服务', '银行', '证券', '保险', '基金', '信托', '融资租赁', '租赁',
	'国际', '汽车', '机械', '设备', '电器', '化工', '材料', '食品', '农业', '人力资源', '制造', '工业', '创新',
	'家居', '服饰',
	// traditional spellings (Hong Kong, Macao, Taiwan names)
	'網絡', '網路', '資訊', '資訊科技', '貿易', '實業', '諮詢', '投資', '發展', '電子', '軟件', '軟體', '數據', '銀行',
	'證券', '保險', '國際', '控股',
]);

const ENGLISH_LEGAL = new Set([
	'co', 'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'llc', 'plc', 'company', 'group', 'holdings',
	'holding', 'gmbh', 'branch',
]);
const ENGLISH_INDUSTRY = new Set([
	'technology', 'technologies', 'tech', 'information', 'network', 'networks', 'trading', 'consulting', 'investment',
	'international', 'services', 'service', 'software', 'science', 'development', 'management', 'bank', 'securities',
	'insurance', 'china',
]);

const OPEN_BRACKETS = '([{（【［〔｛《<';
const CLOSE_BRACKETS = ')]}）】］〕｝》>';

/** The comparable forms of a company name. */
export function companyKey(name: string): CompanyKey {
	const { text, bracketPlace } = foldAndUnbracket(typeof name === 'string' ? name : '');
	const full = stripPunctuation(stripEnglishTail(text));

	let s = full;
	let changed = true;
	while (changed) {
		changed = false;
		const legal = endingWord(s, LEGAL_SUFFIXES);
		if (legal) {
			s = s.slice(0, -legal.length);
			changed = true;
			if (BRANCH_SUFFIXES.has(legal)) {
				const branchPlace = trailingPlace(s);
				if (branchPlace && branchPlace.length < s.length) s = s.slice(0, -branchPlace.length);
			}
		}
	}
	const named = s; // the name with its place, without its legal form

	let place: Place | undefined = bracketPlace;
	for (;;) {
		const national = NATIONAL_PREFIXES.find((prefix) => s.startsWith(prefix));
		if (national) {
			s = s.slice(national.length);
			continue;
		}
		const found = s.length > 0 ? leadingPlace(s) : undefined;
		if (!found) break;
		place = mergePlace(place, found.place);
		s = s.slice(found.length);
	}
	const base = s;

	let core = base;
	for (let word = endingWord(core, INDUSTRY_WORDS); word; word = endingWord(core, INDUSTRY_WORDS)) {
		core = core.slice(0, -word.length);
	}
	if (core.length < 2 || isIndustryWord(core)) core = core.length === 1 ? base : named;
	return place ? { full, base, core, place } : { full, base, core };
}

/**
 * Similarity in 0..1: 1 for the same core (北京纷扬科技有限公司 / 北京纷扬 / 纷扬科技);
 * 0.7 + 0.3 × (shorter ÷ longer) when one core contains the other; otherwise
 * 1 − edit distance ÷ longer core. Two names that both state a place, and different
 * places, keep only 75 % of that: 北京纷扬科技 and 上海纷扬科技 may be two companies.
 */
export function companySimilarity(a: string | CompanyKey, b: string | CompanyKey): number {
	const ka = typeof a === 'string' ? companyKey(a) : a;
	const kb = typeof b === 'string' ? companyKey(b) : b;
	const x = ka.core;
	const y = kb.core;
	if (x === '' || y === '') return 0;
	let score: number;
	if (x === y) {
		score = 1;
	} else {
		const [short, long] = x.length <= y.length ? [x, y] : [y, x];
		if (short.length >= 2 && long.includes(short)) {
			score = 0.7 + (0.3 * short.length) / long.length;
		} else {
			score = 1 - distance(x, y) / long.length;
		}
	}
	if (placesConflict(ka.place, kb.place)) score *= 0.75;
	return score;
}

export function sameCompany(a: string | CompanyKey, b: string | CompanyKey, threshold = DEFAULT_COMPANY_THRESHOLD): boolean {
	return companySimilarity(a, b) >= threshold;
}

function isIndustryWord(s: string): boolean {
	return INDUSTRY_WORDS.get(s[s.length - 1])?.includes(s) ?? false;
}

function placesConflict(a: Place | undefined, b: Place | undefined): boolean {
	if (!a || !b) return false;
	if (a.city && b.city) return a.city !== b.city;
	return a.province !== b.province;
}

function mergePlace(known: Place | undefined, found: Place): Place {
	if (!known) return found;
	if (known.province !== found.province) return known;
	return { province: known.province, city: known.city ?? found.city };
}

/** NFKC-folds and lower-cases; drops bracketed parts, keeping a place named in them (纷扬科技（北京）有限公司). */
function foldAndUnbracket(raw: string): { text: string; bracketPlace?: Place } {
	const folded = (needsNfkc(raw) ? raw.normalize('NFKC') : raw).toLowerCase();
	let text = '';
	let bracketPlace: Place | undefined;
	let depth = 0;
	let inner = '';
	for (const ch of folded) {
		if (OPEN_BRACKETS.includes(ch)) {
			depth++;
			if (depth === 1) inner = '';
		} else if (CLOSE_BRACKETS.includes(ch) && depth > 0) {
			depth--;
			if (depth === 0) bracketPlace ??= exactPlace(inner.trim());
		} else if (depth > 0) {
			inner += ch;
		} else {
			text += ch;
		}
	}
	return bracketPlace ? { text, bracketPlace } : { text };
}

/** Keeps letters and digits only (CJK, Latin, …): spaces, dots, commas, dashes go. */
function stripPunctuation(s: string): string {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		const plain = (c >= 0x4e00 && c <= 0x9fff) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
		if (!plain) return s.replace(/[^\p{L}\p{N}]+/gu, '');
	}
	return s;
}

/** Drops trailing English legal-form and industry words: "Fenyang Technology Co., Ltd." → "fenyang". */
function stripEnglishTail(text: string): string {
	if (!/[a-z]/.test(text)) return text;
	const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
	let end = words.length;
	while (end > 1 && /^[a-z]+$/.test(words[end - 1]) && (ENGLISH_LEGAL.has(words[end - 1]) || ENGLISH_INDUSTRY.has(words[end - 1]))) end--;
	if (end === words.length) return text;
	return words.slice(0, end).join(' ');
}

type SuffixIndex = Map<string, string[]>;

/** Words by their last character, longest first, so a lookup tries only a handful. */
function suffixIndex(words: string[]): SuffixIndex {
	const index: SuffixIndex = new Map();
	for (const word of [...new Set(words)].sort((a, b) => b.length - a.length)) {
		const last = word[word.length - 1];
		const list = index.get(last);
		if (list) list.push(word);
		else index.set(last, [word]);
	}
	return index;
}

/** The longest indexed word `s` ends with, leaving at least one character before it. */
function endingWord(s: string, index: SuffixIndex): string | undefined {
	if (s.length < 2) return undefined;
	const list = index.get(s[s.length - 1]);
	if (!list) return undefined;
	for (const word of list) if (s.length > word.length && s.endsWith(word)) return word;
	return undefined;
}

/** Characters NFKC would change in a company name: full-width forms, enclosed and squared CJK. */
function needsNfkc(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if ((c >= 0xff00 && c <= 0xffef) || (c >= 0x2100 && c <= 0x24ff) || (c >= 0x3200 && c <= 0x33ff) || c === 0x3000 || (c >= 0xf900 && c <= 0xfaff)) return true;
	}
	return false;
}
