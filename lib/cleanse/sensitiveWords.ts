import { readFileSync } from 'node:fs';

import { packageDataPath } from '../packageData';

/**
 * Sensitive-word matching with an Aho–Corasick automaton: built once from the word list,
 * then one pass over each text however many words there are. Matching folds case and
 * full-width forms, and skips obfuscating separators between characters (套 现, 套*现).
 */

export type SensitiveWord = { word: string; category: string; allow?: boolean };
export type SensitiveHit = { word: string; category: string; index: number };

export const BUILT_IN_SENSITIVE_WORDS_PATH = packageDataPath('sensitive-words.txt');
const EXTRA_CATEGORY = '自定义';

/** Parses the rules/sensitive-words.txt format: words, `[category]` headers, `!allowed phrases`, `#` comments. */
export function parseSensitiveWordList(text: string, defaultCategory = '未分类'): SensitiveWord[] {
	const words: SensitiveWord[] = [];
	let category = defaultCategory;
	for (const rawLine of text.split(/\r?\n/)) {
		const line = rawLine.trim();
		if (line === '' || line.startsWith('#')) continue;
		if (line.startsWith('[') && line.endsWith(']')) {
			category = line.slice(1, -1).trim() || defaultCategory;
		} else if (line.startsWith('!')) {
			const phrase = line.slice(1).trim();
			if (phrase) words.push({ word: phrase, category, allow: true });
		} else {
			words.push({ word: line, category });
		}
	}
	return words;
}

/** Folds one UTF-16 code unit: full-width ASCII → ASCII, A–Z → a–z; -1 for a separator to skip. */
function fold(c: number): number {
	if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
	if (c >= 65 && c <= 90) return c + 32;
	switch (c) {
		case 32: case 9: case 10: case 13: case 0xa0: case 0x3000: // whitespace
		case 42: case 95: case 45: case 46: case 126: case 96: case 39: case 34: case 124: // * _ - . ~ ` ' " |
		case 47: case 92: case 43: case 61: case 35: case 64: case 94: // / \ + = # @ ^
		case 0xb7: case 0x2022: case 0x30fb: case 0x2014: case 0x2013: case 0x2026: // · • ・ — – …
		case 0x200b: case 0x200c: case 0x200d: case 0xfeff: // zero-width characters
			return -1;
		default:
			return c;
	}
}

function foldWord(word: string): string {
	let out = '';
	for (let i = 0; i < word.length; i++) {
		const c = fold(word.charCodeAt(i));
		if (c >= 0) out += String.fromCharCode(c);
	}
	return out;
}

export class SensitiveWordMatcher {
	private readonly next: Map<number, number>[] = [new Map()];
	private readonly fail: number[] = [0];
	/** Entry ids ending at a node, its own and those reached through failure links. */
	private readonly out: number[][] = [[]];
	private readonly entries: { word: string; category: string; allow: boolean; length: number }[] = [];
	private readonly hasAllow: boolean;

	constructor(words: Iterable<SensitiveWord>) {
		const seen = new Map<string, number>();
		let hasAllow = false;
		for (const entry of words) {
			const folded = foldWord(entry.word);
			if (folded === '') continue;
			const allow = entry.allow === true;
			const key = `${allow ? '!' : ''}${folded}`;
			if (seen.has(key)) continue;
			seen.set(key, this.entries.length);
			hasAllow ||= allow;
			this.insert(folded, this.entries.length);
			this.entries.push({ word: entry.word.trim(), category: entry.category, allow, length: folded.length });
		}
		this.hasAllow = hasAllow;
		this.link();
	}

	get size(): number {
		return this.entries.filter((e) => !e.allow).length;
	}

	/** A new matcher with extra words (category 自定义 unless given), built-in words kept. */
	extend(extra: Iterable<string | SensitiveWord>): SensitiveWordMatcher {
		const words: SensitiveWord[] = this.entries.map((e) => ({ word: e.word, category: e.category, allow: e.allow }));
		for (const w of extra) words.push(typeof w === 'string' ? { word: w, category: EXTRA_CATEGORY } : w);
		return new SensitiveWordMatcher(words);
	}

	/** Every occurrence, ordered by where it starts (`index`, in the original text). */
	findAll(text: string): SensitiveHit[] {
		const hits: SensitiveHit[] = [];
		if (typeof text !== 'string' || text === '') return hits;
		let allowSpans: number[] | undefined;
		let pending: { entry: number; start: number; end: number }[] | undefined;
		let state = 0;
		for (let i = 0; i < text.length; i++) {
			const c = fold(text.charCodeAt(i));
			if (c < 0) continue;
			state = this.step(state, c);
			const outputs = this.out[state];
			for (let k = 0; k < outputs.length; k++) {
				const id = outputs[k];
				const entry = this.entries[id];
				const start = this.startOf(text, i, entry.length);
				if (entry.allow) {
					(allowSpans ??= []).push(start, i);
				} else if (this.hasAllow) {
					(pending ??= []).push({ entry: id, start, end: i });
				} else {
					hits.push({ word: entry.word, category: entry.category, index: start });
				}
			}
		}
		if (pending) {
			for (const p of pending) {
				if (allowSpans && covered(allowSpans, p.start, p.end)) continue;
				const entry = this.entries[p.entry];
				hits.push({ word: entry.word, category: entry.category, index: p.start });
			}
		}
		return hits.length > 1 ? hits.sort((a, b) => a.index - b.index) : hits;
	}

