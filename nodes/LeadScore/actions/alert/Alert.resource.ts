import type { INodeProperties } from 'n8n-workflow';

import * as claimAlerts from './claimAlerts.operation';
import * as markAlertsSent from './markAlertsSent.operation';

export const operations = { claimAlerts, markAlertsSent };

export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['alert'] } },
	options: [
		{
			name: 'Claim Alerts',
			value: 'claimAlerts',
			description: 'Unsent alerts, one item per owner (and channel), for Send Email or a group robot',
			action: 'Claim alerts to send',
		},
		{
			name: 'Mark Alerts Sent',
			value: 'markAlertsSent',
			description: "Record that an owner's alerts went out (on a channel), so they are never sent there again",
			action: 'Mark alerts as sent',
		},
	],
	default: 'claimAlerts',
};

export const description: INodeProperties[] = [...claimAlerts.description, ...markAlertsSent.description];
