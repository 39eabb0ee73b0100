import type { FileRecord } from '../../files';
import { FIELD_LABELS, type RatingField } from './qualityFields';
import { LIMITS, REASONS, type QualityRowReject } from './QualityRowReject';
import type { TimeReader } from './TimeReader';

export interface RatingRow {
	row: number;
	sessionId: string;
	rating: number;
	ratedAt: number;
	comment: string | null;
}

/** A customer's rating of a session (1–5), or why the row is rejected. */
export function ratingRow(
	record: FileRecord,
	context: { headers: Record<RatingField, string | undefined>; times: TimeReader; now: number },
): RatingRow | QualityRowReject {
	const cell = (field: RatingField) => {
		const header = context.headers[field];
		return header === undefined ? '' : (record.values[header] ?? '').trim();
	};
	const sessionId = cell('sessionId');
	const reject = (field: RatingField | 'row', reason: string): QualityRowReject => ({ row: record.row, field, reason: `${FIELD_LABELS[field]}: ${reason}`, sessionId: sessionId || undefined });
	if (record.shapeProblem) return reject('row', record.shapeProblem);
	if (!sessionId) return reject('sessionId', REASONS.required);
	if (sessionId.length > LIMITS.idCharacters) return reject('sessionId', REASONS.tooLong(LIMITS.idCharacters));
	const ratingText = cell('rating');
	if (!ratingText) return reject('rating', REASONS.required);
	const rating = Number(ratingText);
	if (!Number.isInteger(rating) || rating < 1 || rating > 5) return reject('rating', `${REASONS.rating}，收到 "${ratingText.slice(0, 20)}"`);
	const ratedAtText = cell('ratedAt');
	if (!ratedAtText) return reject('ratedAt', REASONS.required);
	const ratedAt = context.times.read(ratedAtText);
	if (ratedAt === undefined) return reject('ratedAt', REASONS.time);
	if (ratedAt > context.now + LIMITS.futureToleranceMs) return reject('ratedAt', REASONS.future);
	const comment = cell('comment');
	if (comment.includes('\uFFFD')) return reject('comment', REASONS.undecodable);
	if (comment.length > LIMITS.commentCharacters) return reject('comment', REASONS.tooLong(LIMITS.commentCharacters));
	return { row: record.row, sessionId, rating, ratedAt, comment: comment || null };
}
