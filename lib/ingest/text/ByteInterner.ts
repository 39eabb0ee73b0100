import { CachedDataView } from './CachedDataView';

/**
 * Maps short byte strings (institution names, vendor codes) to resolved values, resolving
 * each distinct string once. Lookups hash and compare bytes in place, four at a time
 * through a DataView (a quarter of the loads of byte by byte): no string is made for a
 * value already seen. Past `capacity` distinct strings, new ones are resolved each time
 * instead of remembered, so a column of unique garbage cannot grow memory.
 */
export class ByteInterner<T> {
	private readonly keys: Uint8Array[] = [];
	/** Each key as big-endian 32-bit words (its last length % 4 bytes left out). */
	private readonly keyWords: Int32Array[] = [];
	private readonly values: T[] = [];
	private table: Int32Array;
	private readonly views = new CachedDataView();

	constructor(
		private readonly resolve: (bytes: Uint8Array) => T,
		private readonly capacity = 4096,
	) {
		this.table = new Int32Array(1024).fill(-1);
	}

	lookup(bytes: Uint8Array, start: number, end: number): T {
		const view = this.views.of(bytes);
		const h = hashBytes(view, bytes, start, end);
		const mask = this.table.length - 1;
		const length = end - start;
		for (let slot = h & mask; ; slot = (slot + 1) & mask) {
			const index = this.table[slot];
			if (index < 0) break;
			const key = this.keys[index];
			if (key.length === length && sameBytes(key, this.keyWords[index], view, bytes, start)) return this.values[index];
		}
		const copy = bytes.slice(start, end);
		const value = this.resolve(copy);
		if (this.keys.length < this.capacity) this.remember(h, copy, value);
		return value;
	}

	private remember(hash: number, key: Uint8Array, value: T): void {
		if ((this.keys.length + 1) * 2 > this.table.length) this.grow();
		const view = new DataView(key.buffer, key.byteOffset, key.byteLength);
		const words = new Int32Array(key.length >> 2);
		for (let i = 0; i < words.length; i++) words[i] = view.getInt32(4 * i);
		this.keys.push(key);
		this.keyWords.push(words);
		this.values.push(value);
		this.place(hash, this.keys.length - 1);
	}

	private place(hash: number, index: number): void {
		const mask = this.table.length - 1;
		let slot = hash & mask;
		while (this.table[slot] >= 0) slot = (slot + 1) & mask;
		this.table[slot] = index;
	}

	private grow(): void {
		this.table = new Int32Array(this.table.length * 2).fill(-1);
		this.keys.forEach((key, index) => this.place(hashBytes(new DataView(key.buffer, key.byteOffset, key.byteLength), key, 0, key.length), index));
	}
}

/** Hashes every byte (names that share a long start and end still spread); keys are compared in full anyway. */
function hashBytes(view: DataView, bytes: Uint8Array, start: number, end: number): number {
	let h = Math.imul(0x811c9dc5 ^ (end - start), 0x01000193);
	let i = start;
	for (; i + 4 <= end; i += 4) {
		h = Math.imul(h ^ view.getInt32(i), 0x9e3779b1);
		h ^= h >>> 15;
	}
	for (; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
	return h ^ (h >>> 15);
}

/** Whether the bytes at `start` are `key` (lengths already equal): its words through the view, then its last length % 4 bytes. */
function sameBytes(key: Uint8Array, keyWords: Int32Array, view: DataView, bytes: Uint8Array, start: number): boolean {
	let i = start;
	for (let w = 0; w < keyWords.length; w++, i += 4) if (view.getInt32(i) !== keyWords[w]) return false;
	for (let k = keyWords.length * 4; k < key.length; k++, i++) if (bytes[i] !== key[k]) return false;
	return true;
}
