'use strict';
// Switches on the shipped workflows that start from a webhook or a schedule, over n8n's REST
// API as the owner would in the editor. n8n's import switches workflows off, so this runs on
// every start and leaves already-active ones alone.
const { requestJson } = require('./n8nRest');
const { say } = require('./say');

const ACTIVATABLE_TRIGGERS = new Set(['n8n-nodes-base.webhook', 'n8n-nodes-base.scheduleTrigger']);

function shouldBeActive(workflow) {
	return workflow.nodes.some((node) => ACTIVATABLE_TRIGGERS.has(node.type) && !node.disabled);
}

async function activateShippedWorkflows(config, cookie, workflows) {
	if (!cookie) {
		say.warn('Not logged in: shipped workflows were not activated.');
		return;
	}
	for (const { workflow } of workflows.filter(({ workflow }) => shouldBeActive(workflow))) {
		const { json } = await requestJson(config, 'GET', `/rest/workflows/${workflow.id}`, { cookie });
		if (json.data.active) continue;
		try {
			await requestJson(config, 'POST', `/rest/workflows/${workflow.id}/activate`, {
				cookie,
				body: { versionId: json.data.versionId },
			});
			say.detail(`activated ${workflow.name}`);
		} catch (error) {
			say.warn(`Could not activate "${workflow.name}": ${error.message}`);
		}
	}
}

module.exports = { activateShippedWorkflows };
