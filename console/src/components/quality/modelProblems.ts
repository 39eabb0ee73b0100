/**
 * The scoring model's problems as the server names them (`totalWeights`, `dimensions.speed.indicators.rudeMessages`,
 * `curves.avgResponseSeconds[1].at`, `words.rude[0]`): each field of the editor shows the ones about it, in place.
 */
import type { ApiError } from '../../../../lib/console/api/contract';
import { errorIsAt } from '../../model/fieldErrors';

export type ModelProblems = ApiError | null;

/** Every problem of a failed save: its list, or the error itself when it names only one. */
export function problemList(error: ModelProblems): Array<{ field: string; message: string }> {
	if (!error) return [];
	if (error.problems?.length) return error.problems.map(({ field, message }) => ({ field, message }));
	return [{ field: error.field ?? '', message: error.message }];
}

/** The messages about `field` (exactly, or also about anything inside it), joined; '' when none. */
export function problemsAt(error: ModelProblems, field: string, { inside = true } = {}): string {
	return problemList(error)
		.filter((problem) => (inside ? errorIsAt(problem.field, field) : problem.field === field))
		.map((problem) => problem.message)
		.join('；');
}

/** A reader of the problems for one field, for components that show many. */
export type ProblemsAt = (field: string, options?: { inside?: boolean }) => string;
