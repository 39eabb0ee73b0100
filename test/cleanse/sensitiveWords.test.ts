import {
	SensitiveWordMatcher,
	builtInSensitiveWords,
	parseExtraWords,
	parseSensitiveWordList,
	sensitiveWordMatcher,
} from '../../lib/cleanse/sensitiveWords';

describe('parseSensitiveWordList', () => {
	it('reads words, categories, allowed phrases and comments', () => {
		const list = parseSensitiveWordList('# 注释\n[金融]\n套现\n!反套现\n\n[赌博]\r\n网赌\n');
		expect(list).toEqual([
			{ word: '套现', category: '金融' },
			{ word: '反套现', category: '金融', allow: true },
			{ word: '网赌', category: '赌博' },
		]);
	});
});

describe('the built-in list (rules/sensitive-words.txt)', () => {
	it('ships the financial-marketing words the cleansing needs', () => {
		const words = builtInSensitiveWords().filter((w) => !w.allow).map((w) => w.word);
		for (const word of ['套现', '代开发票', '赌博', '洗钱', '刷单', '高利贷', '办证']) expect(words).toContain(word);
		expect(words.length).toBeGreaterThan(50);
		expect(new Set(words).size).toBe(words.length);
	});
});

describe('SensitiveWordMatcher', () => {
	const matcher = sensitiveWordMatcher();

	it('finds every word in one pass, with category and position', () => {
		const text = '本人可提供信用卡套现、代开发票服务，另有网赌渠道';
		expect(matcher.findAll(text)).toEqual([
			{ word: '信用卡套现', category: '金融违规', index: 5 },
			{ word: '套现', category: '金融违规', index: 8 },
			{ word: '代开发票', category: '金融违规', index: 11 },
			{ word: '网赌', category: '赌博', index: 20 },
		]);
		expect(matcher.findWords(text)).toEqual(['信用卡套现', '套现', '代开发票', '网赌']);
	});

	it('finds nothing in an ordinary lead', () => {
		for (const text of ['北京纷扬科技有限公司', '张伟', '官网预约', '抖音推广', '高净值客户，有房贷需求', '熟人转介绍']) {
			expect(matcher.findAll(text)).toEqual([]);
		}
	});

	it('sees through separators, full-width letters and case', () => {
		expect(matcher.findWords('专业 套 现')).toEqual(['套现']);
		expect(matcher.findWords('刷*单兼职')).toEqual(['刷单']);
		expect(matcher.findWords('洗-钱')).toEqual(['洗钱']);
		expect(matcher.findWords('高\u200b利\u200b贷')).toEqual(['高利贷']);
		const latin = new SensitiveWordMatcher([{ word: 'USDT', category: '金融' }]);
		expect(latin.findAll('收 ｕｓｄｔ')).toEqual([{ word: 'USDT', category: '金融', index: 2 }]);
	});

	it('reports where an obfuscated word starts in the original text', () => {
		expect(matcher.findAll('联系我：套 * 现')).toEqual([{ word: '套现', category: '金融违规', index: 4 }]);
	});

	it('does not match across sentence punctuation', () => {
		expect(matcher.findAll('禁止套，现金支付')).toEqual([]);
	});

	it('does not report a word inside an allowed phrase', () => {
		expect(matcher.findAll('客户经理已完成反洗钱培训')).toEqual([]);
		expect(matcher.findAll('到办证大厅办理')).toEqual([]);
		expect(matcher.findWords('反洗钱岗，兼职洗钱')).toEqual(['洗钱']);
		expect(matcher.findAll('代办证件')).toEqual([
			{ word: '代办证件', category: '证件', index: 0 },
			{ word: '办证', category: '证件', index: 1 },
		]);
	});

	it('finds overlapping and nested words (Aho–Corasick output links)', () => {
		const m = new SensitiveWordMatcher(['he', 'she', 'his', 'hers'].map((word) => ({ word, category: 't' })));
		expect(m.findAll('ushers').map((h) => [h.word, h.index])).toEqual([
			['she', 1],
			['he', 2],
			['hers', 2],
		]);
	});

	it('extends the built-in list with a workflow’s words, and caches the result', () => {
		const extended = sensitiveWordMatcher(['黑车', ' 征信洗白 ']);
		expect(extended.findWords('征信洗白，套现')).toEqual(['征信洗白', '套现']);
		expect(extended.findAll('黑车')[0].category).toBe('自定义');
		expect(sensitiveWordMatcher(['征信洗白', '黑车'])).toBe(extended);
		expect(matcher.findWords('黑车')).toEqual([]);
		expect(sensitiveWordMatcher(['黑车'], { builtIn: false }).findWords('黑车套现')).toEqual(['黑车']);
		expect(matcher.extend(['黑车']).size).toBe(matcher.size + 1);
	});

	it('handles empty and non-string input', () => {
		expect(matcher.findAll('')).toEqual([]);
		expect(matcher.findAll(undefined as unknown as string)).toEqual([]);
		expect(new SensitiveWordMatcher([]).findAll('套现')).toEqual([]);
	});

	it('agrees with a naive search on generated text', () => {
		const words = builtInSensitiveWords().filter((w) => !w.allow).map((w) => w.word);
		const plain = new SensitiveWordMatcher(words.map((word) => ({ word, category: 'x' })));
		const alphabet = [...new Set(words.join(''))];
		let seed = 7;
		const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
		for (let round = 0; round < 300; round++) {
			let text = '';
			for (let i = 0; i < 40; i++) text += random(4) === 0 ? words[random(words.length)] : alphabet[random(alphabet.length)];
			const expected: string[] = [];
			for (let i = 0; i < text.length; i++) for (const w of words) if (text.startsWith(w, i)) expected.push(`${i}:${w}`);
			const actual = plain.findAll(text).map((h) => `${h.index}:${h.word}`);
			expect(actual.sort()).toEqual(expected.sort());
		}
	});
});

describe('parseExtraWords', () => {
	it('splits what a user types in a node parameter', () => {
		expect(parseExtraWords('黑车，征信洗白\n代办贷款、 养号;;')).toEqual(['黑车', '征信洗白', '代办贷款', '养号']);
		expect(parseExtraWords(['  黑车 ', ''])).toEqual(['黑车']);
		expect(parseExtraWords(undefined)).toEqual([]);
	});
});
