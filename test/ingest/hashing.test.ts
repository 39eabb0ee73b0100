import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';

import { IdPseudonymiser } from '../../lib/ingest/hash/IdPseudonymiser';
import { checkPlainId18, chinaToday } from '../../lib/identity/idNumber';
import { ShortHmacSha256, writeHexWords } from '../../lib/ingest/hash/ShortHmacSha256';
import { parseIdNumber } from '../../lib/identity';
import { keyedHash } from '../../lib/privacy';
import { testKeys } from '../setup/testStores';
import { validId } from './callLogFixtures';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('ShortHmacSha256', () => {
	it('equals node:crypto HMAC-SHA-256 for every message length it takes', () => {
		for (let trial = 0; trial < 50; trial++) {
			const key = randomBytes(1 + (trial % 64));
			const hmac = new ShortHmacSha256(key);
			for (let length = 0; length <= 55; length++) {
				const message = randomBytes(length);
				const words = new Int32Array(8);
				hmac.digest(message, 0, length, words, 0);
				const hex = new Uint8Array(64);
				writeHexWords(words, 0, hex, 0);
				expect(Buffer.from(hex).toString('latin1')).toBe(createHmac('sha256', key).update(message).digest('hex'));
			}
		}
	});

	it('refuses messages that do not fit one block', () => {
		expect(() => new ShortHmacSha256(randomBytes(32)).digest(new Uint8Array(56), 0, 56, new Int32Array(8), 0)).toThrow(/at most 55/);
	});
});

describe('checkPlainId18', () => {
	const today = chinaToday();
	const asCode = (problem: string | null) => problem ?? 'ok';

	it('agrees with parseIdNumber on valid numbers and on every kind of mistake', () => {
		const digits = fc.stringMatching(/^[0-9]{17}[0-9X]$/);
		fc.assert(
			fc.property(digits, (id) => {
				const parsed = parseIdNumber(id, today);
				expect(asCode(checkPlainId18(bytes(id), 0, today))).toBe(parsed.ok ? 'ok' : parsed.code);
			}),
			{ numRuns: 20_000 },
		);
		const pad = (n: number, width: number) => String(n).padStart(width, '0');
		const nearlyValid = fc
			.tuple(
				fc.constantFrom('11', '33', '44', '71', '83', '91', '00'),
				fc.integer({ min: 0, max: 9999 }),
				fc.integer({ min: 1890, max: 2035 }),
				fc.integer({ min: 0, max: 13 }),
				fc.integer({ min: 0, max: 32 }),
				fc.integer({ min: 0, max: 999 }),
				fc.constantFrom(...'0123456789X'),
			)
			.map(([province, area, year, month, day, sequence, check]) => `${province}${pad(area, 4)}${year}${pad(month, 2)}${pad(day, 2)}${pad(sequence, 3)}${check}`);
		fc.assert(
			fc.property(nearlyValid, (id) => {
				const parsed = parseIdNumber(id, today);
				expect(asCode(checkPlainId18(bytes(id), 0, today))).toBe(parsed.ok ? 'ok' : parsed.code);
			}),
			{ numRuns: 20_000 },
		);
		for (let n = 0; n < 2_000; n++) {
			const id = validId(n);
			expect(checkPlainId18(bytes(id), 0, today)).toBeNull();
			const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
			expect(asCode(checkPlainId18(bytes(wrong), 0, today))).toBe('checkDigit');
		}
	});
});

describe('IdPseudonymiser', () => {
	it('gives the same v1 hash as keyedHash, from the cache or not, for plain and unusual spellings', () => {
		const ids = new IdPseudonymiser(testKeys.hashKey);
		const check = (raw: string, normalised: string) => {
			const raw8 = bytes(raw);
			expect(ids.pseudonymise(raw8, 0, raw8.length)).toBeNull();
			expect(ids.lastHash()).toBe(keyedHash(testKeys.hashKey, normalised));
		};
		// More numbers than the near cache holds: the second round finds most in the far cache.
		for (let round = 0; round < 2; round++) {
			for (let n = 0; n < 6000; n++) check(validId(n), validId(n));
		}
		expect(ids.hits).toBeGreaterThan(5000);
		check('11010519491231002x', '11010519491231002X');
		check('１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X');
		check(' 11010519491231002X ', '11010519491231002X');
		check('110105491231002', '11010519491231002X');
	});

	it('names what is wrong with an invalid number', () => {
		const ids = new IdPseudonymiser(testKeys.hashKey);
		const problem = (raw: string) => ids.pseudonymise(bytes(raw), 0, bytes(raw).length);
		expect(problem('')).toBe('idEmpty');
		expect(problem('1101051949123100')).toBe('idLength');
		expect(problem('11010519491231002Y')).toBe('idCharacters');
		expect(problem('110105194912310021')).toBe('idCheckDigit');
		expect(problem('990105194912310028')).toBe('idRegion');
		const first17 = '11010519490230002';
		expect(problem(first17 + '0')).toMatch(/idBirthDate|idCheckDigit/);
		expect(problem('110105199913310021')).toBe('idBirthDate');
	});

	it('reads a number at any offset in a record and any stray byte in any position as parseIdNumber does', () => {
		// The 18 characters are read four at a time: every position and byte must still count.
		const ids = new IdPseudonymiser(testKeys.hashKey);
		const cases = fc.tuple(fc.integer({ min: 0, max: 499 }), fc.integer({ min: 0, max: 17 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 7 }));
		fc.assert(
			fc.property(cases, ([n, position, byte, offset]) => {
				const id = Buffer.from(validId(n));
				id[position] = byte;
				const record = Buffer.concat([Buffer.from('x,'.repeat(offset)), id, Buffer.from(',y')]);
				const parsed = parseIdNumber(new TextDecoder().decode(id));
				const problem = ids.pseudonymise(record, 2 * offset, 2 * offset + 18);
				if (!parsed.ok) expect(problem).not.toBeNull();
				else {
					expect(problem).toBeNull();
					expect(ids.lastHash()).toBe(keyedHash(testKeys.hashKey, parsed.value));
				}
			}),
			{ numRuns: 20_000 },
		);
	});
});
