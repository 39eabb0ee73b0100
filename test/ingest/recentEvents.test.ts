import { DUPLICATE, FIRST_SEEN, InFileDuplicates, RecentEvents, UNCERTAIN } from '../../lib/ingest/dedup/RecentEvents';
import { maskExcerpt } from '../../lib/ingest/maskExcerpt';

const MINUTE = 60_000_000;

describe('RecentEvents', () => {
	it('finds a repeat among recent events and lets the database judge late arrivals', () => {
		const recent = new RecentEvents(10 * MINUTE);
		expect(recent.classify(100 * MINUTE, 1, 2, 3)).toBe(FIRST_SEEN);
		expect(recent.classify(100 * MINUTE, 1, 2, 3)).toBe(DUPLICATE);
		expect(recent.classify(100 * MINUTE, 1, 2, 5)).toBe(UNCERTAIN);
		expect(recent.classify(105 * MINUTE, 9, 9, 9)).toBe(FIRST_SEEN);
		expect(recent.classify(100 * MINUTE, 1, 2, 3)).toBe(DUPLICATE);
		expect(recent.classify(120 * MINUTE, 7, 7, 7)).toBe(FIRST_SEEN);
		expect(recent.classify(100 * MINUTE, 1, 2, 3)).toBe(UNCERTAIN);
	});

	it('keeps the twin of a row that clashed uncertain after the generation turns, though it is later than all stored', () => {
		const recent = new RecentEvents(10 * MINUTE);
		expect(recent.classify(100 * MINUTE, 1, 2, 3)).toBe(FIRST_SEEN);
		expect(recent.classify(101 * MINUTE, 5, 6, 7)).toBe(FIRST_SEEN);
		expect(recent.classify(102 * MINUTE, 5, 6, 8)).toBe(UNCERTAIN); // same a and b, other c: not stored
		expect(recent.classify(111 * MINUTE, 9, 9, 9)).toBe(FIRST_SEEN); // the generation turns
		expect(recent.classify(102 * MINUTE, 5, 6, 8)).toBe(UNCERTAIN);
		expect(recent.classify(101 * MINUTE, 5, 6, 7)).toBe(DUPLICATE);
	});

	it('remembers every event within the window however the generations turn', () => {
		const recent = new RecentEvents(10 * MINUTE);
		const seen: Array<[number, number]> = [];
		for (let i = 0; i < 20_000; i++) {
			const time = i * 6_000_000 + (i % 7) * 1_000_000; // 6 s apart, a little out of order
			expect(recent.classify(time, i, i * 7, i * 13)).toBe(FIRST_SEEN);
			seen.push([time, i]);
			const [pastTime, past] = seen[Math.max(0, i - 90)];
			expect(recent.classify(pastTime, past, past * 7, past * 13)).toBe(DUPLICATE);
		}
	});

	it('keeps memory bounded under one cap across institutions, sending what it forgot to the database', () => {
		const duplicates = new InFileDuplicates(10 * MINUTE, 10_000);
		for (let i = 0; i < 50_000; i++) duplicates.classify(i % 4, 1000 * MINUTE, i, i, i);
		const verdicts = Array.from({ length: 200 }, (_, i) => duplicates.classify(i % 4, 1000 * MINUTE, i, i, i));
		expect(verdicts.every((verdict) => verdict !== FIRST_SEEN)).toBe(true);
		expect(verdicts).toContain(UNCERTAIN);
	});
});

describe('maskExcerpt', () => {
	it('masks ID numbers, phones and other long digit runs, and shows line breaks', () => {
		expect(maskExcerpt('11010519491231002X,杭州分行,13812348899,20251222103015\nnext')).toBe(
			'110105********002X,杭州分行,138****8899,20**********15⏎next',
		);
		expect(maskExcerpt('１１０１０５１９４９１２３１００２Ｘ')).not.toMatch(/１９４９１２３１/);
		expect(maskExcerpt('x'.repeat(300))).toHaveLength(201);
	});
});
