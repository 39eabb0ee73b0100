import { cleanseLead } from '../../lib/cleanse';
import { isVanityPattern } from '../../lib/identity';

const lead = (phone: string) => ({ name: '张伟', phone });

describe('vanity phone numbers (疑似靓号)', () => {
	it('spots runs, repeats and 靓号 tails, not placeholders or ordinary numbers', () => {
		for (const phone of ['13888888888', '13912348888', '13912345678', '13987654321', '13812121212', '13966661234']) {
			expect([phone, isVanityPattern(phone)]).toEqual([phone, true]);
		}
		for (const phone of ['13812348899', '15912344421', '13800138000', '1381234889']) expect([phone, isVanityPattern(phone)]).toEqual([phone, false]);
	});

	it('by default rejects the fake-looking ones as today and keeps a …8888 tail, flagged', () => {
		expect(cleanseLead(lead('13888888888'))).toMatchObject({ ok: false, rejected: [{ field: 'phone', code: 'phone.fake' }] });
		expect(cleanseLead(lead('13912345678'))).toMatchObject({ ok: false, rejected: [{ code: 'phone.fake' }] });
		expect(cleanseLead(lead('13912348888'))).toMatchObject({ ok: true, flags: [{ field: 'phone', code: 'phone.vanity', value: '139****8888' }] });
		expect(cleanseLead(lead('13812348899'))).not.toHaveProperty('flags');
	});

	it('with vanityPhones "flag" keeps them all, flagged; a placeholder is still rejected', () => {
		for (const phone of ['13888888888', '13912345678', '13912348888']) {
			const result = cleanseLead(lead(phone), { vanityPhones: 'flag' });
			expect(result).toMatchObject({ ok: true, clean: { phone }, flags: [{ code: 'phone.vanity' }] });
			expect(result.flags?.[0].message).toMatch(/疑似靓号/);
		}
		expect(cleanseLead(lead('13800138000'), { vanityPhones: 'flag' })).toMatchObject({ ok: false, rejected: [{ code: 'phone.fake' }] });
		expect(cleanseLead(lead('14412345678'), { vanityPhones: 'flag' })).toMatchObject({ ok: false, rejected: [{ code: 'phone.iot' }] });
	});
});
