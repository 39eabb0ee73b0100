import { idCheckChar } from '../../lib/identity';
import type { PrivacyKeys } from '../../lib/privacy';
import { protectPersonalFields } from '../../lib/roster';
import type { Queryable } from '../../lib/store';
import { testKeys } from '../setup/testStores';

/** A valid 18-digit ID number, different for every i below 36 500 (born 1980-01-01 + i days). */
export function idNumberOf(i: number): string {
	const birth = new Date(Date.UTC(1980, 0, 1) + (i % 12_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
	const first17 = `110101${birth}${String(Math.floor(i / 12_000) * 100 + (i % 100)).padStart(3, '0')}`;
	return first17 + idCheckChar(first17);
}

/** A mainland mobile number, different for every i. */
export function phoneOf(i: number): string {
	return String(13800000000 + i * 7);
}

export interface Person {
	leadId: string;
	idNumber: string;
	phone: string;
	idHash: string;
}

/** Leads as the roster stores them (ID and phone hashed, phone encrypted), bulk loaded. */
export async function seedPeople(db: Queryable, count: number, prefix = 'R', keys: PrivacyKeys = testKeys): Promise<Person[]> {
	const people = Array.from({ length: count }, (_, i) => ({ leadId: `${prefix}${String(i + 1).padStart(6, '0')}`, idNumber: idNumberOf(i), phone: phoneOf(i) }));
	const rows = people.map((p) => {
		const personal = protectPersonalFields(keys, { name: '张三', phone: p.phone, idNumber: p.idNumber });
		return { ...p, personal };
	});
	await db.bulkLoad(
		{ table: 'leads', columns: ['lead_id', 'name_masked', 'phone_enc', 'phone_hash', 'phone_masked', 'id_hash', 'id_masked', 'source_channel'] },
		rows.map(({ leadId, personal }) => [
			leadId,
			personal.name_masked,
			personal.phone_enc,
			personal.phone_hash,
			personal.phone_masked,
			personal.id_hash,
			personal.id_masked,
			'官网预约',
		]),
	);
	return rows.map(({ leadId, idNumber, phone, personal }) => ({ leadId, idNumber, phone, idHash: personal.id_hash as string }));
}

export interface SeedHit {
	person: Person;
	ruleId: string;
	hitDate: string;
	controlGroup?: boolean;
	grade?: string;
	label?: string;
}

/** Hits as the monitor stores them; answers their ids in order. */
export async function seedHits(db: Queryable, hits: readonly SeedHit[]): Promise<number[]> {
	const result = await db.query<{ hit_id: string }>(
		`INSERT INTO hits (lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason, source, control_group)
		 SELECT n.lead_id, n.id_hash, n.rule_id, 1, n.hit_date::text, n.hit_date, n.grade, n.label, '近7天内在3家机构核验5次', '官网预约', n.control_group
		 FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::boolean[])
		      WITH ORDINALITY AS n(lead_id, id_hash, rule_id, hit_date, grade, label, control_group, ord)
		 ORDER BY n.ord
		 RETURNING hit_id`,
		[
			hits.map((h) => h.person.leadId),
			hits.map((h) => h.person.idHash),
			hits.map((h) => h.ruleId),
			hits.map((h) => h.hitDate),
			hits.map((h) => h.grade ?? 'B'),
			hits.map((h) => h.label ?? h.ruleId),
			hits.map((h) => h.controlGroup ?? false),
		],
	);
	return result.rows.map((r) => Number(r.hit_id));
}

/** A push the gateway accepted for a hit (as lib/ledger records it), sent at `sentAt`. */
export async function seedSentPush(db: Queryable, hitId: number, leadId: string, channel: 'sms' | 'call', sentAt: string): Promise<number> {
	const result = await db.query<{ push_id: string }>(
		`INSERT INTO push_ledger (idempotency_key, hit_id, lead_id, channel, state, attempts, decided_at, sent_at)
		 VALUES ($1, $2, $3, $4, 'sent', 1, $5, $5) RETURNING push_id`,
		[`test:hit:${hitId}:${channel}`, hitId, leadId, channel, sentAt],
	);
	return Number(result.rows[0].push_id);
}

/**
 * The console tests' scene: four people, three hits of one rule (the third held out) and one of
 * another, the first two with a push sent (an SMS and a call).
 */
export async function seedConsoleScene(db: Queryable): Promise<Person[]> {
	const people = await seedPeople(db, 4);
	const hitIds = await seedHits(db, [
		{ person: people[0], ruleId: 'active-institutions', hitDate: '2026-10-01', label: '活跃机构命中', grade: 'A' },
		{ person: people[1], ruleId: 'active-institutions', hitDate: '2026-10-01', label: '活跃机构命中', grade: 'B' },
		{ person: people[2], ruleId: 'active-institutions', hitDate: '2026-10-01', label: '活跃机构命中', controlGroup: true },
		{ person: people[3], ruleId: 'key-behaviour', hitDate: '2026-10-03', label: '关键行为' },
	]);
	await seedSentPush(db, hitIds[0], people[0].leadId, 'sms', '2026-10-01T03:00:00Z');
	await seedSentPush(db, hitIds[1], people[1].leadId, 'call', '2026-10-01T03:00:00Z');
	return people;
}
