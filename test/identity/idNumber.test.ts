import { idCheckChar, isValidBirthDate, parseIdNumber, ymdFromEpochDays } from '../../lib/identity/idNumber';
import { makeIdNumber, withWrongCheckChar } from './idNumberFixtures';

const TODAY = 20250615;

describe('idCheckChar (GB 11643-1999)', () => {
	it('matches the worked example of the standard', () => {
		// The standard's own example: 11010519491231002X.
		expect(idCheckChar('11010519491231002')).toBe('X');
	});

	it('matches other published sample numbers', () => {
		expect(idCheckChar('44030419900307461')).toBe(makeIdNumber('440304', '19900307', '461')[17]);
		expect(idCheckChar('34052419800101001')).toBe('X');
	});
});

describe('parseIdNumber', () => {
	it('accepts a valid 18-character number and returns its birth date', () => {
		const id = makeIdNumber('310104', '19850623', '482');
		expect(parseIdNumber(id, TODAY)).toEqual({ ok: true, value: id, birthDate: '1985-06-23', upgraded: false });
	});

	it('accepts the X check character in either case and returns it uppercase', () => {
		expect(parseIdNumber('11010519491231002X', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
		expect(parseIdNumber('11010519491231002x', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
	});

	it('trims surrounding whitespace, including the ideographic space', () => {
		const id = makeIdNumber('440305', '19921111', '017');
		expect(parseIdNumber(`  ${id}\t`, TODAY)).toMatchObject({ ok: true, value: id });
		expect(parseIdNumber(`\u3000${id}\u3000`, TODAY)).toMatchObject({ ok: true, value: id });
	});

	it('accepts full-width digits typed by a Chinese input method', () => {
		const id = makeIdNumber('330106', '19780815', '123');
		const fullWidth = Array.from(id, (ch) => String.fromCharCode(ch.charCodeAt(0) - 48 + 0xff10)).join('');
		expect(parseIdNumber(fullWidth, TODAY)).toMatchObject({ ok: true, value: id });
	});

	it('upgrades a 15-digit legacy number: century 19 and a computed check character', () => {
		// 15-digit 110105491231002 → 11010519491231002X (the standard's example).
		expect(parseIdNumber('110105491231002', TODAY)).toEqual({
			ok: true,
			value: '11010519491231002X',
			birthDate: '1949-12-31',
			upgraded: true,
		});
		expect(parseIdNumber('320102750305213', TODAY)).toEqual({
			ok: true,
			value: makeIdNumber('320102', '19750305', '213'),
			birthDate: '1975-03-05',
			upgraded: true,
		});
	});

	it('accepts numbers of Hong Kong, Macao and Taiwan residence permits', () => {
		expect(parseIdNumber(makeIdNumber('810000', '19880101', '201'), TODAY).ok).toBe(true);
		expect(parseIdNumber(makeIdNumber('820000', '19880101', '201'), TODAY).ok).toBe(true);
		expect(parseIdNumber(makeIdNumber('830000', '19880101', '201'), TODAY).ok).toBe(true);
	});

	describe('rejections', () => {
		it.each([[''], ['   '], ['\u3000']])('empty: %j', (raw) => {
			expect(parseIdNumber(raw, TODAY)).toMatchObject({ ok: false, code: 'empty' });
		});

		it.each([['1101051949123100'], ['11010519491231002X1'], ['12345']])('length: %s', (raw) => {
			const result = parseIdNumber(raw, TODAY);
			expect(result).toMatchObject({ ok: false, code: 'length' });
			if (!result.ok) expect(result.reason).toContain('长度');
		});

		it.each([
			['1101051949123100XX'],
			['X1010519491231002X'],
			['110105-19491231002'],
			['11010519491231002Y'],
			['11010549123100X'], // a 15-digit number has no check character
		])('characters: %s', (raw) => {
			expect(parseIdNumber(raw, TODAY)).toMatchObject({ ok: false, code: 'characters' });
		});

		it('checkDigit: a single wrong check character', () => {
			const id = makeIdNumber('510107', '19960229', '358');
			const result = parseIdNumber(withWrongCheckChar(id), TODAY);
			expect(result).toMatchObject({ ok: false, code: 'checkDigit' });
			if (!result.ok) expect(result.reason).toMatch(/校验位.*check digit/);
		});

		it('checkDigit: two swapped sequence digits (a typical typing error)', () => {
			const id = makeIdNumber('420106', '19870412', '536');
			const swapped = id.slice(0, 14) + id[15] + id[14] + id.slice(16);
			expect(parseIdNumber(swapped, TODAY)).toMatchObject({ ok: false, code: 'checkDigit' });
		});

		it.each([
			['19930230', 'February 30'],
			['19990229', 'February 29 in a common year'],
			['19000229', '1900 is not a leap year'],
			['19851301', 'month 13'],
			['19850001', 'month 0'],
			['19850400', 'day 0'],
			['19850431', 'April 31'],
			['18991231', 'before 1900'],
			['20250616', 'tomorrow'],
			['20300101', 'in the future'],
		])('birthDate: %s (%s)', (birth) => {
			const result = parseIdNumber(makeIdNumber('370202', birth, '041'), TODAY);
			expect(result).toMatchObject({ ok: false, code: 'birthDate' });
			if (!result.ok) expect(result.reason).toContain('出生日期');
		});

		it('birthDate: leap days that exist are accepted', () => {
			expect(parseIdNumber(makeIdNumber('370202', '20000229', '041'), TODAY).ok).toBe(true);
			expect(parseIdNumber(makeIdNumber('370202', '19960229', '041'), TODAY).ok).toBe(true);
			expect(parseIdNumber(makeIdNumber('370202', '20250615', '041'), TODAY).ok).toBe(true);
		});

		it('birthDate: a 15-digit number with an impossible date', () => {
			expect(parseIdNumber('110105490230002', TODAY)).toMatchObject({ ok: false, code: 'birthDate' });
		});

		it.each([['00'], ['10'], ['16'], ['20'], ['24'], ['38'], ['47'], ['55'], ['66'], ['72'], ['80'], ['91'], ['99']])(
			'region: province code %s',
			(province) => {
				const result = parseIdNumber(makeIdNumber(`${province}0101`, '19800101', '001'), TODAY);
				expect(result).toMatchObject({ ok: false, code: 'region' });
				if (!result.ok) expect(result.reason).toContain('地区码');
			},
		);

		it('reports non-string input as empty rather than throwing', () => {
			expect(parseIdNumber(undefined as unknown as string)).toMatchObject({ ok: false, code: 'empty' });
			expect(parseIdNumber(null as unknown as string)).toMatchObject({ ok: false, code: 'empty' });
		});
	});

	it('uses the real current date by default', () => {
		const nextYear = new Date().getUTCFullYear() + 1;
		expect(parseIdNumber(makeIdNumber('110101', `${nextYear}0101`, '001'))).toMatchObject({ code: 'birthDate' });
		expect(parseIdNumber(makeIdNumber('110101', '19900101', '001')).ok).toBe(true);
	});
});

describe('calendar helpers', () => {
	it('ymdFromEpochDays', () => {
		expect(ymdFromEpochDays(0)).toBe(19700101);
		expect(ymdFromEpochDays(-1)).toBe(19691231);
		expect(ymdFromEpochDays(11016)).toBe(20000229);
		expect(ymdFromEpochDays(20254)).toBe(20250615);
		for (let d = -30000; d < 30000; d += 97) {
			const iso = new Date(d * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
			expect(ymdFromEpochDays(d)).toBe(Number(iso));
		}
	});

	it('isValidBirthDate', () => {
		expect(isValidBirthDate(2024, 2, 29, TODAY)).toBe(true);
		expect(isValidBirthDate(2023, 2, 29, TODAY)).toBe(false);
		expect(isValidBirthDate(1900, 1, 1, TODAY)).toBe(true);
	});
});
