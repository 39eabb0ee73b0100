import type { IDataObject } from 'n8n-workflow';

import { privacyKeys } from '../../lib/privacy';
import type { Store } from '../../lib/store';
import { nodeStore as harnessNodeStore, readWorkflowJson, runWorkflow, type TestCredential, type WorkflowJson, type WorkflowRunResult } from '../harness';
import { TEST_APP_ID, TEST_APP_SECRET, type ReferenceGateway } from '../gateway/referenceGateway';
import { requireFromDist } from '../harness/packageRoot';

/** The keys of the harness's store credential, for seeding what the nodes will read. */
export const workflowKeys = privacyKeys('workflow-test-hashing-key-0123456789', 'workflow-test-encryption-key-0123456789');

/** The very store the nodes use (dist/'s shared instance: for PGlite in memory there is no other way in). */
export async function nodeStore(credential: TestCredential): Promise<Store> {
	return (await harnessNodeStore(credential.data)).store;
}

export function gatewayCredential(gateway: ReferenceGateway, secret = TEST_APP_SECRET): TestCredential {
	return { type: 'outreachGatewayApi', id: 'outreachGateway', data: { baseUrl: gateway.url, appId: TEST_APP_ID, secret } };
}

/** Around the clock, one SMS and one call per lead a day, A by call: the test's outcome must not depend on the hour it runs. */
export const ALWAYS_OPEN_POLICY = {
	id: 'always-open',
	title: '全天开放（测试）',
	timezone: 'Asia/Shanghai',
	defaultIntervalMinutes: 15,
	burstGapSeconds: 30,
	caps: { sms: { day: 1 }, call: { day: 1 } },
	channels: { default: 'sms', byGrade: { A: 'call' } },
};

/**
 * Makes `policy` the active saved contact policy (the shipped push workflows gate with it),
 * with lib/ from dist/ as the nodes run it (the bench, compiled elsewhere, finds the presets there).
 */
export async function useSavedPolicy(store: Store, policy: object = ALWAYS_OPEN_POLICY, author = 'test'): Promise<number> {
	const { activeConfig, saveConfig } = requireFromDist<typeof import('../../lib/config')>('lib/config');
	const { policyConfig } = requireFromDist<typeof import('../../lib/push')>('lib/push');
	const { version } = await activeConfig(store, policyConfig);
	return (await saveConfig(store, policyConfig, policy, { author, baseVersion: version })).active.version;
}

/** The workflow up to and including Push Gate, whose outputs the tests take from there. */
export function upToGate(workflow: WorkflowJson): WorkflowJson {
	const copy = structuredClone(workflow);
	delete copy.connections['Push Gate'];
	return copy;
}

/** The push workflow: Due Tiers → pending hits of each tier → Push Gate by channel → SMS / call; Finish Tier Run. */
export const PUSH_WORKFLOW = 'workflows/push-by-frequency.json';

export interface PushRun {
	/** Due Tiers' items: the tiers this run won. */
	tiers: IDataObject[];
	gate: WorkflowRunResult;
	send: IDataObject[];
	held: IDataObject[];
	/** The outreach node runs (from the node a Push Gate output leads to), by node name. */
	outreach: Map<string, WorkflowRunResult>;
	/** Finish Tier Run's items, one per tier run. */
	finished: IDataObject[];
}

export interface PushRunOptions {
	/** The tick's moment (Due Tiers' Now). */
	now?: string;
	/**
	 * Skips Due Tiers and its claim: runs the pending hits of these tiers (items shaped as
	 * Due Tiers gives them, see tierItem) and finishes nothing. For tests of the gate and the
	 * sending, not of the schedule.
	 */
	tiers?: IDataObject[];
}

/** A tier item as Due Tiers gives it, for PushRunOptions.tiers. */
export function tierItem(tier: string, selection: { grades?: string[]; rules?: string[]; exceptRules?: string[] }): IDataObject {
	return { tier, periodKey: `${tier}:test`, grades: selection.grades ?? [], rules: selection.rules ?? [], exceptRules: selection.exceptRules ?? [] };
}

/**
 * One tick of the push workflow through the real engine, taken in parts so that each is seen
 * on its own: the trigger → Due Tiers → the tiers' pending hits → Push Gate; each of Push
 * Gate's channel outputs from the node it leads to; then Finish Tier Run for the tiers won,
 * as the engine runs it after the push branch.
 */
export async function runPushWorkflow(credentials: TestCredential[], options: PushRunOptions = {}): Promise<PushRun> {
	const workflow = readWorkflowJson(PUSH_WORKFLOW);
	const dueTiers = workflow.nodes.find((node) => node.name === 'Due Tiers');
	if (!dueTiers) throw new Error(`${PUSH_WORKFLOW} has no Due Tiers node`);
	if (options.now) dueTiers.parameters = { ...dueTiers.parameters, now: options.now };

	const toGate = upToGate(workflow);
	toGate.connections['Due Tiers'] = { main: [[{ node: 'Pending Hits of Tier', type: 'main', index: 0 }]] };
	const start = options.tiers ? { node: 'Pending Hits of Tier', items: options.tiers } : { node: 'Every 15 Minutes', items: [{}] };
	const gate = await runWorkflow(toGate, { credentials, input: start });
	if (gate.error) throw new Error(`${PUSH_WORKFLOW} up to Push Gate failed: ${gate.error.message}`);
	const tiers = options.tiers ?? (gate.executedNodes.includes('Due Tiers') ? gate.outputOf('Due Tiers') : []);
	const gateRan = gate.executedNodes.includes('Push Gate');
	const byChannel = workflow.connections['Push Gate'].main;
	const send: IDataObject[] = [];
	const outreach = new Map<string, WorkflowRunResult>();
	for (const output of [0, 1]) {
		const items = gateRan ? gate.outputOf('Push Gate', output) : [];
		const node = byChannel[output]?.[0]?.node;
		if (!items.length || !node) continue;
		send.push(...items);
		outreach.set(node, await runWorkflow(workflow, { credentials, input: { node, items } }));
	}
	const held = gateRan ? gate.outputOf('Push Gate', 2) : [];
	let finished: IDataObject[] = [];
	if (!options.tiers && tiers.length) {
		const finish = await runWorkflow(workflow, { credentials, input: { node: 'Finish Tier Run', items: tiers } });
		if (finish.error) throw new Error(`${PUSH_WORKFLOW} Finish Tier Run failed: ${finish.error.message}`);
		finished = finish.outputOf('Finish Tier Run');
	}
	return { tiers, gate, send, held, outreach, finished };
}
