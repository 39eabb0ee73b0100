import type { Queryable } from '../store';
import type { Channel } from './channels';

/** contact_preferences keys a lead's opt-out by: the keyed hash of its phone, and its lead id. */
export function leadSubject(leadId: string): string {
	return `lead:${leadId}`;
}

export function optOutSubjects(leadId: string | null, phoneHash: string | null): string[] {
	return [phoneHash, leadId ? leadSubject(leadId) : null].filter((s): s is string => Boolean(s));
}

/** The channels each subject refused ('all' for every channel). */
export type OptOuts = Map<string, Set<Channel | 'all'>>;

export async function loadOptOuts(db: Queryable, subjects: readonly string[]): Promise<OptOuts> {
	const optOuts: OptOuts = new Map();
	if (subjects.length === 0) return optOuts;
	const result = await db.query<{ subject_hash: string; channel: Channel | 'all' }>(
		'SELECT subject_hash, channel FROM contact_preferences WHERE opted_out AND subject_hash = ANY($1::text[])',
		[[...new Set(subjects)]],
	);
	for (const row of result.rows) {
		let channels = optOuts.get(row.subject_hash);
		if (!channels) optOuts.set(row.subject_hash, (channels = new Set()));
		channels.add(row.channel);
	}
	return optOuts;
}

/** The refusal that covers this channel for any of the subjects: the channel itself or 'all'. */
export function refusalFor(optOuts: OptOuts, subjects: readonly string[], channel: Channel): Channel | 'all' | undefined {
	for (const subject of subjects) {
		const channels = optOuts.get(subject);
		if (channels?.has('all')) return 'all';
		if (channels?.has(channel)) return channel;
	}
	return undefined;
}

export interface ContactPreference {
	subjectHash: string;
	channel: Channel | 'all';
	optedOut: boolean;
	reason?: string;
	source?: string;
}

/** Records (or withdraws) a refusal; the latest word for a subject and channel wins. */
export async function recordContactPreference(db: Queryable, preference: ContactPreference): Promise<void> {
	await db.query(
		`INSERT INTO contact_preferences (subject_hash, channel, opted_out, reason, source)
		 VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT (subject_hash, channel)
		 DO UPDATE SET opted_out = EXCLUDED.opted_out, reason = EXCLUDED.reason, source = EXCLUDED.source, updated_at = now()`,
		[preference.subjectHash, preference.channel, preference.optedOut, preference.reason ?? null, preference.source ?? null],
	);
}
