import type { INodeProperties } from 'n8n-workflow';

import * as dueTiers from './dueTiers.operation';
import * as finishTierRun from './finishTierRun.operation';

export const operations = { dueTiers, finishTierRun };

/** The Operation parameter; the node lists each resource's before the policy parameters, then the operations' own. */
export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['tier'] } },
	options: [
		{
			name: 'Due Tiers (到期推送档位)',
			value: 'dueTiers',
			description: 'The push tiers due now by the saved push frequencies, each claimed once per period',
			action: 'Get the push tiers due now',
		},
		{
			name: 'Finish Tier Run (记录档位运行)',
			value: 'finishTierRun',
			description: "Record that a tier's run ended, with what it sent and what is still pending",
			action: 'Finish a tier run',
		},
	],
	default: 'dueTiers',
};

export const description: INodeProperties[] = [
	...dueTiers.description,
	...finishTierRun.description,
];
