import { DEFAULT_COMPANY_THRESHOLD, companyKey, companySimilarity, type CompanyKey } from './companyName';

/**
 * Duplicates inside one batch, the two ways the seed describes:
 * - single-condition (ToC): the same phone, WeChat id or ID-number hash;
 * - combined (ToB): a fuzzy company-name match together with the same phone or the same
 *   contact name.
 * Exact keys are hash lookups (O(n)). Fuzzy company names are compared only inside the
 * group of rows sharing the other half of the combination, identical cores by hash, the
 * rest only against candidates from a bigram index, so a batch never compares all pairs.
 */

export type DuplicateKey = 'phone' | 'wechat' | 'idHash' | 'company+phone' | 'company+name';

export const DUPLICATE_KEYS: readonly DuplicateKey[] = ['phone', 'wechat', 'idHash', 'company+phone', 'company+name'];

export const DUPLICATE_KEY_LABELS: Readonly<Record<DuplicateKey, string>> = {
	phone: '手机号相同',
	wechat: '微信号相同',
	idHash: '身份证号相同',
	'company+phone': '公司名称相似且手机号相同',
	'company+name': '公司名称相似且联系人姓名相同',
};

export type DuplicateCandidate = {
	/** Normalised 11-digit mobile number (or its keyed hash). */
	phone?: string | null;
	wechat?: string | null;
	idHash?: string | null;
	company?: string | null;
	/** The contact person's name. */
	name?: string | null;
};

export type DuplicateMatch = { key: DuplicateKey; duplicateOf: number; similarity?: number };

export type DuplicateFinding = {
	/** The duplicate row. */
	index: number;
	/** The earlier row it matched first (by the first key in `matches`). */
	duplicateOf: number;
	/** The earliest row of its duplicate group: where to link it ("the source lead"). */
	original: number;
	/** Every key it matched, each with the earlier row that has it. */
	matches: DuplicateMatch[];
};

export type DuplicateOptions = {
	/** Keys to check; default all. */
	keys?: readonly DuplicateKey[];
	/** Company-name similarity threshold 0..1; default 0.8. */
	companyThreshold?: number;
	/**
	 * How many of the most recent distinct company names per phone or contact name are
	 * compared fuzzily; a guard for pathological batches (10 000 rows for one 王经理).
	 * Default 200.
	 */
	maxFuzzyCompanies?: number;
};

/** Finds the rows that repeat an earlier row of the same batch. Rows are never compared with themselves. */
export function findBatchDuplicates(items: readonly DuplicateCandidate[], options: DuplicateOptions = {}): DuplicateFinding[] {
	const keys = new Set(options.keys ?? DUPLICATE_KEYS);
	const threshold = options.companyThreshold ?? DEFAULT_COMPANY_THRESHOLD;
	const maxFuzzy = options.maxFuzzyCompanies ?? 200;

	const exact: Record<'phone' | 'wechat' | 'idHash', Map<string, number>> = {
		phone: new Map(),
		wechat: new Map(),
		idHash: new Map(),
	};
	const companies: (CompanyKey | undefined)[] = new Array(items.length);
	const byPhone = new CompanyGroups(companies, threshold, maxFuzzy);
	const byName = new CompanyGroups(companies, threshold, maxFuzzy);
	const root: number[] = [];
	const findings: DuplicateFinding[] = [];
	const useCompanyPhone = keys.has('company+phone');
	const useCompanyName = keys.has('company+name');

	for (let index = 0; index < items.length; index++) {
		const item = items[index] ?? {};
		const matches: DuplicateMatch[] = [];
		const phone = clean(item.phone);
		const values = { phone, wechat: clean(item.wechat)?.toLowerCase(), idHash: clean(item.idHash) };

		for (const key of ['phone', 'wechat', 'idHash'] as const) {
			const value = values[key];
			if (!value || !keys.has(key)) continue;
			const earlier = exact[key].get(value);
			if (earlier === undefined) exact[key].set(value, index);
			else matches.push({ key, duplicateOf: earlier });
		}

		const companyName = useCompanyPhone || useCompanyName ? clean(item.company) : undefined;
		const company = companyName ? companyKey(companyName) : undefined;
		if (company && company.core !== '') {
			companies[index] = company;
			if (useCompanyPhone && phone) {
				const match = byPhone.match(phone, index);
				if (match) matches.push({ key: 'company+phone', ...match });
			}
			const contact = useCompanyName ? clean(item.name) : undefined;
			if (contact) {
				const match = byName.match(contact.includes(' ') ? contact.replace(/\s+/g, '') : contact, index);
				if (match) matches.push({ key: 'company+name', ...match });
			}
		}

		if (matches.length === 0) {
			root.push(index);
			continue;
		}
		const original = Math.min(...matches.map((m) => root[m.duplicateOf]));
		root.push(original);
		findings.push({ index, duplicateOf: matches[0].duplicateOf, original, matches });
	}
	return findings;
}


/** Shared-bigram counters, reused across lookups (reset through `touched`). */
let counts = new Int32Array(1024);
const touched: number[] = [];

type Match = { duplicateOf: number; similarity: number };

/** Rows sharing one phone or contact name; indexed (core hash, bigram postings) from INDEX_FROM rows on. */
type Group = { rows: number[]; exact?: Map<string, number>; bigrams?: Map<string, number[]> };
const INDEX_FROM = 16;

/**
 * Companies grouped by the other half of a combination (a phone, a contact name). A group
 * of one is just its row number, so a batch of unique phones costs one map entry a row.
 */
class CompanyGroups {
	private readonly groups = new Map<string, number | Group>();
	/** Cores up to this length can match a core they share no bigram with (see lookUpIndexed). */
	private readonly unprunableUpTo: number;

