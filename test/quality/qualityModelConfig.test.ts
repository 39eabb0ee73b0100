import { activeConfig, saveConfig } from '../../lib/config';
import { bufferSource } from '../../lib/ingest';
import { ingestQualityFile, qualityModelConfig, scoreSessions } from '../../lib/quality';
import type { Store } from '../../lib/store';
import { openTestStore, testKeys } from '../setup/testStores';
import { goodSession } from './qualityFixtures';

describe('the scoring model as a versioned configuration', () => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore('pglite');
		const lines = goodSession.map((m) => JSON.stringify({ sessionId: 'v-1', agentId: '王芳', role: m.role, sentAt: new Date(m.sentAt).toISOString(), text: m.text }));
		await ingestQualityFile(store, testKeys, bufferSource('m.jsonl', Buffer.from(lines.join('\n'))), { kind: 'messages' });
		await ingestQualityFile(store, testKeys, bufferSource('r.csv', Buffer.from('sessionId,rating,ratedAt\nv-1,1,2026-12-01 12:00:00')), { kind: 'ratings' });
	});
	afterAll(() => store.close());

	const total = async () => (await store.query<{ total_score: number; model_version: number }>(`SELECT total_score, model_version FROM quality_sessions WHERE session_id = 'v-1'`)).rows[0];

	it('scores with the active version (the standard preset on a fresh install), and again with a saved one', async () => {
		expect(await scoreSessions(store)).toMatchObject({ modelVersion: 1, sessionsScored: 1 });
		// 0.2 × 1 + 0.8 × 4.79
		expect(await total()).toEqual({ total_score: expect.closeTo(4.03, 2), model_version: 1 });

		const model = (await activeConfig(store, qualityModelConfig)).body;
		const saved = await saveConfig(store, qualityModelConfig, { ...model, totalWeights: { rating: 0.5, qa: 0.5 } }, { author: 'qa-lead', note: '评价权重 50%', baseVersion: 1 });
		expect(saved.active.version).toBe(2);
		expect(await scoreSessions(store)).toMatchObject({ sessionsScored: 0 });
		expect(await scoreSessions(store, { all: true })).toMatchObject({ modelVersion: 2, sessionsScored: 1 });
		// 0.5 × 1 + 0.5 × 4.79
		expect(await total()).toEqual({ total_score: expect.closeTo(2.9, 2), model_version: 2 });
	});

	it('refuses an invalid model, naming the field, and keeps the active one', async () => {
		const model = (await activeConfig(store, qualityModelConfig)).body;
		await expect(saveConfig(store, qualityModelConfig, { ...model, totalWeights: { rating: 0.5, qa: 0.6 } }, { author: 'qa-lead', baseVersion: 2 })).rejects.toMatchObject({
			code: 'invalidQualityModel',
			field: 'totalWeights',
		});
		expect((await activeConfig(store, qualityModelConfig)).version).toBe(2);
	});
});
