import { addDays } from '../calendar';
import type { Queryable } from '../store';
import { decayHorizonDays } from './decay';
import { expireEventEntries } from './eventEntries';
import { recordingDelete } from './ledgerChanges';
import type { ScoringModel } from './ScoringModel';

/**
 * Drops the behaviour entries that leave the decay horizon by `scoredOn` (outside the window,
 * or older than ten half-lives: worth 0 from now on) and takes them off their leads' totals.
 * Only the entries that leave are read (by their day; event rows by their first day), and an
 * event row holding one is written again without it (eventEntries); no other entry is touched:
 * decay itself is the run's one scale factor (forward decay), and caps apply on read.
 */
export async function expireEntries(tx: Queryable, model: ScoringModel, scoredOn: string): Promise<void> {
	const cutoff = addDays(scoredOn, -decayHorizonDays(model.decay));
	await tx.query(recordingDelete(`DELETE FROM lead_score_entries e WHERE e.part = 'dynamic' AND e.day <= $1::date`), [cutoff]);
	await expireEventEntries(tx, cutoff);
}
