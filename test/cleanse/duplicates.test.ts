import { companyKey, companySimilarity } from '../../lib/cleanse/companyName';
import { findBatchDuplicates, type DuplicateCandidate } from '../../lib/cleanse/duplicates';

describe('findBatchDuplicates', () => {
	it('single-condition duplicates (ToC): phone, WeChat id, ID hash', () => {
		const batch: DuplicateCandidate[] = [
			{ name: '张伟', phone: '13812348899', wechat: 'zhangwei_1988', idHash: 'v1:aa' },
			{ name: '李娜', phone: '13901827364', wechat: 'lina2020', idHash: 'v1:bb' },
			{ name: '张伟', phone: '13812348899' },
			{ name: '李娜', wechat: 'LiNa2020' },
			{ name: '王芳', phone: '15921837465', idHash: 'v1:aa' },
			{ name: '刘洋', phone: '18611852937', wechat: 'liuyang_sh', idHash: 'v1:cc' },
		];
		expect(findBatchDuplicates(batch)).toEqual([
			{ index: 2, duplicateOf: 0, original: 0, matches: [{ key: 'phone', duplicateOf: 0 }] },
			{ index: 3, duplicateOf: 1, original: 1, matches: [{ key: 'wechat', duplicateOf: 1 }] },
			{ index: 4, duplicateOf: 0, original: 0, matches: [{ key: 'idHash', duplicateOf: 0 }] },
		]);
	});

	it('reports every key a row matches, each with the row that has it', () => {
		const batch: DuplicateCandidate[] = [
			{ phone: '13812348899' },
			{ wechat: 'zhangwei_1988' },
			{ phone: '13812348899', wechat: 'zhangwei_1988' },
		];
		expect(findBatchDuplicates(batch)).toEqual([
			{
				index: 2,
				duplicateOf: 0,
				original: 0,
				matches: [
					{ key: 'phone', duplicateOf: 0 },
					{ key: 'wechat', duplicateOf: 1 },
				],
			},
		]);
	});

	it('links a chain of duplicates to the earliest row of the group', () => {
		const batch: DuplicateCandidate[] = [
			{ phone: '13812348899' },
			{ phone: '13812348899', wechat: 'zhangwei_1988' },
			{ wechat: 'zhangwei_1988' },
		];
		const findings = findBatchDuplicates(batch);
		expect(findings[1]).toEqual({ index: 2, duplicateOf: 1, original: 0, matches: [{ key: 'wechat', duplicateOf: 1 }] });
	});

	it('combined duplicates (ToB): fuzzy company name and the same contact name', () => {
		const batch: DuplicateCandidate[] = [
			{ company: '北京纷扬科技有限公司', name: '陈静', phone: '13812348899' },
			{ company: '上海华信证券有限责任公司', name: '陈静', phone: '13901827364' },
			{ company: '纷扬科技', name: '陈 静', phone: '15921837465' },
			{ company: '北京纷扬', name: '赵磊', phone: '18611852937' },
			{ company: '纷享科技', name: '陈静', phone: '17717283946' },
		];
		expect(findBatchDuplicates(batch, { keys: ['company+name'] })).toEqual([
			{ index: 2, duplicateOf: 0, original: 0, matches: [{ key: 'company+name', duplicateOf: 0, similarity: 1 }] },
		]);
	});

	it('combined duplicates (ToB): fuzzy company name and the same phone', () => {
		const batch: DuplicateCandidate[] = [
			{ company: '北京纷扬科技有限公司', phone: '13812348899' },
			{ company: '纷扬销客', phone: '13812348899' },
			{ company: '上海华信证券', phone: '13812348899' },
		];
		const findings = findBatchDuplicates(batch, { keys: ['company+phone'] });
		expect(findings).toHaveLength(1);
		expect(findings[0].index).toBe(1);
		expect(findings[0].matches[0].key).toBe('company+phone');
		expect(findings[0].matches[0].similarity).toBeCloseTo(0.85);
		expect(findBatchDuplicates(batch, { keys: ['company+phone'], companyThreshold: 0.9 })).toEqual([]);
	});

	it('only checks the keys it is given', () => {
		const batch: DuplicateCandidate[] = [{ phone: '13812348899', wechat: 'abc_12345' }, { phone: '13812348899', wechat: 'abc_12345' }];
		expect(findBatchDuplicates(batch, { keys: ['wechat'] })[0].matches).toEqual([{ key: 'wechat', duplicateOf: 0 }]);
		expect(findBatchDuplicates(batch, { keys: [] })).toEqual([]);
	});

	it('ignores empty and missing values', () => {
		const batch: DuplicateCandidate[] = [{ phone: '', wechat: null }, { phone: '  ', company: '' }, {}, { name: '张伟' }, { name: '张伟' }];
		expect(findBatchDuplicates(batch)).toEqual([]);
	});

	it('handles a large batch where every contact name has many similar companies', () => {
		const surnames = '王李张刘陈杨黄赵吴周';
		const given = ['伟', '芳', '娜', '敏', '静', '磊', '强', '洋'];
		const brands = ['纷扬', '华信', '恒达', '瑞丰', '锦程', '天佑', '鼎盛', '博远', '嘉禾', '联创'];
		const batch: DuplicateCandidate[] = [];
		for (let i = 0; i < 5_000; i++) {
			batch.push({
				name: surnames[i % 10] + given[i % 8],
				company: `${brands[i % 10]}${brands[(i * 7) % 10]}${i % 997}科技有限公司`,
				phone: `138${String(i).padStart(8, '0')}`,
			});
		}
		const findings = findBatchDuplicates(batch);
		// Phones are all distinct, so every finding pairs a contact name with a similar company
		// (纷扬华信123 / 纷扬华信124: one edit in seven characters).
		expect(findings.length).toBeGreaterThan(4_500);
		const wrong = findings.filter(
			(f) =>
				f.matches.length !== 1 ||
				f.matches[0].key !== 'company+name' ||
				batch[f.index].name !== batch[f.duplicateOf].name ||
				(f.matches[0].similarity ?? 0) < 0.8 ||
				f.duplicateOf >= f.index,
		);
		expect(wrong).toEqual([]);
	});

	it('does not merge one brand registered in two places', () => {
		const batch: DuplicateCandidate[] = [
			{ company: '北京纷扬科技有限公司', name: '陈静' },
			{ company: '上海纷扬科技有限公司', name: '陈静' },
			{ company: '纷扬科技', name: '陈静' },
		];
		expect(findBatchDuplicates(batch, { keys: ['company+name'] }).map((f) => [f.index, f.duplicateOf])).toEqual([[2, 0]]);
	});

	it('finds exactly what comparing every earlier row would find (bigram pruning loses nothing)', () => {
		let seed = 11;
		const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
		const places = ['', '', '北京', '上海', '深圳市', '广东省'];
		const chars = '纷扬华信恒达瑞丰锦';
		const suffixes = ['科技有限公司', '', '网络', '贸易有限公司'];
		for (const threshold of [0.6, 0.8, 0.9]) {
			const batch: DuplicateCandidate[] = [];
			for (let i = 0; i < 1500; i++) {
				let brand = '';
				const length = 2 + random(5);
				for (let c = 0; c < length; c++) brand += chars[random(chars.length)];
				batch.push({ name: ['陈静', '王伟', '李娜'][random(3)], company: places[random(places.length)] + brand + suffixes[random(suffixes.length)] });
			}
			const found = new Map(
				findBatchDuplicates(batch, { keys: ['company+name'], companyThreshold: threshold, maxFuzzyCompanies: 10_000 }).map((f) => [f.index, f.matches[0].similarity]),
			);
			const keys = batch.map((b) => companyKey(b.company ?? ''));
			const mismatches: string[] = [];
			for (let i = 0; i < batch.length; i++) {
				let best = 0;
				for (let j = 0; j < i; j++) {
					if (batch[j].name !== batch[i].name) continue;
					best = Math.max(best, companySimilarity(keys[i], keys[j]));
				}
				const expected = best >= threshold ? best : undefined;
				const actual = found.get(i);
				if ((expected === undefined) !== (actual === undefined) || (expected !== undefined && Math.abs(expected - (actual ?? 0)) > 1e-9)) {
					mismatches.push(`${threshold} row ${i} ${batch[i].company}: expected ${expected}, got ${actual}`);
				}
			}
			expect(mismatches).toEqual([]);
		}
	});
});
