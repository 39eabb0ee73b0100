// Switches on the shipped workflows that start from a webhook or a schedule, over n8n's REST
// API as the owner would in the editor. n8n's import switches workflows off, so this runs on
// every start and leaves already-active ones alone.
import type { StartConfig } from './config';
import type { ShippedWorkflow, WorkflowJson } from './imports';
import { findCredential } from './n8nDatabase';
import { requestJson } from './n8nRest';
import { say } from './say';

const ACTIVATABLE_TRIGGERS = new Set(['n8n-nodes-base.webhook', 'n8n-nodes-base.scheduleTrigger']);

export interface ActivationFailure {
	workflow: WorkflowJson;
	reason: string;
}

function shouldBeActive(workflow: WorkflowJson): boolean {
	return workflow.nodes.some((node) => ACTIVATABLE_TRIGGERS.has(node.type) && !node.disabled);
}

/**
 * The credentials a workflow's nodes name that this n8n does not have: the operator's own
 * (the alerts workflow's SMTP server and group robot), which no start script can make up.
 */
async function missingCredentials(config: StartConfig, workflow: WorkflowJson): Promise<string[]> {
	const named = new Map<string, string>();
	for (const node of workflow.nodes) {
		if (node.disabled) continue;
		for (const credential of Object.values(node.credentials ?? {})) named.set(credential.id, credential.name);
	}
	const missing: string[] = [];
	for (const [id, name] of named) if (!(await findCredential(config, id))) missing.push(`"${name}" (id ${id})`);
	return missing;
}

/** Returns the workflows that could not be activated, with the reason ([] when all are active). */
export async function activateShippedWorkflows(
	config: StartConfig,
	cookie: string | undefined,
	workflows: ShippedWorkflow[],
): Promise<ActivationFailure[]> {
	const failed: ActivationFailure[] = [];
	if (!cookie) {
		say.warn('Not logged in: shipped workflows were not activated.');
		return workflows.filter(({ workflow }) => shouldBeActive(workflow)).map(({ workflow }) => ({ workflow, reason: 'not logged in' }));
	}
	for (const { workflow } of workflows.filter(({ workflow }) => shouldBeActive(workflow))) {
		const missing = await missingCredentials(config, workflow);
		if (missing.length > 0) {
			say.detail(`left off until its credentials exist: ${workflow.name} (create ${missing.join(', ')} in n8n, then activate it)`);
			continue;
		}
		const { json } = await requestJson<{ data: { active: boolean; versionId: string } }>(config, 'GET', `/rest/workflows/${workflow.id}`, { cookie });
		if (json.data.active) continue;
		try {
			await requestJson(config, 'POST', `/rest/workflows/${workflow.id}/activate`, {
				cookie,
				body: { versionId: json.data.versionId },
			});
			say.detail(`activated ${workflow.name}`);
		} catch (error) {
			say.warn(`Could not activate "${workflow.name}": ${error.message}`);
			failed.push({ workflow, reason: error.message });
		}
	}
	return failed;
}

/**
 * Workflows earlier versions of the package shipped and this one no longer does, by id, with
 * what replaced them. An n8n that imported them keeps them (they are the user's now), but
 * they must not run beside their replacement.
 */
const RETIRED_WORKFLOWS: Record<string, string> = {
	pushHourly: 'push-by-frequency.json (推送频率) runs every push tier now',
	pushDaily: 'push-by-frequency.json (推送频率) runs every push tier now',
	pushWeekly: 'push-by-frequency.json (推送频率) runs every push tier now',
	pushMonthly: 'push-by-frequency.json (推送频率) runs every push tier now',
	boardActions: "the console's board (控制台 · 高潜线索营销, workflows/console.json) changes statuses and sends now",
};

/** Switches off the retired workflows still active in this n8n; returns their ids. */
export async function deactivateRetiredWorkflows(config: StartConfig, cookie: string | undefined): Promise<string[]> {
	if (!cookie) return [];
	const switchedOff: string[] = [];
	for (const [id, replacedBy] of Object.entries(RETIRED_WORKFLOWS)) {
		const workflow = await workflowIfPresent(config, cookie, id);
		if (!workflow?.active) continue;
		await deactivateWorkflow(config, cookie, id);
		say.warn(`Switched off "${workflow.name}", no longer shipped: ${replacedBy}. Delete it in the editor when you no longer need it.`);
		switchedOff.push(id);
	}
	return switchedOff;
}

async function workflowIfPresent(config: StartConfig, cookie: string, id: string): Promise<{ active: boolean; name: string } | undefined> {
	try {
		return (await requestJson<{ data: { active: boolean; name: string } }>(config, 'GET', `/rest/workflows/${id}`, { cookie })).json.data;
	} catch (error) {
		if (/ answered 404:/.test(error.message)) return undefined;
		throw error;
	}
}

export async function deactivateWorkflow(config: StartConfig, cookie: string, workflowId: string): Promise<void> {
	await requestJson(config, 'POST', `/rest/workflows/${workflowId}/deactivate`, { cookie, body: {} });
}