	/** The distinct words found, in order of first appearance. */
	findWords(text: string): string[] {
		return [...new Set(this.findAll(text).map((h) => h.word))];
	}

	test(text: string): boolean {
		return this.findAll(text).length > 0;
	}

	private insert(folded: string, id: number): void {
		let node = 0;
		for (let i = 0; i < folded.length; i++) {
			const c = folded.charCodeAt(i);
			let child = this.next[node].get(c);
			if (child === undefined) {
				child = this.next.length;
				this.next.push(new Map());
				this.fail.push(0);
				this.out.push([]);
				this.next[node].set(c, child);
			}
			node = child;
		}
		this.out[node].push(id);
	}

	/** Breadth-first failure links; outputs merged along them so matching never walks the chain. */
	private link(): void {
		const queue: number[] = [];
		for (const child of this.next[0].values()) queue.push(child);
		for (let head = 0; head < queue.length; head++) {
			const node = queue[head];
			for (const [c, child] of this.next[node]) {
				let f = this.fail[node];
				while (f !== 0 && !this.next[f].has(c)) f = this.fail[f];
				const target = this.next[f].get(c);
				this.fail[child] = target !== undefined && target !== child ? target : 0;
				const inherited = this.out[this.fail[child]];
				if (inherited.length > 0) this.out[child] = this.out[child].concat(inherited);
				queue.push(child);
			}
		}
	}

	private step(state: number, c: number): number {
		for (;;) {
			const child = this.next[state].get(c);
			if (child !== undefined) return child;
			if (state === 0) return 0;
			state = this.fail[state];
		}
	}

	/** Walks back over `length` non-separator characters ending at `end`. */
	private startOf(text: string, end: number, length: number): number {
		let i = end;
		let remaining = length - 1;
		while (remaining > 0) {
			i--;
			if (fold(text.charCodeAt(i)) >= 0) remaining--;
		}
		return i;
	}
}

function covered(spans: number[], start: number, end: number): boolean {
	for (let k = 0; k < spans.length; k += 2) if (spans[k] <= start && end <= spans[k + 1]) return true;
	return false;
}

let builtIn: SensitiveWord[] | undefined;
let defaultMatcher: SensitiveWordMatcher | undefined;
const extendedCache = new Map<string, SensitiveWordMatcher>();
const EXTENDED_CACHE_LIMIT = 16;

/** The words shipped in rules/sensitive-words.txt (read once). */
export function builtInSensitiveWords(): SensitiveWord[] {
	builtIn ??= parseSensitiveWordList(readFileSync(BUILT_IN_SENSITIVE_WORDS_PATH, 'utf8'));
	return builtIn;
}

/**
 * The built-in matcher, or the built-in list extended with a workflow's extra words. Matchers
 * are cached by their extra words, so a node calling this per item builds each one once.
 */
export function sensitiveWordMatcher(extra: Iterable<string> = [], options: { builtIn?: boolean } = {}): SensitiveWordMatcher {
	const extras = [...new Set([...extra].map((w) => w.trim()).filter((w) => w !== ''))].sort();
	const useBuiltIn = options.builtIn !== false;
	if (extras.length === 0 && useBuiltIn) return (defaultMatcher ??= new SensitiveWordMatcher(builtInSensitiveWords()));
	const key = `${useBuiltIn ? 1 : 0}\n${extras.join('\n')}`;
	let matcher = extendedCache.get(key);
	if (!matcher) {
		const base = useBuiltIn ? builtInSensitiveWords() : [];
		matcher = new SensitiveWordMatcher([...base, ...extras.map((word) => ({ word, category: EXTRA_CATEGORY }))]);
		if (extendedCache.size >= EXTENDED_CACHE_LIMIT) extendedCache.delete(extendedCache.keys().next().value as string);
		extendedCache.set(key, matcher);
	}
	return matcher;
}

/** Parses extra words as a workflow user types them: one per line, or separated by commas (, ，、;；). */
export function parseExtraWords(text: string | string[] | undefined | null): string[] {
	if (!text) return [];
	const parts = Array.isArray(text) ? text : text.split(/[\r\n,，、;；]+/);
	return parts.map((w) => w.trim()).filter((w) => w !== '' && !w.startsWith('#'));
}
