/**
 * Maps short byte strings (institution names, vendor codes) to resolved values, resolving
 * each distinct string once. Lookups hash and compare bytes in place: no string is made
 * for a value already seen. Past `capacity` distinct strings, new ones are resolved each
 * time instead of remembered, so a column of unique garbage cannot grow memory.
 */
export class ByteInterner<T> {
	private readonly keys: Uint8Array[] = [];
	private readonly values: T[] = [];
	private table: Int32Array;

	constructor(
		private readonly resolve: (bytes: Uint8Array) => T,
		private readonly capacity = 4096,
	) {
		this.table = new Int32Array(1024).fill(-1);
	}

	lookup(bytes: Uint8Array, start: number, end: number): T {
		const h = hashBytes(bytes, start, end);
		const mask = this.table.length - 1;
		const length = end - start;
		for (let slot = h & mask; ; slot = (slot + 1) & mask) {
			const index = this.table[slot];
			if (index < 0) break;
			const key = this.keys[index];
			if (key.length === length && sameBytes(key, bytes, start)) return this.values[index];
		}
		const copy = bytes.slice(start, end);
		const value = this.resolve(copy);
		if (this.keys.length < this.capacity) this.remember(h, copy, value);
		return value;
	}

	private remember(hash: number, key: Uint8Array, value: T): void {
		if ((this.keys.length + 1) * 2 > this.table.length) this.grow();
		this.keys.push(key);
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
		this.keys.forEach((key, index) => this.place(hashBytes(key, 0, key.length), index));
	}
}

/** Hashes every byte, four at a time (names that share a long start and end still spread); keys are compared in full anyway. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
	let h = Math.imul(0x811c9dc5 ^ (end - start), 0x01000193);
	let i = start;
	for (; i + 4 <= end; i += 4) {
		h = Math.imul(h ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)), 0x9e3779b1);
		h ^= h >>> 15;
	}
	for (; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
	return h ^ (h >>> 15);
}

function sameBytes(key: Uint8Array, bytes: Uint8Array, start: number): boolean {
	for (let i = 0; i < key.length; i++) if (key[i] !== bytes[start + i]) return false;
	return true;
}
