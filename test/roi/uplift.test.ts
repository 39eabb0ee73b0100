import { newcombeInterval, uplift, wilsonInterval } from '../../lib/roi';

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

describe('uplift statistics', () => {
	it('gives Newcombe’s (1998) published hybrid score intervals', () => {
		// Newcombe, Statistics in Medicine 17:873–890, table II, method 10.
		const a = newcombeInterval(56, 70, 48, 80);
		expect([round4(a.low), round4(a.high)]).toEqual([0.0524, 0.3339]);
		const b = newcombeInterval(9, 10, 3, 10);
		expect([round4(b.low), round4(b.high)]).toEqual([0.1705, 0.809]);
		const c = newcombeInterval(5, 56, 0, 29);
		expect([round4(c.low), round4(c.high)]).toEqual([-0.0381, 0.1926]);
	});

	it('keeps Wilson’s interval inside [0, 1] at the edges', () => {
		expect(wilsonInterval(0, 20)).toEqual({ low: 0, high: expect.closeTo(0.1611, 4) });
		expect(wilsonInterval(20, 20).high).toBe(1);
	});

	it('says how many hits are still needed at the current rates', () => {
		const result = uplift({ treated: 100, treatedConverted: 10, control: 100, controlConverted: 5, controlShare: 0.5 });
		expect(result).toMatchObject({ verdict: 'notYet', treatedRate: 0.1, controlRate: 0.05, warning: null });
		expect(result.uplift).toBeCloseTo(0.05, 10);
		// N = z²·(0.1·0.9/0.5 + 0.05·0.95/0.5) / 0.05² = 422.6 → 423 in all, 200 there.
		expect(result.hitsStillNeeded).toBe(223);
		expect(result.interval!.low).toBeLessThan(0);
	});

	it('is significant when the interval leaves 0, and then needs no more hits', () => {
		expect(uplift({ treated: 4000, treatedConverted: 400, control: 1000, controlConverted: 50, controlShare: 0.2 })).toMatchObject({
			verdict: 'significant',
			hitsStillNeeded: 0,
		});
	});

	it('warns without a control group, and when the share is too small to ever tell', () => {
		expect(uplift({ treated: 500, treatedConverted: 50, control: 0, controlConverted: 0, controlShare: 0 })).toMatchObject({
			verdict: 'noControl',
			uplift: null,
			warning: expect.stringContaining('未设置对照组'),
		});
		// 0.5 % held out, rates 5.2 % vs 4 %: about 200 000 more hits, 27 years at 20 hits a day.
		const tiny = uplift({ treated: 9950, treatedConverted: 517, control: 50, controlConverted: 2, controlShare: 0.005, hitsPerDay: 20 });
		expect(tiny).toMatchObject({ verdict: 'tooSmallToTell', warning: expect.stringContaining('对照组比例 0.5% 过小') });
		expect(tiny.hitsStillNeeded).toBeGreaterThan(3 * 365 * 20);
		// Equal rates: no number of hits makes it significant.
		expect(uplift({ treated: 800, treatedConverted: 40, control: 200, controlConverted: 10, controlShare: 0.2 })).toMatchObject({
			verdict: 'tooSmallToTell',
			hitsStillNeeded: null,
		});
	});
});
