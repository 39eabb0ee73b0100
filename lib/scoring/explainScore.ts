import type { Queryable } from '../store';
import { leadScore, type LeadScore } from './leadScores';
import type { Grade, ScoringModel } from './ScoringModel';
import { ScoringError } from './ScoringError';

/** One ledger entry as staff read it: where the points come from and what they are worth now. */
export interface ScoreEntry {
	key: string;
	part: 'static' | 'dynamic';
	group: string;
	source: string;
	day: string;
	basePoints: number;
	points: number;
	detail: Record<string, unknown>;
}

export interface ScoreExplanation extends LeadScore {
	suggestion: string;
	/** Sum of `entries[].points`: always equal to `score`. */
	entriesTotal: number;
	entries: ScoreEntry[];
}

/** A lead's score with its ledger, newest entries first, and the 跟进建议 of its grade. */
export async function explainScore(db: Queryable, model: ScoringModel, leadId: string): Promise<ScoreExplanation> {
	const score = await leadScore(db, leadId);
	if (!score) throw new ScoringError('leadId', `线索 ${leadId} 尚无评分（不存在或尚未评分） (lead ${leadId} has no score yet)`, 'leadNotScored');
	const entries = await scoreEntries(db, leadId);
	const entriesTotal = entries.reduce((sum, entry) => sum + Math.round(entry.points * 100), 0) / 100;
	return { ...score, suggestion: model.suggestions[score.grade as Grade] ?? '', entriesTotal, entries };
}

export async function scoreEntries(db: Queryable, leadId: string): Promise<ScoreEntry[]> {
	const result = await db.query<{
		entry_key: string;
		part: 'static' | 'dynamic';
		score_group: string;
		source: string;
		day: string;
		base_points: string;
		points: string;
		detail: Record<string, unknown>;
	}>(
		`SELECT entry_key, part, score_group, source, to_char(day, 'YYYY-MM-DD') AS day, base_points, points, detail
		 FROM lead_score_entries WHERE lead_id = $1
		 ORDER BY (source = 'cap'), day DESC, part, entry_key`,
		[leadId],
	);
	return result.rows.map((row) => ({
		key: row.entry_key,
		part: row.part,
		group: row.score_group,
		source: row.source,
		day: row.day,
		basePoints: Number(row.base_points),
		points: Number(row.points),
		detail: row.detail,
	}));
}
