import { scoreLeads, type ScoreLeadsSummary, type ScoringModel } from '../scoring';
import type { Store } from '../store';
import { assignMatureLeads, type AssignSummary } from './assignMatureLeads';
import { reassignFromDeactivated } from './changeOwner';
import { alertNewGradeA } from './gradeAAlerts';

export interface ScoreAndAssignSummary {
	scoring: ScoreLeadsSummary;
	reassigned: { reassigned: number; waiting: number };
	assignment: AssignSummary;
	gradeAAlerts: number;
}

/**
 * The daily run after the monitor: score every lead for the day, move the leads of owners who
 * left, assign the leads that reached the 及格线, and alert owners of new grade-A leads. Each
 * step is idempotent, so a second run of the same day adds nothing.
 */
export async function scoreAndAssign(
	store: Store,
	model: ScoringModel,
	options: { scoredOn: string; modelVersion: number | null; timeZone?: string; actor?: string },
): Promise<ScoreAndAssignSummary> {
	const scoring = await scoreLeads(store, model, options);
	const reassigned = await reassignFromDeactivated(store, { day: options.scoredOn, actor: options.actor });
	const assignment = await assignMatureLeads(store, { day: options.scoredOn, actor: options.actor });
	const gradeAAlerts = await alertNewGradeA(store, options.scoredOn);
	return { scoring, reassigned, assignment, gradeAAlerts };
}
