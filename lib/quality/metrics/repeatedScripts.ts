import { distance } from 'fastest-levenshtein';

/** Texts shorter than this (after normalising) are not scripts: one- and two-character replies are perfunctory, not repeated scripts. */
const MIN_SCRIPT_LENGTH = 4;
/** MinHash signature length and LSH banding: 8 bands of 2 rows finds pairs of bigram Jaccard 0.5 with p ≈ 0.9, 0.64 with p ≈ 0.99. */
const HASHES = 16;
const ROWS_PER_BAND = 2;
const SEEDS = Array.from({ length: HASHES }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);

export interface RepeatedScripts {
	/** Scripts (groups of similar texts) sent at least `minTimes` times. */
	scripts: number;
	/** For each given text, whether it belongs to such a script. */
	repeated: boolean[];
	/** Pairs compared with the real similarity (the candidates the fingerprints let through). */
	comparisons: number;
}

/**
 * The scripts an agent sent `minTimes` or more times at `similarity` or more (the document:
 * 3 times at 90 %). Identical texts are grouped first; distinct texts are paired only when
 * their MinHash signatures (over character bigrams) share an LSH band, and only such
 * candidates are compared with the real similarity, 1 − Levenshtein distance / longer length.
 */
export function findRepeatedScripts(texts: readonly string[], similarity: number, minTimes: number): RepeatedScripts {
	const normalised = texts.map((text) => text.toLowerCase().replace(/\s+/g, ''));
	const uniqueIndex = new Map<string, number>();
	const unique: string[] = [];
	const counts: number[] = [];
	const groupOf = normalised.map((text) => {
		if (text.length < MIN_SCRIPT_LENGTH) return -1;
		let index = uniqueIndex.get(text);
		if (index === undefined) {
			index = unique.length;
			uniqueIndex.set(text, index);
			unique.push(text);
			counts.push(0);
		}
		counts[index]++;
		return index;
	});

	const parent = unique.map((_, i) => i);
	const find = (i: number): number => {
		while (parent[i] !== i) i = parent[i] = parent[parent[i]];
		return i;
	};
	let comparisons = 0;
	if (unique.length > 1) {
		const buckets = new Map<string, number[]>();
		unique.forEach((text, i) => {
			for (const key of bandKeys(text)) {
				const bucket = buckets.get(key);
				if (bucket) bucket.push(i);
				else buckets.set(key, [i]);
			}
		});
		const compared = new Set<number>();
		for (const bucket of buckets.values()) {
			for (let a = 0; a < bucket.length; a++) {
				for (let b = a + 1; b < bucket.length; b++) {
					const [i, j] = [bucket[a], bucket[b]];
					const pair = i * unique.length + j;
					if (compared.has(pair) || find(i) === find(j)) continue;
					compared.add(pair);
					comparisons++;
					if (textSimilarity(unique[i], unique[j]) >= similarity) parent[find(i)] = find(j);
				}
			}
		}
	}

	const groupSizes = new Map<number, number>();
	counts.forEach((count, i) => groupSizes.set(find(i), (groupSizes.get(find(i)) ?? 0) + count));
	const repeatedRoots = new Set([...groupSizes].filter(([, size]) => size >= minTimes).map(([root]) => root));
	return { scripts: repeatedRoots.size, repeated: groupOf.map((index) => index >= 0 && repeatedRoots.has(find(index))), comparisons };
}

/** 1 − edit distance / the longer length: 1 for equal texts, 0.9 for one edit in ten characters. */
export function textSimilarity(a: string, b: string): number {
	if (a === b) return 1;
	const longer = Math.max(a.length, b.length);
	// Similarity ≤ shorter / longer: pairs too different in length are decided without the distance.
	if (Math.min(a.length, b.length) / longer < 0.5) return Math.min(a.length, b.length) / longer;
	return 1 - distance(a, b) / longer;
}

/** Band keys of short texts seen lately: agents send the same scripts in session after session (bounded: at most 50 000 texts of at most 200 characters). */
const signatures = new Map<string, readonly string[]>();
const SIGNATURES_KEPT = 50_000;
const SIGNATURE_TEXT_KEPT = 200;

/** The text's LSH band keys (band number and its rows of the MinHash signature). */
function bandKeys(text: string): readonly string[] {
	let keys = signatures.get(text);
	if (keys === undefined) {
		const signature = minHash(text);
		const made: string[] = [];
		for (let band = 0; band < HASHES / ROWS_PER_BAND; band++) made.push(`${band}:${signature[band * ROWS_PER_BAND]}:${signature[band * ROWS_PER_BAND + 1]}`);
		keys = made;
		if (text.length <= SIGNATURE_TEXT_KEPT) {
			if (signatures.size >= SIGNATURES_KEPT) signatures.clear();
			signatures.set(text, made);
		}
	}
	return keys;
}

function minHash(text: string): Uint32Array {
	const signature = new Uint32Array(HASHES).fill(0xffffffff);
	for (let i = 0; i + 1 < text.length; i++) {
		const shingle = ((text.charCodeAt(i) << 16) | text.charCodeAt(i + 1)) >>> 0;
		for (let h = 0; h < HASHES; h++) {
			const value = mix(shingle ^ SEEDS[h]);
			if (value < signature[h]) signature[h] = value;
		}
	}
	return signature;
}

/** murmur3's 32-bit finaliser. */
function mix(x: number): number {
	x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
	x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
	return (x ^ (x >>> 16)) >>> 0;
}
