import { activeConfig, saveConfig, type ConfigKindDefinition } from '../../lib/config';
import { privacyKeys } from '../../lib/privacy';
import { frequenciesConfig, policyConfig } from '../../lib/push';
import type { Store } from '../../lib/store';
import { seedHits } from '../../test/push/pushFixtures';
import { ALWAYS_OPEN_POLICY } from '../../test/push/workflowFixtures';
import { callWebhook } from '../../test/e2e/support/webhooks';
import { STORE_SECRETS, type N8nSetup } from './n8nSetup';

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

async function saveActive<T>(store: Store, definition: ConfigKindDefinition<T>, value: unknown): Promise<void> {
	const { version } = await activeConfig(store, definition);
	await saveConfig(store, definition, value, { author: 'bench:queue', baseVersion: version });
}

/**
 * `count` leads of this setup's own (their lead ids and phones apart from the other setup's) with
 * one pending grade-B hit each, a push tier of this setup's own that selects grade B hourly (never
 * ran, so due now), and push-by-frequency's Run Now: Due Tiers → Pending Hits → Push Gate → SMS →
 * hit status, on a worker in queue mode. Timed until the gateway holds `count` messages.
 */
export async function pushThroughN8n(setup: N8nSetup, store: Store, count: number, index: number): Promise<PushFigures> {
	await saveActive(store, policyConfig, ALWAYS_OPEN_POLICY);
	const tier = setup.kind === 'queue' ? 'QUEUE' : 'ONE';
	await saveActive(store, frequenciesConfig, {
		title: `bench:queue ${setup.kind}`,
		timezone: 'Asia/Shanghai',
		tiers: [{ id: tier, title: `B 级（${setup.kind}）`, grades: ['B'], frequency: { kind: 'hourly', minute: 0 } }],
	});
	const keys = privacyKeys(STORE_SECRETS.hashingKey, STORE_SECRETS.encryptionKey);
	await seedHits(store, keys, { leads: count, grade: () => 'B', prefix: `QB${index}x`, firstPhone: 13000000000 + index * 1_000_000 });

	const started = Date.now();
	let answer: { status: number; seconds: number } | undefined;
	const request = callWebhook(setup.config.baseUrl, 'push-by-frequency-run', { method: 'POST', headers: setup.apiKey }).then(
		(reply) => (answer = { status: reply.status, seconds: (Date.now() - started) / 1000 }),
		() => (answer = { status: 0, seconds: (Date.now() - started) / 1000 }),
	);
	const deadline = started + 300_000;
	let counts = await setup.gateway.counts();
	while (counts.messages < count && Date.now() < deadline && (answer === undefined || answer.status === 200)) {
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
		counts = await setup.gateway.counts();
	}
	const seconds = (Date.now() - started) / 1000;
	await request;
	// A moment more: a send beyond the expected ones must be counted too.
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	counts = await setup.gateway.counts();
	const done = answer ?? { status: 0, seconds: 0 };
	return { seconds, messages: counts.messages, duplicates: counts.duplicateKeys + counts.duplicateRecipients, answerStatus: done.status, answerSeconds: done.seconds };
}
