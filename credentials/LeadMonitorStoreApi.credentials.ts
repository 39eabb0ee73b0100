import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Where Lead Monitor keeps its data, and the two secrets that protect personal data in it.
 * Tested by the nodes' `leadMonitorStoreConnectionTest` (connects, reports the migration state).
 */
export class LeadMonitorStoreApi implements ICredentialType {
	name = 'leadMonitorStoreApi';

	displayName = 'Lead Monitor Store';

	icon: Icon = { light: 'file:leadMonitorStore.svg', dark: 'file:leadMonitorStore.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-lead-monitor';

	properties: INodeProperties[] = [
		{
			displayName: 'Store',
			name: 'mode',
			type: 'options',
			options: [
				{
					name: 'Embedded (PGlite, This n8n Instance Only)',
					value: 'embedded',
					description: 'PostgreSQL compiled into the n8n process; for a single n8n instance and for trying the product',
				},
				{
					name: 'PostgreSQL Server',
					value: 'postgres',
					description: 'A real PostgreSQL server; required for queue mode and for anything shared',
				},
			],
			default: 'embedded',
		},
		{
			displayName: 'Data Folder',
			name: 'dataDir',
			type: 'string',
			default: '',
			placeholder: '~/.n8n/lead-monitor/pglite',
			description: 'Folder for the embedded database files. Empty means "lead-monitor/pglite" inside the n8n user folder.',
			displayOptions: { show: { mode: ['embedded'] } },
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'localhost',
			displayOptions: { show: { mode: ['postgres'] } },
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 5432,
			displayOptions: { show: { mode: ['postgres'] } },
		},
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: 'postgres',
			displayOptions: { show: { mode: ['postgres'] } },
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: 'postgres',
			displayOptions: { show: { mode: ['postgres'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { mode: ['postgres'] } },
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'options',
			options: [
				{ name: 'Disable', value: 'disable' },
				{ name: 'Require', value: 'require' },
				{ name: 'Require, Allow Self-Signed Certificate', value: 'allowUnauthorized' },
			],
			default: 'disable',
			displayOptions: { show: { mode: ['postgres'] } },
		},
		{
			displayName: 'Schema',
			name: 'schema',
			type: 'string',
			default: 'lead_monitor',
			description: 'Schema that holds the Lead Monitor tables; created and migrated on first use',
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- a secret key, so it stays hidden
		{
			displayName: 'Hashing Key',
			name: 'hashingKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Secret for the keyed hash (HMAC-SHA-256) of ID numbers and phones, at least 16 characters. Changing it makes stored hashes unmatchable.',
		},
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- a secret key, so it stays hidden
		{
			displayName: 'Encryption Key',
			name: 'encryptionKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Secret for encrypting stored phone numbers (AES-256-GCM), at least 16 characters. Changing it makes stored phones unreadable.',
		},
	];
}
