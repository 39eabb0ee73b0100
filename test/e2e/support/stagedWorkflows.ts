import * as fs from 'node:fs';
import * as path from 'node:path';

interface WorkflowJson {
	name?: string;
	nodes: Array<{ name: string; type: string; disabled?: boolean; parameters: Record<string, unknown> }>;
}

/**
 * The contact policy the test publishes as the saved policy (through test/e2e/workflows/
 * e2e-publish-policy.json, a Push Gate's Publish), which the console's and the push workflow's
 * Push Gates then use: no quiet hours, silent grid, weekend rule or lunch slot, so that what
 * reaches the gateway does not depend on the hour and weekday the test runs at (the policy's
 * timing is tested in test/push). Caps and the ledger stay as shipped.
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

/**
 * push-by-frequency.json as the test imports it: its schedule switched off (disabled), so that
 * nothing sends on the clock; the test runs it through its Run Now webhook. Returns the
 * trigger's name.
 */
export function pushScheduleOff(file: string): string {
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowJson;
	const schedule = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
	if (!schedule) throw new Error(`${file} has no Schedule Trigger`);
	schedule.disabled = true;
	fs.writeFileSync(file, JSON.stringify(workflow, null, '\t'));
	return schedule.name;
}

/** Copies the workflows into the folder n8n's CLI imports from. */
export function stageWorkflows(files: string[], dir: string): void {
	fs.mkdirSync(dir, { recursive: true });
	for (const file of files) fs.copyFileSync(file, path.join(dir, path.basename(file)));
}
