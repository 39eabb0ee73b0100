import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The bank's own outreach gateway (SMS and outbound calls), spoken to over the signed HTTP
 * contract in docs/gateway-openapi.yaml. Tested by the nodes' `outreachGatewayConnectionTest`
 * (a signed GET /v1/ping), because the signature cannot be expressed as a declarative test.
 */
export class OutreachGatewayApi implements ICredentialType {
	name = 'outreachGatewayApi';

	displayName = 'Outreach Gateway';

	icon: Icon = { light: 'file:outreachGateway.svg', dark: 'file:outreachGateway.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-lead-monitor';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://outreach-gateway.bank.internal',
			description: 'Address of the gateway; the API paths (/v1/sms, /v1/calls, /v1/ping) follow it',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			required: true,
			default: '',
			description: 'The application ID the gateway issued to Lead Monitor (sent as X-App-Id)',
		},
		{
			displayName: 'Signing Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Shared secret for the HMAC-SHA-256 request signature, at least 16 characters. The gateway signs its status callbacks with it too.',
		},
	];
}
