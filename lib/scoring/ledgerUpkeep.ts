import type { Queryable } from '../store';
import { decayFactorsByDay, decayHorizonDays } from './decay';
import type { ScoringModel } from './ScoringModel';
import { addDays } from '../calendar';

/**
 * Brings every behaviour entry to its worth on `scoredOn` (decay), drops those worth nothing
 * any more (older than the decay horizon), and writes one cap entry per lead and group whose
 * sum exceeds the group's cap: `cap − sum`, so the group adds up to the cap and the ledger
 * still adds up to the score.
 */
export async function decayAndCap(tx: Queryable, model: ScoringModel, scoredOn: string): Promise<void> {
	await tx.query(`DELETE FROM lead_score_entries WHERE source = 'cap'`);
	await tx.query(`DELETE FROM lead_score_entries WHERE part = 'dynamic' AND day <= $1::date`, [addDays(scoredOn, -decayHorizonDays(model.decay))]);
	const { days, factors } = decayFactorsByDay(model.decay, scoredOn);
	await tx.query(
		`UPDATE lead_score_entries e SET points = round(e.base_points * f.factor, 2)
		 FROM unnest($1::date[], $2::numeric[]) AS f(day, factor)
		 WHERE e.part = 'dynamic' AND e.day = f.day AND e.points <> round(e.base_points * f.factor, 2)`,
		[days, factors],
	);

	const caps = Object.entries(model.caps ?? {});
	if (caps.length === 0) return;
	await tx.query(
		`INSERT INTO lead_score_entries (lead_id, entry_key, part, score_group, source, day, base_points, points, detail)
		 SELECT e.lead_id, 'cap:' || e.score_group, min(e.part), e.score_group, 'cap', $1::date, 0, c.cap - sum(e.points),
			jsonb_build_object('cap', c.cap, 'before', sum(e.points))
		 FROM lead_score_entries e JOIN unnest($2::text[], $3::numeric[]) AS c(score_group, cap) ON c.score_group = e.score_group
		 GROUP BY e.lead_id, e.score_group, c.cap
		 HAVING sum(e.points) > c.cap`,
		[scoredOn, caps.map(([group]) => group), caps.map(([, cap]) => cap)],
	);
}
