import { isFakePattern, normaliseMobilePhone, parseMobilePhone } from '../../lib/identity/mobilePhone';

describe('normaliseMobilePhone', () => {
	it.each([
		['13812348899', '13812348899'],
		['138 1234 8899', '13812348899'],
		['138-1234-8899', '13812348899'],
		['+86 138 1234 8899', '13812348899'],
		['+86-13812348899', '13812348899'],
		['(+86)13812348899', '13812348899'],
		['0086 13812348899', '13812348899'],
		['008613812348899', '13812348899'],
		['8613812348899', '13812348899'],
		['013812348899', '13812348899'],
		['１３８１２３４８８９９', '13812348899'],
		['＋８６ １３８１２３４８８９９', '13812348899'],
		['\u3000138 1234 8899\u3000', '13812348899'],
	])('%j → %s', (raw, expected) => {
		expect(normaliseMobilePhone(raw)).toBe(expected);
	});

	it('leaves text it cannot read for the validator to reject', () => {
		expect(normaliseMobilePhone('138一二三48899')).toBe('138一二三48899');
		expect(normaliseMobilePhone('010-62345678')).toBe('01062345678');
	});
});

describe('parseMobilePhone', () => {
	it.each([
		['13812348899', 'chinaMobile'],
		['15921837465', 'chinaMobile'],
		['18701562943', 'chinaMobile'],
		['19851274630', 'chinaMobile'],
		['14751207386', 'chinaMobile'],
		['13052187436', 'chinaUnicom'],
		['18611852937', 'chinaUnicom'],
		['16602138457', 'chinaUnicom'],
		['14531208476', 'chinaUnicom'],
		['19637502148', 'chinaUnicom'],
		['13301652874', 'chinaTelecom'],
		['18918273645', 'chinaTelecom'],
		['17717283946', 'chinaTelecom'],
		['19912837465', 'chinaTelecom'],
		['14901827364', 'chinaTelecom'],
		['19201826374', 'chinaBroadnet'],
	])('accepts %s (%s)', (phone, carrier) => {
		expect(parseMobilePhone(phone)).toEqual({ ok: true, value: phone, carrier, virtual: false });
	});

	it('normalises on the way in', () => {
		expect(parseMobilePhone('+86 138-1234-8899')).toMatchObject({ ok: true, value: '13812348899' });
	});

	it('accepts a number, as spreadsheets deliver phone columns', () => {
		expect(parseMobilePhone(13812348899)).toMatchObject({ ok: true, value: '13812348899' });
		expect(parseMobilePhone(8613812348899)).toMatchObject({ ok: true, value: '13812348899' });
	});

	it.each([
		['17001826374', 'chinaTelecom'],
		['17051826374', 'chinaMobile'],
		['17031826374', 'chinaMobile'],
		['17091826374', 'chinaUnicom'],
		['17128364519', 'chinaUnicom'],
		['16238475610', 'chinaTelecom'],
		['16538475610', 'chinaMobile'],
		['16738475610', 'chinaUnicom'],
	])('marks the virtual-operator number %s (%s)', (phone, carrier) => {
		expect(parseMobilePhone(phone)).toEqual({ ok: true, value: phone, carrier, virtual: true });
		expect(parseMobilePhone(phone, { rejectVirtual: true })).toMatchObject({ ok: false, code: 'virtual' });
	});

	it.each([['14012837465'], ['14112837465'], ['14412837465'], ['14612837465'], ['14812837465'], ['17212837465'], ['17401827364']])(
		'rejects %s: IoT, data-only or satellite',
		(phone) => {
			const result = parseMobilePhone(phone);
			expect(result).toMatchObject({ ok: false, code: 'iot' });
			if (!result.ok) expect(result.reason).toContain('物联网');
		},
	);

	it.each([['14212837465'], ['14312837465'], ['15412837465'], ['16012837465'], ['16112837465'], ['16412837465'], ['19412837465'], ['10012837465'], ['11012837465'], ['12012837465']])(
		'rejects %s: not an allocated mobile range',
		(phone) => {
			expect(parseMobilePhone(phone)).toMatchObject({ ok: false, code: 'range' });
		},
	);

	it.each([['1381234889'], ['138123488990'], ['23812348899'], ['02162345678'], ['138一二三48899'], ['abc']])('rejects %s: format', (phone) => {
		expect(parseMobilePhone(phone)).toMatchObject({ ok: false, code: 'format' });
	});

	it.each([[''], ['   ']])('reports %j as empty', (phone) => {
		expect(parseMobilePhone(phone)).toMatchObject({ ok: false, code: 'empty' });
	});

	it.each([
		['11111111111', 'all one digit'],
		['13888888888', 'subscriber part one digit'],
		['13900000000', 'subscriber part zeros'],
		['13512666666', 'six equal digits at the end'],
		['13812345678', 'ascending subscriber part'],
		['18698765432', 'descending subscriber part'],
		['12345678901', 'ascending from the first digit'],
		['13812121212', 'one pair repeated'],
		['13800138000', 'the well-known placeholder'],
	])('rejects %s as fake (%s)', (phone) => {
		const result = parseMobilePhone(phone);
		expect(result).toMatchObject({ ok: false, code: 'fake' });
		expect(parseMobilePhone(phone, { rejectFake: false }).ok).toBe(phone.startsWith('13') || phone.startsWith('18'));
	});

	it('does not call ordinary numbers with short runs fake', () => {
		for (const phone of ['13812348899', '13966661234', '18612345901', '15800012345', '13512121234', '17788889999']) {
			expect(isFakePattern(phone)).toBe(false);
		}
	});

	it('flags few random valid numbers as fake', () => {
		let seed = 42;
		const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		let fake = 0;
		for (let i = 0; i < 100_000; i++) {
			const subscriber = String(Math.floor(random() * 1e8)).padStart(8, '0');
			if (isFakePattern(`138${subscriber}`)) fake++;
		}
		expect(fake).toBeLessThan(20);
	});
});
