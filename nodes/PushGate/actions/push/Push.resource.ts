import type { INodeProperties } from 'n8n-workflow';

import * as gate from './gate.operation';
import * as recordCallback from './recordCallback.operation';
import * as simulate from './simulate.operation';

export const operations = { gate, simulate, recordCallback };

/** The Operation parameter; the node lists each resource's before the policy parameters, then the operations' own. */
export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['push'] } },
	options: [
		{
			name: 'Gate Hits',
			value: 'gate',
			description: 'Apply the policy: send now, or hold with the earliest time and the reason',
			action: 'Gate hits',
		},
		{
			name: 'Record Gateway Callback',
			value: 'recordCallback',
			description: 'Verify and record a delivery, conversion or opt-out callback from the gateway',
			action: 'Record a gateway callback',
		},
		{
			name: 'Simulate Today',
			value: 'simulate',
			description: "Today's planned push times for the pending hits (模拟今日推送流); sends nothing",
			action: 'Simulate today s push flow',
		},
	],
	default: 'gate',
};

export const description: INodeProperties[] = [
	...gate.description,
	...simulate.description,
	...recordCallback.description,
];
