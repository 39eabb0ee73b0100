import type { IDataObject } from 'n8n-workflow';

import { privacyKeys } from '../../lib/privacy';
import type { Store } from '../../lib/store';
import { nodeStore as harnessNodeStore, readWorkflowJson, runWorkflow, type TestCredential, type WorkflowJson, type WorkflowRunResult } from '../harness';
import { TEST_APP_ID, TEST_APP_SECRET, type ReferenceGateway } from '../gateway/referenceGateway';

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

export function withPolicy(workflow: WorkflowJson, policy: object = ALWAYS_OPEN_POLICY): WorkflowJson {
	const copy = structuredClone(workflow);
	const gate = copy.nodes.find((node) => node.type === 'n8n-nodes-lead-monitor.pushGate');
	if (!gate) throw new Error(`${workflow.name} has no Push Gate`);
	gate.parameters = { ...gate.parameters, policySource: 'json', policyJson: JSON.stringify(policy) };
	return copy;
}

/** The workflow up to and including Push Gate: n8n's Switch (n8n-nodes-base) cannot run in jest. */
export function upToGate(workflow: WorkflowJson): WorkflowJson {
	const copy = structuredClone(workflow);
	delete copy.connections['Push Gate'];
	return copy;
}

interface SwitchRule {
	conditions: { conditions: Array<{ leftValue: string; rightValue: string; operator: { type: string; operation: string } }> };
}

/**
 * Routes Push Gate's send-now items the way the shipped Switch is configured: each rule
 * compares `$json.push.channel` with a channel and leads to a node. Returns node → items.
 */
export function routeLikeSwitch(workflow: WorkflowJson, items: IDataObject[]): Map<string, IDataObject[]> {
	const switchNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.switch');
	if (!switchNode) throw new Error(`${workflow.name} has no Switch`);
	const rules = (switchNode.parameters.rules as unknown as { values: SwitchRule[] }).values;
	const outputs = workflow.connections[switchNode.name].main;
	const routes = new Map<string, IDataObject[]>();
	rules.forEach((rule, index) => {
		const [condition] = rule.conditions.conditions;
		if (condition.leftValue !== '={{ $json.push.channel }}' || condition.operator.operation !== 'equals') {
			throw new Error(`Switch rule ${index} is not "push.channel equals …"; update routeLikeSwitch`);
		}
		const target = outputs[index]?.[0]?.node as string;
		routes.set(target, items.filter((item) => (item.push as IDataObject).channel === condition.rightValue));
	});
	return routes;
}

export interface PushRun {
	gate: WorkflowRunResult;
	send: IDataObject[];
	held: IDataObject[];
	/** The outreach node runs (from the node the Switch leads to), by node name. */
	outreach: Map<string, WorkflowRunResult>;
}

/**
 * One scheduled run of a push workflow: trigger → Lead Store → Push Gate through the real
 * engine, the Switch's routing applied, then each outreach branch from its node onwards.
 */
export async function runPushWorkflow(file: string, credentials: TestCredential[], policy?: object): Promise<PushRun> {
	const shipped = readWorkflowJson(file);
	const workflow = withPolicy(shipped, policy);
	const gate = await runWorkflow(upToGate(workflow), { credentials, input: { node: 'Schedule', items: [{}] } });
	if (gate.error) throw new Error(`${file} up to Push Gate failed: ${gate.error.message}`);
	const gateRan = gate.executedNodes.includes('Push Gate');
	const send = gateRan ? gate.outputOf('Push Gate', 0) : [];
	const held = gateRan ? gate.outputOf('Push Gate', 1) : [];
	const outreach = new Map<string, WorkflowRunResult>();
	for (const [node, items] of routeLikeSwitch(workflow, send)) {
		if (items.length) outreach.set(node, await runWorkflow(workflow, { credentials, input: { node, items } }));
	}
	return { gate, send, held, outreach };
}
