import { clearDay, gridFromPolicy, gridToPolicy, inRectangle, letterHours, paintRectangle } from '../../console/src/model/weeklyGrid';

const WORKDAY = 'llllllllmhhhshhhhhmmllll';

describe('the weekly push grid', () => {
	it('reads the policy strings and writes them back unchanged', () => {
		const policyGrid = { mon: WORKDAY, tue: WORKDAY, sat: 'ssssssssssmmsmmmmmllllll' };
		const grid = gridFromPolicy(policyGrid);
		expect(grid).toHaveLength(7);
		expect(grid[2]).toBeNull();
		expect(grid[0]?.join('')).toBe(WORKDAY);
		expect(gridToPolicy(grid)).toEqual(policyGrid);
	});

	it('leaves out a grid without painted days', () => {
		expect(gridToPolicy(gridFromPolicy(undefined))).toBeUndefined();
	});

	it('paints the rectangle a drag covers, whichever way the drag went', () => {
		const grid = gridFromPolicy({ mon: WORKDAY, tue: WORKDAY, wed: WORKDAY });
		const painted = paintRectangle(grid, { day: 2, hour: 14 }, { day: 0, hour: 12 }, 's');
		for (const day of [0, 1, 2]) expect(painted[day]?.slice(12, 15).join('')).toBe('sss');
		expect(painted[0]?.[11]).toBe('h');
		expect(painted[0]?.[15]).toBe('h');
		expect(grid[0]?.[13]).toBe('h');
	});

	it('paints one cell on a click', () => {
		const painted = paintRectangle(gridFromPolicy({ mon: WORKDAY }), { day: 0, hour: 3 }, { day: 0, hour: 3 }, 'm');
		expect(painted[0]?.join('')).toBe('lllmllllmhhhshhhhhmmllll');
	});

	it('starts a default day from the high level when it is painted', () => {
		const painted = paintRectangle(gridFromPolicy({}), { day: 6, hour: 0 }, { day: 6, hour: 5 }, 's');
		expect(painted[6]?.join('')).toBe('ssssss' + 'h'.repeat(18));
		expect(painted[5]).toBeNull();
		expect(gridToPolicy(painted)).toEqual({ sun: 'ssssss' + 'h'.repeat(18) });
	});

	it('gives a day back to the default and counts hours per level', () => {
		const grid = clearDay(gridFromPolicy({ mon: WORKDAY, tue: WORKDAY }), 1);
		expect(grid[1]).toBeNull();
		expect(letterHours(grid)).toEqual({ h: 8, m: 3, l: 12, s: 1, default: 144 });
		expect(inRectangle({ day: 1, hour: 5 }, { day: 2, hour: 6 }, { day: 0, hour: 4 })).toBe(true);
		expect(inRectangle({ day: 3, hour: 5 }, { day: 2, hour: 6 }, { day: 0, hour: 4 })).toBe(false);
	});
});
