import { DomainError } from '../errors';
import { parseMobilePhone } from '../identity';
import { keyedHash, maskPhone, type PrivacyKeys } from '../privacy';
import type { Queryable } from '../store';
import { leadSubject, recordContactPreference } from './optOuts';
import { CHANNELS, type Channel } from './channels';

/** An opt-out as staff see it: who (a lead id, or a masked phone), which channel, why, from where. */
export interface OptOutEntry {
	kind: 'lead' | 'phone';
	/** The lead id, or the phone masked (a phone no lead holds any more shows as 已加密). */
	subject: string;
	channel: Channel | 'all';
	reason: string | null;
	source: string | null;
	updatedAt: string;
}

export class OptOutError extends DomainError {
	constructor(message: string, field: string, code: 'invalid' | 'notFound' = 'invalid') {
		super(code, message, field);
	}
}

const LEAD_PREFIX = leadSubject('');

/**
 * Current opt-outs, newest first. `search` finds a lead id (part of it) or a phone number
 * (the whole number: phones are kept only as keyed hashes).
 */
export async function listOptOuts(
	db: Queryable,
	keys: PrivacyKeys,
	{ search, limit, offset = 0 }: { search?: string; limit: number; offset?: number },
): Promise<{ total: number; rows: OptOutEntry[] }> {
	const params: unknown[] = [];
	let where = 'WHERE c.opted_out';
	if (search) {
		const phone = parseMobilePhone(search, { rejectFake: false });
		params.push(phone.ok ? keyedHash(keys.hashKey, phone.value) : `${LEAD_PREFIX}%${search.replace(/[\\%_]/g, '\\$&')}%`);
		where += phone.ok ? ` AND c.subject_hash = $1` : ` AND c.subject_hash LIKE $1`;
	}
	const total = await db.query<{ n: string }>(`SELECT count(*) AS n FROM contact_preferences c ${where}`, params);
	params.push(limit, offset);
	const result = await db.query<{
		subject_hash: string;
		channel: Channel | 'all';
		reason: string | null;
		source: string | null;
		updated_at: Date;
		phone_masked: string | null;
	}>(
		`SELECT c.subject_hash, c.channel, c.reason, c.source, c.updated_at,
			(SELECT l.phone_masked FROM leads l WHERE l.phone_hash = c.subject_hash LIMIT 1) AS phone_masked
		 FROM contact_preferences c ${where}
		 ORDER BY c.updated_at DESC, c.subject_hash, c.channel
		 LIMIT $${params.length - 1} OFFSET $${params.length}`,
		params,
	);
	return {
		total: Number(total.rows[0]?.n ?? 0),
		rows: result.rows.map((row) => {
			const isLead = row.subject_hash.startsWith(LEAD_PREFIX);
			return {
				kind: isLead ? 'lead' : 'phone',
				subject: isLead ? row.subject_hash.slice(LEAD_PREFIX.length) : (row.phone_masked ?? '（号码已加密）'),
				channel: row.channel,
				reason: row.reason,
				source: row.source,
				updatedAt: new Date(row.updated_at).toISOString(),
			};
		}),
	};
}

/**
 * Registers a refusal a person took down (a call, a letter, the counter): for a lead, its
 * lead id and its phone; for a phone number, that number wherever it appears.
 */
export async function registerOptOut(
	db: Queryable,
	keys: PrivacyKeys,
	request: { leadId?: string; phone?: string; channel: string; reason?: string; source: string },
): Promise<OptOutEntry[]> {
	const channel = request.channel as Channel | 'all';
	if (channel !== 'all' && !(CHANNELS as readonly string[]).includes(channel)) {
		throw new OptOutError(`渠道“${request.channel}”应为 sms、call 或 all`, 'channel');
	}
	const subjects: Array<{ hash: string; kind: OptOutEntry['kind']; shown: string }> = [];
	if (request.leadId) {
		const lead = await db.query<{ phone_hash: string | null; phone_masked: string | null }>(
			'SELECT phone_hash, phone_masked FROM leads WHERE lead_id = $1',
			[request.leadId],
		);
		const found = lead.rows[0];
		if (!found) throw new OptOutError(`线索 ${request.leadId} 不存在`, 'leadId', 'notFound');
		subjects.push({ hash: leadSubject(request.leadId), kind: 'lead', shown: request.leadId });
		if (found.phone_hash) subjects.push({ hash: found.phone_hash, kind: 'phone', shown: found.phone_masked ?? '' });
	}
	if (request.phone) {
		const phone = parseMobilePhone(request.phone, { rejectFake: false });
		if (!phone.ok) throw new OptOutError(`手机号格式错误：${phone.reason}`, 'phone');
		const hash = keyedHash(keys.hashKey, phone.value);
		if (!subjects.some((s) => s.hash === hash)) subjects.push({ hash, kind: 'phone', shown: maskPhone(phone.value) });
	}
	if (subjects.length === 0) throw new OptOutError('请填写线索编号或手机号', 'leadId');
	const updatedAt = new Date().toISOString();
	for (const subject of subjects) {
		await recordContactPreference(db, { subjectHash: subject.hash, channel, optedOut: true, reason: request.reason, source: request.source });
	}
	return subjects.map((s) => ({ kind: s.kind, subject: s.shown, channel, reason: request.reason ?? null, source: request.source, updatedAt }));
}
