import { addDays } from '../../lib/calendar';
import type { Store } from '../../lib/store';
import { createPartitions, insertEvents, seededRandom, testIdHash, type TestEvent } from '../rules/fixtures';

/**
 * A seeded roster and its call events for the coverage tests: `leads` leads over the 80
 * days up to lastDay, most calling a few times at one or two of five institutions, some in
 * bursts, some silent for months and back, some only before the preview; a few duplicate
 * ID hashes (the roster keeps the first lead) and leads without one; busy IDs off the roster.
 */
/** The last one is hostile: array text must quote and escape it (arrayText.ts). */
export const INSTITUTIONS = ['华东中心机构', '上海研发分部', '杭州分行', '宁波分行', '南京 "分行", {总部}\\ NULL'];
const TYPES = ['face', 'face', 'face', 'ocr', 'ocr', 'data_api'];
const CHANNELS = ['官网预约', '抖音推广', '线下活动', '熟人转介绍'];
const TAGS = [[], [], ['VIP'], ['代发工资'], ['VIP', '私行']];

export interface CoverageLead {
	leadId: string;
	idHash: string | null;
	sourceChannel: string;
	tags: string[];
	createdAt: string;
}

export function coverageData(lastDay: string, leads: number, seed = 14): { leads: CoverageLead[]; events: TestEvent[] } {
	const random = seededRandom(seed);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
	const roster: CoverageLead[] = [];
	const events: TestEvent[] = [];
	for (let i = 0; i < leads; i++) {
		const label = `cov-${seed}-${i}`;
		// Every 50th lead repeats the ID of the one before (imported twice); every 97th has none.
		const idLabel = i % 50 === 49 ? `cov-${seed}-${i - 1}` : label;
		roster.push({
			leadId: `L${String(i).padStart(5, '0')}`,
			idHash: i % 97 === 96 ? null : testIdHash(idLabel),
			sourceChannel: pick(CHANNELS),
			tags: pick(TAGS),
			createdAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
		});
		if (idLabel !== label) continue;
		const kind = random();
		const calls = kind < 0.25 ? 0 : kind < 0.7 ? 1 + Math.floor(random() * 3) : kind < 0.95 ? 4 + Math.floor(random() * 10) : 15 + Math.floor(random() * 30);
		const main = pick(INSTITUTIONS);
		const burst = random() < 0.3 ? Math.floor(random() * 80) : -1;
		const dormant = random() < 0.1;
		for (let k = 0; k < calls; k++) {
			let back = burst >= 0 ? Math.max(0, burst - Math.floor(random() * 4)) : Math.floor(random() * 80);
			if (dormant) back = k === 0 ? Math.floor(random() * 8) : 75 + Math.floor(random() * 5);
			events.push({
				date: addDays(lastDay, -back),
				hour: Math.floor(random() * 24),
				idHash: testIdHash(label),
				institution: random() < 0.8 ? main : pick(INSTITUTIONS),
				type: pick(TYPES),
			});
		}
	}
	for (let z = 0; z < 20; z++) {
		for (let k = 0; k < 30; k++) {
			events.push({ date: addDays(lastDay, -Math.floor(random() * 20)), hour: 10, idHash: testIdHash(`off-roster-${z}`), institution: pick(INSTITUTIONS), type: 'data_api' });
		}
	}
	return { leads: roster, events };
}

export async function seedCoverageData(store: Store, data: ReturnType<typeof coverageData>): Promise<void> {
	await createPartitions(store, []);
	await store.query(
		`INSERT INTO leads (lead_id, id_hash, source_channel, status, tags, attributes, created_at)
		 SELECT x.lead_id, x.id_hash, x.source_channel, 'new', ARRAY(SELECT jsonb_array_elements_text(x.tags)), '{}'::jsonb, x.created_at
		 FROM jsonb_to_recordset($1::jsonb) AS x(lead_id text, id_hash text, source_channel text, tags jsonb, created_at timestamptz)`,
		[JSON.stringify(data.leads.map((l) => ({ lead_id: l.leadId, id_hash: l.idHash, source_channel: l.sourceChannel, tags: l.tags, created_at: l.createdAt })))],
	);
	await insertEvents(store, data.events);
}

/** Whether an ID hash (`v1:` + hex) is in the coverage estimate's sample: its first hash byte below 4. */
export function inSample(idHash: string): boolean {
	return parseInt(idHash.slice(3, 5), 16) < 4;
}
