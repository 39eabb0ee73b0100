import { activeConfig, saveConfig, type ConfigKindDefinition } from '../../lib/config';
import { privacyKeys } from '../../lib/privacy';
import { frequenciesConfig, policyConfig } from '../../lib/push';
import type { Store } from '../../lib/store';
import { seedHits } from '../../test/push/pushFixtures';
import { ALWAYS_OPEN_POLICY } from '../../test/push/workflowFixtures';
import { STORE_SECRETS, type N8nSetup } from './n8nSetup';
import { postWebhook } from './postWebhook';

export interface PushFigures {
	/** From the Run Now request to the gateway holding every hit's message. */
	seconds: number;
	messages: number;
	duplicates: number;
	/** Run Now's answer: HTTP status and when it came (s after the trigger). */
	answerStatus: number;
	answerSeconds: number;
}

const POLL_MS = 100;
/** Run Now answers when the whole run is done; a stuck run must not hang the bench. */
const RUN_NOW_TIMEOUT_MS = 900_000;

async function saveActive<T>(store: Store, definition: ConfigKindDefinition<T>, value: unknown): Promise<void> {
	const { version } = await activeConfig(store, definition);
	await saveConfig(store, definition, value, { author: 'bench:queue', baseVersion: version });
}

/**
 * `count` leads of this setup's own (their lead ids and phones apart from the other setup's) with
 * one pending grade-B hit each, a push tier of this setup's own that selects grade B hourly (never
 * ran, so due now), and push-by-frequency's Run Now: Due Tiers → Pending Hits → Push Gate → SMS
 * (which records the hit status), on a worker in queue mode. Timed until the gateway holds `count` messages.
 */
export async function pushThroughN8n(setup: N8nSetup, store: Store, count: number, index: number): Promise<PushFigures> {
	await saveActive(store, policyConfig, ALWAYS_OPEN_POLICY);
	const tier = setup.kind === 'queue' ? 'QUEUE' : 'ONE';
	await saveActive(store, frequenciesConfig, {
		title: `bench:queue ${setup.kind}`,
		timezone: 'Asia/Shanghai',
		tiers: [{ id: tier, title: `B 级（${setup.kind}）`, grades: ['B'], frequency: { kind: 'hourly', minute: 0 } }],
	});
	// Only this setup's hits pending: the hits an earlier setup's daily run left belong to the
	// loaded roster, whose phones are not encrypted with the bench's key (each would fail its send).
	await store.query(`DELETE FROM hits WHERE status = 'pending'`);
	const keys = privacyKeys(STORE_SECRETS.hashingKey, STORE_SECRETS.encryptionKey);
	await seedHits(store, keys, { leads: count, grade: () => 'B', prefix: `QB${index}x`, firstPhone: 13000000000 + index * 1_000_000 });

	const started = Date.now();
	let answer: { status: number; seconds: number; text: string } | undefined;
	const request = postWebhook(setup.config.baseUrl, 'push-by-frequency-run', setup.apiKey, undefined, RUN_NOW_TIMEOUT_MS).then(
		(reply) => (answer = { ...reply, seconds: (Date.now() - started) / 1000 }),
		(error: Error) => (answer = { status: 0, seconds: (Date.now() - started) / 1000, text: error.message }),
	);
	let counts = await setup.gateway.counts();
	while (counts.messages < count && answer === undefined) {
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
		counts = await setup.gateway.counts();
	}
	const seconds = (Date.now() - started) / 1000;
	// The run goes on to the hits' statuses and the tier's finish: the next phase empties the hits.
	await request;
	// A moment more: a send beyond the expected ones must be counted too.
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	counts = await setup.gateway.counts();
	if (answer && answer.status !== 200) console.log(`[bench:queue] ${setup.kind}: Run Now answered ${answer.status}: ${answer.text.slice(0, 300)}`);
	const done = answer ?? { status: 0, seconds: 0 };
	return { seconds, messages: counts.messages, duplicates: counts.duplicateKeys + counts.duplicateRecipients, answerStatus: done.status, answerSeconds: done.seconds };
}
