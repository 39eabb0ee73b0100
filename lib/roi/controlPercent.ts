/**
 * What a control share (对照组比例) may be: a percent of a rule's or a grade's hits held out,
 * 0–50 (the schemas' bounds). Pure, no imports: the console checks its inputs with it.
 */

/** The largest share of a rule's hits that may be held out. */
export const MAX_CONTROL_PERCENT = 50;

/** Why a value cannot be a control share (Chinese first), or null when it can; empty (undefined / null) is 0, none held out. */
export function controlPercentProblem(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'number' || !Number.isFinite(value)) return '对照组比例应为数字 (a number)';
	if (value < 0 || value > MAX_CONTROL_PERCENT) return `对照组比例应在 0–${MAX_CONTROL_PERCENT}% 之间 (0–${MAX_CONTROL_PERCENT} %)`;
	return null;
}