	constructor(
		private readonly companies: (CompanyKey | undefined)[],
		private readonly threshold: number,
		private readonly maxFuzzy: number,
	) {
		this.unprunableUpTo = unprunableLength(threshold);
	}

	/** The best earlier row of `group` whose company matches row `index`'s; then remembers row `index`. */
	match(group: string, index: number): Match | undefined {
		const found = this.groups.get(group);
		if (found === undefined) {
			this.groups.set(group, index);
			return undefined;
		}
		let entry: Group;
		if (typeof found === 'number') {
			entry = { rows: [found] };
			this.groups.set(group, entry);
		} else {
			entry = found;
		}
		const company = this.company(index);
		const key = exactKey(company);
		const exactRow = entry.exact ? entry.exact.get(key) : entry.rows.find((row) => exactKey(this.company(row)) === key);
		if (exactRow !== undefined) return { duplicateOf: exactRow, similarity: 1 };

		const result = entry.bigrams ? this.lookUpIndexed(entry, entry.bigrams, company) : this.scan(entry.rows, company);
		entry.rows.push(index);
		if (entry.exact && entry.bigrams) addToIndex(entry.exact, entry.bigrams, index, company, entry.rows.length - 1);
		else if (entry.rows.length >= INDEX_FROM) this.index(entry);
		return result;
	}

	private company(row: number): CompanyKey {
		return this.companies[row] as CompanyKey;
	}

	private scan(rows: readonly number[], company: CompanyKey): Match | undefined {
		let best: Match | undefined;
		for (const row of rows) best = this.better(best, company, row);
		return best;
	}

	/**
	 * Candidates come from the bigram postings: two cores within edit distance k share at
	 * least (longer length − 1 − 2k) bigrams (the q-gram lemma), and a contained core shares
	 * all of its own, so only those are measured.
	 */
	private lookUpIndexed(entry: Group, bigrams: Map<string, number[]>, company: CompanyKey): Match | undefined {
		const core = company.core;
		const oldest = entry.rows.length - this.maxFuzzy;
		if (core.length <= this.unprunableUpTo) return this.scan(entry.rows.slice(Math.max(0, oldest)), company);
		if (counts.length < entry.rows.length) counts = new Int32Array(entry.rows.length * 2);
		for (const gram of bigramsOf(core)) {
			const postings = bigrams.get(gram);
			if (!postings) continue;
			for (let p = postings.length - 1; p >= 0 && postings[p] >= oldest; p--) {
				if (counts[postings[p]]++ === 0) touched.push(postings[p]);
			}
		}
		let best: Match | undefined;
		for (const k of touched) {
			const count = counts[k];
			counts[k] = 0;
			const other = this.company(entry.rows[k]).core;
			const longer = Math.max(core.length, other.length);
			const edits = Math.floor((1 - this.threshold) * longer + 1e-9);
			const contained = count >= Math.min(core.length, other.length) - 1;
			if (contained || count >= longer - 1 - 2 * edits) best = this.better(best, company, entry.rows[k]);
		}
		touched.length = 0;
		return best;
	}

	/** The more similar of `best` and `row` (the earlier row on a tie), if above the threshold. */
	private better(best: Match | undefined, company: CompanyKey, row: number): Match | undefined {
		const similarity = companySimilarity(company, this.company(row));
		if (similarity < this.threshold) return best;
		if (best && (similarity < best.similarity || (similarity === best.similarity && row > best.duplicateOf))) return best;
		return { duplicateOf: row, similarity };
	}

	private index(entry: Group): void {
		const exact = new Map<string, number>();
		const bigrams = new Map<string, number[]>();
		entry.rows.forEach((row, k) => addToIndex(exact, bigrams, row, this.company(row), k));
		entry.exact = exact;
		entry.bigrams = bigrams;
	}
}

/**
 * The longest core length L for which the q-gram bound (L − 1 − 2·⌊(1 − t)·L⌋) is not
 * positive: such cores may match one they share no bigram with, so they are compared with
 * every recent row. 1 at the default 0.8; unbounded (the whole group) at 0.5 and below.
 */
function unprunableLength(threshold: number): number {
	if (threshold <= 0.5) return Number.MAX_SAFE_INTEGER;
	let longest = 0;
	const limit = Math.ceil(2 / (2 * threshold - 1)) + 2;
	for (let length = 1; length <= limit; length++) {
		if (length - 1 - 2 * Math.floor((1 - threshold) * length + 1e-9) <= 0) longest = length;
	}
	return longest;
}

function addToIndex(exact: Map<string, number>, bigrams: Map<string, number[]>, row: number, company: CompanyKey, k: number): void {
	const key = exactKey(company);
	if (!exact.has(key)) exact.set(key, row);
	for (const gram of new Set(bigramsOf(company.core))) {
		const postings = bigrams.get(gram);
		if (postings) postings.push(k);
		else bigrams.set(gram, [k]);
	}
}

/**
 * Same core and same stated place (or none): similarity 1 without measuring. A core with
 * a different place goes through companySimilarity, which weighs the place.
 */
function exactKey(company: CompanyKey): string {
	const place = company.place ? (company.place.city ?? company.place.province) : '';
	return place === '' ? company.core : `${company.core}\u0001${place}`;
}

/** Character bigrams (a one-character core is its own gram). */
function bigramsOf(core: string): string[] {
	if (core.length < 2) return [core];
	const grams: string[] = [];
	for (let i = 0; i + 1 < core.length; i++) grams.push(core.slice(i, i + 2));
	return grams;
}

function clean(value: string | null | undefined): string | undefined {
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}
