/**
 * The weekly 7 × 24 grid of the contact policy (频率策略可视化), as the screen paints it.
 * The policy keeps it as one 24-letter string per weekday (`h` 高频, `m` 中频, `l` 低频,
 * `s` 静默; rules/schema/policy.schema.json); a weekday left out follows the default
 * interval all day, shown here as a row of nulls.
 */
import { WEEKDAYS, type Weekday } from '../../../lib/push/policy/ContactPolicy';

export const GRID_LETTERS = ['h', 'm', 'l', 's'] as const;
export type GridLetter = (typeof GRID_LETTERS)[number];

/** One row per weekday, Monday first; 24 cells per row, or null for a weekday the policy leaves to the default. */
export type WeekGrid = Array<GridLetter[] | null>;

export interface GridCell {
	day: number;
	hour: number;
}

export function gridFromPolicy(grid: Partial<Record<Weekday, string>> | undefined): WeekGrid {
	return WEEKDAYS.map((day) => {
		const row = grid?.[day];
		return row && /^[hmls]{24}$/.test(row) ? ([...row] as GridLetter[]) : null;
	});
}

export function gridToPolicy(grid: WeekGrid): Partial<Record<Weekday, string>> | undefined {
	const out: Partial<Record<Weekday, string>> = {};
	grid.forEach((row, index) => {
		if (row) out[WEEKDAYS[index]] = row.join('');
	});
	return Object.keys(out).length ? out : undefined;
}

/**
 * Paints the rectangle between two cells (both included) with one level, as a click (the
 * same cell twice) or a drag from `anchor` to `corner` does. A weekday that followed the
 * default starts from 高频 (the default interval is the high level's unless the policy says
 * otherwise) before the stroke is applied.
 */
export function paintRectangle(grid: WeekGrid, anchor: GridCell, corner: GridCell, letter: GridLetter): WeekGrid {
	const [dayFrom, dayTo] = ordered(anchor.day, corner.day);
	const [hourFrom, hourTo] = ordered(anchor.hour, corner.hour);
	return grid.map((row, day) => {
		if (day < dayFrom || day > dayTo) return row;
		const painted: GridLetter[] = row ? [...row] : Array<GridLetter>(24).fill('h');
		for (let hour = hourFrom; hour <= hourTo; hour++) painted[hour] = letter;
		return painted;
	});
}

/** Gives a weekday back to the default interval. */
export function clearDay(grid: WeekGrid, day: number): WeekGrid {
	return grid.map((row, index) => (index === day ? null : row));
}

export function inRectangle(cell: GridCell, anchor: GridCell, corner: GridCell): boolean {
	const [dayFrom, dayTo] = ordered(anchor.day, corner.day);
	const [hourFrom, hourTo] = ordered(anchor.hour, corner.hour);
	return cell.day >= dayFrom && cell.day <= dayTo && cell.hour >= hourFrom && cell.hour <= hourTo;
}

/** Hours per level across the week (default days counted apart), for the legend. */
export function letterHours(grid: WeekGrid): Record<GridLetter | 'default', number> {
	const counts: Record<GridLetter | 'default', number> = { h: 0, m: 0, l: 0, s: 0, default: 0 };
	for (const row of grid) {
		if (!row) counts.default += 24;
		else for (const letter of row) counts[letter]++;
	}
	return counts;
}

function ordered(a: number, b: number): [number, number] {
	return a <= b ? [a, b] : [b, a];
}
