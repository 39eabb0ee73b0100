import { companyKey, companySimilarity, sameCompany } from '../../lib/cleanse/companyName';

describe('companyKey', () => {
	it.each([
		['北京纷扬科技有限公司', '纷扬'],
		['北京纷扬', '纷扬'],
		['纷扬科技', '纷扬'],
		['北京市纷扬网络科技发展有限公司', '纷扬'],
		['纷扬科技（北京）有限公司', '纷扬'],
		['ＦＥＮＹＡＮＧ科技', 'fenyang'],
		['Fenyang Technology Co., Ltd.', 'fenyang'],
		['华为技术有限公司', '华为'],
		['腾讯科技(深圳)有限公司', '腾讯'],
		['中国平安保险（集团）股份有限公司', '平安'],
		['广东省深圳市前海微众银行股份有限公司', '前海微众'],
		['上海华信证券有限责任公司', '华信'],
		['北京纷扬科技有限公司上海分公司', '纷扬'],
		['内蒙古伊利实业集团股份有限公司', '伊利'],
		['新疆维吾尔自治区天山纺织有限公司', '天山纺织'],
	])('%s → core %s', (name, core) => {
		expect(companyKey(name).core).toBe(core);
	});

	it('keeps the place when the rest is only industry words: 北京银行 is not 上海银行', () => {
		expect(companyKey('北京银行股份有限公司').core).toBe('北京银行');
		expect(companyKey('中国银行').core).toBe('中国银行');
		expect(sameCompany('北京银行', '上海银行')).toBe(false);
		expect(sameCompany('北京银行', '中国银行')).toBe(false);
	});

	it('records the registered place, not a branch’s', () => {
		expect(companyKey('广东省深圳市纷扬科技有限公司').place).toEqual({ province: '广东', city: '深圳' });
		expect(companyKey('纷扬科技（杭州）有限公司').place).toEqual({ province: '浙江', city: '杭州' });
		expect(companyKey('北京纷扬科技有限公司上海分公司').place).toEqual({ province: '北京', city: '北京' });
		expect(companyKey('纷扬科技有限公司').place).toBeUndefined();
	});
});

describe('companySimilarity / sameCompany', () => {
	it('the seed’s example: three spellings of one company', () => {
		const names = ['北京纷扬科技有限公司', '北京纷扬', '纷扬科技'];
		for (const a of names) {
			for (const b of names) {
				expect(companySimilarity(a, b)).toBe(1);
				expect(sameCompany(a, b)).toBe(true);
			}
		}
	});

	it('matches full-width, bracketed and English spellings', () => {
		expect(sameCompany('北京纷扬科技有限公司', '纷扬科技（北京）有限公司')).toBe(true);
		expect(sameCompany('纷扬科技', '纷扬網絡科技')).toBe(true);
		expect(sameCompany('Fenyang Technology Co., Ltd.', 'FENYANG TECH')).toBe(true);
	});

	it('clear non-matches', () => {
		expect(companySimilarity('北京纷扬科技', '上海华信证券')).toBe(0);
		expect(sameCompany('北京纷扬科技有限公司', '上海华信证券有限责任公司')).toBe(false);
		expect(sameCompany('纷扬科技', '纷享科技')).toBe(false);
		expect(sameCompany('阿里巴巴网络技术有限公司', '百度在线网络技术有限公司')).toBe(false);
		expect(sameCompany('招商银行', '中信银行')).toBe(false);
	});

	it('containment: a longer name holding the whole core', () => {
		// 纷扬 ⊂ 纷扬销客: 0.7 + 0.3 × 2/4
		expect(companySimilarity('纷扬科技', '纷扬销客')).toBeCloseTo(0.85);
		expect(sameCompany('纷扬科技', '纷扬销客')).toBe(true);
		expect(sameCompany('纷扬科技', '纷扬销客', 0.9)).toBe(false);
	});

	it('edit distance tolerates a typo in a long core', () => {
		// 纷扬星辰数码 vs 纷扬星晨数码: one edit in six characters
		expect(companySimilarity('纷扬星辰数码有限公司', '纷扬星晨数码有限公司')).toBeCloseTo(5 / 6);
		expect(sameCompany('纷扬星辰数码有限公司', '纷扬星晨数码有限公司')).toBe(true);
		expect(sameCompany('纷扬星辰数码有限公司', '纷扬星晨数码有限公司', 0.9)).toBe(false);
	});

	it('names that state different places weigh less: 北京纷扬科技 / 上海纷扬科技', () => {
		expect(companySimilarity('北京纷扬科技', '上海纷扬科技')).toBeCloseTo(0.75);
		expect(sameCompany('北京纷扬科技', '上海纷扬科技')).toBe(false);
		expect(sameCompany('广东纷扬科技', '深圳纷扬科技')).toBe(true);
		expect(sameCompany('深圳纷扬科技', '广州纷扬科技')).toBe(false);
	});

	it('empty names match nothing', () => {
		expect(companySimilarity('', '')).toBe(0);
		expect(companySimilarity('有限公司', '纷扬科技')).toBeLessThan(0.8);
	});

	it('accepts precomputed keys', () => {
		const a = companyKey('北京纷扬科技有限公司');
		expect(companySimilarity(a, '纷扬科技')).toBe(1);
	});
});
