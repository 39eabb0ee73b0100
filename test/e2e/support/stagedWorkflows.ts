import * as fs from 'node:fs';
import * as path from 'node:path';

interface WorkflowJson {
	name?: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
}

const PUSH_GATE = 'n8n-nodes-lead-monitor.pushGate';

/**
 * The contact policy the console's sends run under in the test: no quiet hours, silent grid,
 * weekend rule or lunch slot, so that what reaches the gateway does not depend on the hour
 * and weekday the test runs at (the policy's timing is tested in test/push). Caps and the
 * ledger stay as shipped.
 */
export const OPEN_ALL_HOURS_POLICY = {
	id: 'e2e-open-all-hours',
	title: 'E2E：全天可推送',
	timezone: 'Asia/Shanghai',
	defaultIntervalMinutes: 15,
	burstGapSeconds: 0,
	caps: { sms: { day: 1, week: 2, month: 4 }, call: { day: 1, week: 1, month: 2 } },
	channels: { default: 'sms', byGrade: { A: 'call' } },
};

/** console.json as the test imports it: its Push Gate on OPEN_ALL_HOURS_POLICY; returns its name. */
export function openConsolePushGates(file: string): string[] {
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowJson;
	const gates = workflow.nodes.filter((node) => node.type === PUSH_GATE && node.parameters.operation === 'gate');
	for (const gate of gates) {
		const { preset: _preset, adjustments: _adjustments, ...rest } = gate.parameters;
		gate.parameters = { ...rest, policySource: 'json', policyJson: JSON.stringify(OPEN_ALL_HOURS_POLICY, null, 2) };
	}
	fs.writeFileSync(file, JSON.stringify(workflow, null, '\t'));
	return gates.map((gate) => gate.name);
}

/** Copies the workflows into the folder n8n's CLI imports from. */
export function stageWorkflows(files: string[], dir: string): void {
	fs.mkdirSync(dir, { recursive: true });
	for (const file of files) fs.copyFileSync(file, path.join(dir, path.basename(file)));
}
