import { curveScore, findRepeatedScripts, loadQualityModelPreset, measureSession, scoreSession, textSimilarity, validateQualityModel, wordLists } from '../../lib/quality';
import { a, c, goodSession, poorSession } from './qualityFixtures';

const model = loadQualityModelPreset('standard');
const words = wordLists(model);
const measure = (messages: Parameters<typeof measureSession>[0]) => measureSession(messages, words, model);

describe('session metrics, checked by hand', () => {
	it('measures a good session: rounds from the customer’s first message to the first reply', () => {
		expect(measure(goodSession).metrics).toEqual({
			messages: 7,
			customerMessages: 4,
			agentMessages: 3,
			rounds: 3,
			answeredRounds: 3,
			firstResponseSeconds: 20,
			avgResponseSeconds: 28.333, // (20 + 60 + 5) / 3
			maxResponseSeconds: 60,
			missedFollowUp: 0,
			rudeMessages: 0,
			perfunctoryMessages: 1, // 嗯嗯 after 好的谢谢
			customerThanked: true,
			repeatedScripts: 0,
			contactRequests: 0,
			contactRequestsFlag: false,
			offTopicReplies: 0,
			qualityReplies: 2, // 额度, 年化利率
		});
	});

	it('measures a poor session and marks the messages that cost points', () => {
		const measured = measure(poorSession);
		expect(measured.metrics).toEqual({
			messages: 12,
			customerMessages: 6,
			agentMessages: 6,
			rounds: 6,
			answeredRounds: 5,
			firstResponseSeconds: 120,
			avgResponseSeconds: 41, // (120 + 10 + 30 + 5 + 40) / 5
			maxResponseSeconds: 120,
			missedFollowUp: 2, // 还在吗 never answered; 请稍等 and gone
			rudeMessages: 1,
			perfunctoryMessages: 0, // 嗯 answers 哦: not perfunctory
			customerThanked: false,
			repeatedScripts: 1,
			contactRequests: 3,
			contactRequestsFlag: true,
			offTopicReplies: 1,
			qualityReplies: 3,
		});
		const marks = measured.marks;
		expect(marks[1]).toEqual(['contactRequest', 'qualityReply', 'repeatedScript']);
		expect(marks[2]).toEqual(['offTopic']);
		expect(marks[5]).toEqual(['rude']);
		expect(marks[7]).toEqual([]);
		expect(marks[10]).toEqual(['holdNeverBack']);
		expect(marks[11]).toEqual(['unanswered']);
		expect(measured.responseSeconds.slice(0, 4)).toEqual([null, 120, null, 10]);
	});

	it('orders messages by time, the customer first on equal times', () => {
		const shuffled = [a('10:00:05', '您好'), c('10:00:05', '在吗'), c('10:00:00', '你好')];
		const measured = measure(shuffled);
		expect(measured.messages.map((m) => m.text)).toEqual(['你好', '在吗', '您好']);
		expect(measured.metrics.firstResponseSeconds).toBe(5);
	});

	it('counts a two-character reply as perfunctory unless the customer said 哦 / 好 / 好的 / OK', () => {
		expect(measure([c('10:00:00', 'OK'), a('10:00:01', '嗯嗯')]).metrics.perfunctoryMessages).toBe(0);
		expect(measure([c('10:00:00', '好的。'), a('10:00:01', '好的')]).metrics.perfunctoryMessages).toBe(0);
		expect(measure([c('10:00:00', '能便宜点吗'), a('10:00:01', '哦哦！')]).metrics.perfunctoryMessages).toBe(1);
		expect(measure([c('10:00:00', '能便宜点吗'), a('10:00:01', '不能的')]).metrics.perfunctoryMessages).toBe(0);
	});
});

describe('repeated scripts', () => {
	it('needs the same script three times at 90 % similarity', () => {
		const base = '感谢您的咨询稍后有专业顾问联系您'; // 16 characters: one edit is 93.75 %
		expect(findRepeatedScripts([base, `${base.slice(0, -1)}你`, base], 0.9, 3)).toMatchObject({ scripts: 1, repeated: [true, true, true] });
		expect(findRepeatedScripts([base, base, '请问您想了解哪款产品'], 0.9, 3)).toMatchObject({ scripts: 0, repeated: [false, false, false] });
		// Three edits in 16 characters is 81 %: not the same script.
		expect(findRepeatedScripts([base, base, `${base.slice(0, -3)}ABC`], 0.9, 3).scripts).toBe(0);
	});

	it('similarity is 1 − edit distance / longer length', () => {
		expect(textSimilarity('abcdefghij', 'abcdefghik')).toBeCloseTo(0.9);
		expect(textSimilarity('abcd', 'abcd')).toBe(1);
	});

	it('finds the scripts among many messages comparing only the candidates the fingerprints pair', () => {
		let seed = 7;
		const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
		const texts = Array.from({ length: 2000 }, () => Array.from({ length: 15 + Math.floor(random() * 15) }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 500))).join(''));
		texts.push('统一话术：您好，这里是信用卡中心', '统一话术：您好，这里是信用卡中心', '统一话术：您好，这里是信用卡中心！');
		const result = findRepeatedScripts(texts, 0.9, 3);
		expect(result.scripts).toBe(1);
		expect(result.repeated.slice(-3)).toEqual([true, true, true]);
		expect(result.repeated.filter(Boolean)).toHaveLength(3);
		// Every pair would be 2,001,000 comparisons.
		expect(result.comparisons).toBeLessThan(20_000);
	});
});

