import { hashToBytes } from '../../lib/privacy';
import type { Queryable, Store } from '../../lib/store';
import { hourInPeriod, lookbackDays, type ActivitySpec } from '../../lib/rules/facts';
import { addDays, daysBetween } from '../../lib/calendar';

export { testIdHash } from '../setup/testStores';

/** One call event as the tests write it. */
export interface TestEvent {
	date: string;
	hour: number;
	/** A keyed hash (testIdHash): written to call_events as its 33 bytes. */
	idHash: string;
	institution: string;
	type: string;
}

export interface TestLead {
	leadId: string;
	/** Written to leads.id_hash as it is: normally testIdHash(label), or any text to test what is not a keyed hash. */
	idHash: string | null;
	sourceChannel?: string;
	industry?: string;
	status?: string;
	tags?: string[];
	attributes?: Record<string, unknown>;
	createdAt?: string;
}

/** call_events is partitioned by day: one partition for a few days and a default for the rest. */
export async function createPartitions(db: Queryable, days: string[]): Promise<void> {
	for (const day of days) {
		await db.query(
			`CREATE TABLE IF NOT EXISTS call_events_${day.replace(/-/g, '')} PARTITION OF call_events FOR VALUES FROM ('${day}') TO ('${addDays(day, 1)}')`,
		);
	}
	await db.query('CREATE TABLE IF NOT EXISTS call_events_default PARTITION OF call_events DEFAULT');
}

export async function insertEvents(store: Store, events: readonly TestEvent[]): Promise<void> {
	await store.bulkLoad(
		{
			table: 'call_events',
			columns: ['event_date', 'occurred_at', 'hour_of_day', 'id_hash', 'institution', 'event_type', 'request_id', 'batch_id'],
		},
		events.map((e, i) => [
			e.date,
			`${e.date}T${String(e.hour).padStart(2, '0')}:30:00+08:00`,
			e.hour,
			// call_events.id_hash is bytea; hashToBytes throws on a label that is not a keyed hash.
			hashToBytes(e.idHash),
			e.institution,
			e.type,
			`req-${i}`,
			'test-batch',
		]),
	);
}

export async function insertLeads(db: Queryable, leads: readonly TestLead[]): Promise<void> {
	for (const lead of leads) {
		await db.query(
			`INSERT INTO leads (lead_id, id_hash, source_channel, industry, status, tags, attributes, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6::text[], $7::jsonb, $8::timestamptz)`,
			[
				lead.leadId,
				lead.idHash,
				lead.sourceChannel ?? null,
				lead.industry ?? null,
				lead.status ?? 'new',
				lead.tags ?? [],
				JSON.stringify(lead.attributes ?? {}),
				lead.createdAt ?? '2026-01-01T00:00:00Z',
			],
		);
	}
}

/** The activity facts computed in plain TypeScript, to check the SQL against. */
export function expectedFact(events: readonly TestEvent[], idHash: string, spec: ActivitySpec, windowEnd: string): number | null {
	const from = addDays(windowEnd, -(lookbackDays(spec) - 1));
	const recentFrom = addDays(windowEnd, -(spec.offsetDays + spec.windowDays - 1));
	const to = addDays(windowEnd, -spec.offsetDays);
	const mine = events.filter(
		(e) =>
			e.idHash === idHash &&
			e.date >= from &&
			e.date <= to &&
			(!spec.institutions || spec.institutions.includes(e.institution)) &&
			(!spec.eventTypes || (spec.eventTypes as string[]).includes(e.type)) &&
			(!spec.period || hourInPeriod(e.hour, spec.period)),
	);
	const recent = mine.filter((e) => e.date >= recentFrom);
	switch (spec.fact) {
		case 'activityCount':
			return recent.length;
		case 'distinctInstitutions':
			return new Set(recent.map((e) => e.institution)).size;
		case 'activeDays':
			return new Set(recent.map((e) => e.date)).size;
		case 'daysSinceLastActivity': {
			if (!recent.length) return null;
			const last = recent.map((e) => e.date).sort().at(-1)!;
			return daysBetween(last, to);
		}
		case 'newInstitutionCount': {
			const before = new Set(mine.filter((e) => e.date < recentFrom).map((e) => e.institution));
			return new Set(recent.map((e) => e.institution).filter((i) => !before.has(i))).size;
		}
	}
}

/** A small seeded generator, so the random data is the same on every run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
