import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

/**
 * TEST-ONLY STAND-INS for n8n's core trigger nodes, which live in n8n-nodes-base (not
 * installable here). Shipped workflows start with these core triggers; in the harness a
 * stand-in takes the trigger's place and emits, unchanged, the items the test hands to
 * the run (`input.items`), as if the trigger had fired with them. They check nothing about
 * the trigger's parameters (schedule, webhook path, ...) and never ship.
 *
 * For a webhook, give items shaped like the real node's output:
 * `{ headers, params, query, body }`; for a webhook with several methods (one output per
 * method) say which output they leave by (`input.output`: 1 for the second method, POST).
 */
export const TRIGGER_STAND_IN_TYPES = [
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.webhook',
] as const;

/**
 * TEST-ONLY STAND-IN for Respond to Webhook: in the harness there is no HTTP request to
 * answer, so it passes its input through unchanged (as the real node's output does) and
 * the test reads the response from its output. The end-to-end test runs the real node.
 */
export const RESPOND_STAND_IN_TYPE = 'n8n-nodes-base.respondToWebhook';

/**
 * The Webhook's parameters that nodes after it read (Respond to Webhook and Lead Console look
 * at its HTTP method(s)). The engine keeps only parameters a node type declares.
 */
const WEBHOOK_PARAMETERS: INodeProperties[] = [
	{ displayName: 'Allow Multiple HTTP Methods', name: 'multipleMethods', type: 'boolean', default: false },
	{ displayName: 'HTTP Method(s)', name: 'httpMethod', type: 'json', default: 'GET' },
	{ displayName: 'Path', name: 'path', type: 'string', default: '' },
];

class TriggerStandIn implements INodeType {
	description: INodeTypeDescription;
	readonly execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

	constructor(type: string, output = 0) {
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
			properties: type === 'n8n-nodes-base.webhook' ? WEBHOOK_PARAMETERS : [],
		};
		this.execute = async function (this: IExecuteFunctions) {
			const items = this.getInputData();
			return Array.from({ length: output + 1 }, (_, index) => (index === output ? items : []));
		};
	}
}

class RespondStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Respond to Webhook (test stand-in)',
		name: 'respondToWebhook',
		group: ['transform'],
		version: [1, 1.1, 1.2, 1.3, 1.4, 1.5],
		description: 'Test-only stand-in: passes its input through; the test reads the response from it',
		defaults: { name: 'Respond to Webhook' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ ...item, pairedItem: { item: index } }))];
	}
}

/** `output`: the output the triggers emit by (a Webhook with several methods has one per method, in their order). */
export function triggerStandIns(output = 0): Map<string, INodeType> {
	return new Map<string, INodeType>([
		...TRIGGER_STAND_IN_TYPES.map((type) => [type, new TriggerStandIn(type, output)] as const),
		[RESPOND_STAND_IN_TYPE, new RespondStandIn()],
	]);
}
