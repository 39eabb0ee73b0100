import type { Queryable } from '../store';
import { leadScore, type LeadScore } from './leadScores';
import type { Grade, ScoringModel } from './ScoringModel';
import { ScoringError } from './ScoringError';

/** One ledger entry as staff read it: where the points come from and what they are worth as of the latest run. */
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

/**
 * A lead's ledger as of the latest run. Each entry's worth is computed on read: its forward
 * points × the run's decay scale (profile entries do not decay). Rounded to cents one by one,
 * a group's entries could miss its total by a cent or two, so they are rounded down and the
 * cents left of the group's total (as lead_scores rounds it) go to the entries with the
 * largest remainders: the shown entries add up exactly to the score shown. A group over its
 * cap gets one more entry, `cap − total` (封顶调整), dated the run's day. An event entry's
 * detail (class, events, counted, points each) comes from its key's class number and the
 * run's event classes: the ledger stores only the day's count.
 */
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
		`WITH run AS (
			SELECT scored_on, decay_scale, cap_profile, cap_events, cap_hits, cap_outcomes, event_classes FROM score_runs ORDER BY scored_on DESC LIMIT 1
		 ), worth AS (
			SELECT e.entry_key, e.part, e.score_group, e.source, e.day, e.base_points, s.scale,
				CASE WHEN e.events IS NULL THEN e.detail ELSE (
					SELECT jsonb_build_object('class', c.class ->> 'class', 'events', e.events,
						'counted', least(e.events, coalesce((c.class ->> 'maxPerDay')::int, e.events)), 'pointsEach', c.class -> 'points')
					FROM jsonb_array_elements(run.event_classes) WITH ORDINALITY AS c(class, class_no)
					WHERE c.class_no = split_part(e.entry_key, ':', 3)::int
				) END AS detail,
				round(e.points * s.scale, 8) * 100 AS cents,
				lead_score_group_points(sum(e.points) OVER (PARTITION BY e.score_group), s.scale, NULL) AS group_points
			FROM lead_score_ledger e CROSS JOIN run
			CROSS JOIN LATERAL (SELECT CASE WHEN e.part = 'static' THEN 1 ELSE run.decay_scale END AS scale) AS s
			WHERE e.lead_id = $1
		 ), ranked AS (
			SELECT w.*, floor(w.cents) AS floor_cents,
				row_number() OVER (PARTITION BY w.score_group ORDER BY w.cents - floor(w.cents) DESC, w.entry_key) AS place,
				w.group_points * 100 - sum(floor(w.cents)) OVER (PARTITION BY w.score_group) AS spare
			FROM worth w
		 ), shown AS (
			SELECT entry_key, part, score_group, source, day, base_points,
				(floor_cents + CASE WHEN place <= spare THEN 1 ELSE 0 END) / 100 AS points, detail
			FROM ranked
			UNION ALL
			SELECT 'cap:' || g.score_group, g.part, g.score_group, 'cap', run.scored_on, 0, c.cap - g.group_points,
				jsonb_build_object('cap', c.cap, 'before', g.group_points)
			FROM (SELECT DISTINCT score_group, part, group_points FROM worth) AS g
			CROSS JOIN run
			JOIN LATERAL (VALUES ('profile', run.cap_profile), ('events', run.cap_events), ('hits', run.cap_hits), ('outcomes', run.cap_outcomes))
				AS c(score_group, cap) ON c.score_group = g.score_group
			WHERE g.group_points > c.cap
		 )
		 SELECT entry_key, part, score_group, source, to_char(day, 'YYYY-MM-DD') AS day, base_points, round(points, 2)::text AS points, detail
		 FROM shown
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