describe('the score', () => {
	it('follows the curves', () => {
		const curve = [
			{ at: 0, score: 100 },
			{ at: 10, score: 100 },
			{ at: 30, score: 80 },
		];
		expect(curveScore(curve, 20)).toBe(90);
		expect(curveScore(curve, 99)).toBe(80);
		expect(curveScore(curve, -1)).toBe(100);
	});

	it('scores the good session: speed 95.13, attitude 91, quality 96.25 → QA 4.79; with a 5-star rating 4.83, five stars', () => {
		const score = scoreSession(measure(goodSession).metrics, 5, model);
		expect(score.indicators).toMatchObject({ firstResponseSeconds: 90, avgResponseSeconds: 93.75, maxResponseSeconds: 100, missedFollowUp: 100, perfunctoryMessages: 70, qualityReplies: 85 });
		expect(score.dimensions.speed).toBeCloseTo(95.13, 1); // .3×93.75 + .3×90 + .3×100 + .1×100
		expect(score.dimensions.attitude).toBe(91); // .5×100 + .3×70 + .2×100
		expect(score.dimensions.quality).toBe(96.25); // .25×(100 + 100 + 100 + 85)
		expect(score.qa100).toBeCloseTo(94.75, 2); // .4×95.125 + .2×91 + .4×96.25
		expect(score.qa).toBe(4.79); // 1 + 4 × .9475
		expect(score.total).toBe(4.83); // .2×5 + .8×4.79
		expect(score.stars).toBe(5);
		expect(scoreSession(measure(goodSession).metrics, null, model)).toMatchObject({ total: 4.79, rating: null });
	});

	it('scores the poor session: QA 3.24; with a 2-star rating 2.99, two stars', () => {
		const score = scoreSession(measure(poorSession).metrics, 2, model);
		expect(score.indicators).toMatchObject({ firstResponseSeconds: 25, avgResponseSeconds: 84.25, maxResponseSeconds: 80, missedFollowUp: 0, rudeMessages: 0, customerThanked: 60, repeatedScripts: 50, contactRequests: 40, offTopicReplies: 60, qualityReplies: 100 });
		expect(score.dimensions).toEqual({ speed: 56.78, attitude: 42, quality: 62.5 });
		expect(score.qa100).toBeCloseTo(56.11, 2);
		expect(score.qa).toBe(3.24);
		expect(score.total).toBe(2.99);
		expect(score.stars).toBe(2);
	});
});

describe('the scoring model as data', () => {
	it('ships a valid standard model with the document’s weights', () => {
		expect(validateQualityModel(model)).toEqual([]);
		expect(model.totalWeights).toEqual({ rating: 0.2, qa: 0.8 });
		expect([model.dimensions.speed.weight, model.dimensions.attitude.weight, model.dimensions.quality.weight]).toEqual([0.4, 0.2, 0.4]);
		expect(model.dimensions.speed.indicators).toEqual({ avgResponseSeconds: 0.3, firstResponseSeconds: 0.3, maxResponseSeconds: 0.3, missedFollowUp: 0.1 });
	});

	it('names the field of a bad model', () => {
		const bad = structuredClone(model);
		bad.dimensions.speed.indicators.missedFollowUp = 0.2;
		expect(validateQualityModel(bad)).toEqual([expect.objectContaining({ path: 'dimensions.speed.indicators', message: expect.stringContaining('1.1') })]);
		expect(validateQualityModel({ ...model, extra: 1 })).toEqual([expect.objectContaining({ path: 'extra' })]);
		const unordered = structuredClone(model);
		unordered.curves.rudeMessages = [
			{ at: 1, score: 0 },
			{ at: 0, score: 100 },
		];
		expect(validateQualityModel(unordered)).toEqual([expect.objectContaining({ path: 'curves.rudeMessages[1].at' })]);
	});

	it('adds the model’s own words to the shipped lists', () => {
		const extended = wordLists({ words: { quality: ['理财规划'] } });
		expect(extended.quality).toContain('理财规划');
		expect(extended.quality).toContain('年化利率');
		expect(measureSession([c('10:00:00', '想理财'), a('10:00:03', '可以做个理财规划')], extended, model).metrics.qualityReplies).toBe(1);
	});
});
