// Switches on the shipped workflows that start from a webhook or a schedule, over n8n's REST
// API as the owner would in the editor. n8n's import switches workflows off, so this runs on
// every start and leaves already-active ones alone.
import type { StartConfig } from './config';
import type { ShippedWorkflow, WorkflowJson } from './imports';
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

export async function deactivateWorkflow(config: StartConfig, cookie: string, workflowId: string): Promise<void> {
	await requestJson(config, 'POST', `/rest/workflows/${workflowId}/deactivate`, { cookie, body: {} });
}
