import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

/**
 * TEST-ONLY STAND-INS for n8n's core trigger nodes, which live in n8n-nodes-base (not
 * installable here). Shipped workflows start with these core triggers; in the harness a
 * stand-in takes the trigger's place and emits, unchanged, the items the test hands to
 * the run (`input.items`), as if the trigger had fired with them. They check nothing about
 * the trigger's parameters (schedule, webhook path, ...) and never ship.
 *
 * For a webhook, give items shaped like the real node's output:
 * `{ headers, params, query, body }`.
 */
export const TRIGGER_STAND_IN_TYPES = [
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.webhook',
] as const;

class TriggerStandIn implements INodeType {
	description: INodeTypeDescription;

	constructor(type: string) {
		const name = type.slice(type.indexOf('.') + 1);
		this.description = {
			displayName: `${name} (test stand-in)`,
			name,
			group: ['trigger'],
			version: 1,
			description: 'Test-only stand-in for a core trigger: emits the items the test gives the run',
			defaults: { name },
			inputs: [],
			outputs: ['main'],
			properties: [],
		};
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export function triggerStandIns(): Map<string, INodeType> {
	return new Map(TRIGGER_STAND_IN_TYPES.map((type) => [type, new TriggerStandIn(type)]));
}
