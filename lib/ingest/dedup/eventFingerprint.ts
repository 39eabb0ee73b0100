import type { EventRow } from '../row/EventRow';

function mix(h: number): number {
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	return h ^ (h >>> 16);
}

/**
 * A 96-bit fingerprint (three 32-bit words) of an event's identity within one
 * institution: ID hash, event type, instant, request ID. Built from the HMAC's own
 * words, which are already uniformly random per ID number.
 */
export class EventFingerprint {
	a = 0;
	b = 0;
	c = 0;

	of(row: EventRow): this {
		let r1 = 0x811c9dc5;
		let r2 = row.requestIdEnd - row.requestIdStart;
		const source = row.source;
		for (let i = row.requestIdStart; i < row.requestIdEnd; i++) {
			r1 = Math.imul(r1 ^ source[i], 0x01000193);
			r2 = (r2 + r1) | 0;
		}
		const words = row.idWords;
		const w = row.idWordsOffset;
		const micros = row.utcMicros;
		const timeLow = micros % 0x100000000 | 0;
		const timeHigh = Math.floor(micros / 0x100000000) | 0;
		const type = row.eventType.id + 1;
		const a = mix(words[w] ^ mix(timeLow ^ Math.imul(r1, 0x9e3779b1)));
		const b = mix(words[w + 1] ^ mix(timeHigh ^ Math.imul(type, 0x27d4eb2f) ^ r2));
		const c = mix(words[w + 2] ^ a ^ mix(r1 + timeHigh));
		this.a = a;
		this.b = b;
		this.c = c;
		return this;
	}
}
