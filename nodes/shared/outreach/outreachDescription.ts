import type { INodeProperties } from 'n8n-workflow';

import type { Channel } from '../../../lib/ledger';

const WORDS: Record<Channel, { message: string; template: string; placeholder: string }> = {
	sms: { message: '短信', template: 'SMS template ID (短信模板)', placeholder: 'SMS_HIGH_POTENTIAL' },
	call: { message: '外呼', template: 'Call script ID (外呼话术模板)', placeholder: 'CALL_HIGH_POTENTIAL' },
};

/** The parameters SMS and Outbound Call share; only the words differ. */
export function outreachProperties(channel: Channel): INodeProperties[] {
	const words = WORDS[channel];
	return [
		{
			displayName: `Each hit is sent at most once per channel (idempotency key per hit and channel); the phone is decrypted only for the request. Put Push Gate in front to apply the contact policy.`,
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Recipient',
			name: 'recipient',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Hit (高潜命中)', value: 'hit', description: "The hit's lead, phone from the store" },
				{ name: 'Phone Number (测试推送)', value: 'phone', description: 'A number given here, for a test push' },
			],
			default: 'hit',
		},
		{
			displayName: 'Hit ID Field',
			name: 'hitIdField',
			type: 'string',
			default: 'hitId',
			required: true,
			description: 'The input field holding the hit ID (Push Gate and Lead Store give hitId)',
			displayOptions: { show: { recipient: ['hit'] } },
		},
		{
			displayName: 'Phone Number',
			name: 'phone',
			type: 'string',
			default: '',
			required: true,
			placeholder: '13800138000',
			description: 'Mainland mobile number; opt-outs are honoured for it too',
			displayOptions: { show: { recipient: ['phone'] } },
		},
		{
			displayName: words.template,
			name: 'templateId',
			type: 'string',
			default: '',
			required: true,
			placeholder: words.placeholder,
			description: `The ${words.message} template the gateway renders`,
		},
		{
			displayName: 'Variables From Hit',
			name: 'hitFields',
			type: 'multiOptions',
			options: [
				{ name: 'Grade (分级)', value: 'grade' },
				{ name: 'Hit Date (命中日期)', value: 'hitDate' },
				{ name: 'Label (命中规则)', value: 'label' },
				{ name: 'Lead ID (线索编号)', value: 'leadId' },
				{ name: 'Reason (高潜原因)', value: 'reason' },
				{ name: 'Rule ID', value: 'ruleId' },
				{ name: 'Source (线索来源)', value: 'source' },
			],
			default: ['label', 'reason'],
			description: 'Fields of the input hit passed to the template under their own names',
			displayOptions: { show: { recipient: ['hit'] } },
		},
		{
			displayName: 'Template Variables',
			name: 'variables',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Variable',
			default: {},
			description: 'More values for the template, fixed or expressions over the item',
			options: [
				{
					name: 'values',
					displayName: 'Variable',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Dry Run (演练)',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description: 'Whether to only show what would be sent (phone masked), without calling the gateway',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Callback URL',
					name: 'callbackUrl',
					type: 'string',
					default: '',
					placeholder: 'https://n8n.bank.internal/webhook/outreach-callback',
					description: 'Where the gateway posts delivery and status callbacks (the outreach-callback workflow)',
				},
				{
					displayName: 'Claim Lease (Seconds)',
					name: 'claimLeaseSeconds',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description:
						'How long a push claimed by a run that stopped half-way (a worker that died) is held before another run may send it, under the same idempotency key (the gateway dedupes). 0: worked out from the timeout, retries and batch size (2–15 minutes).',
				},
				{
					displayName: 'Concurrency',
					name: 'concurrency',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 64 },
					default: 8,
					description: 'Requests to the gateway at the same time',
				},
				{
					displayName: 'Lead Name Variable',
					name: 'leadNameVariable',
					type: 'string',
					default: '',
					placeholder: 'name',
					description: "Put the lead's full name into this template variable (read from the store at send time, never output)",
				},
				{
					displayName: 'Retries',
					name: 'retries',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: 10 },
					default: 3,
					description: 'Further attempts on 5xx answers, timeouts and dropped connections (never on 4xx)',
				},
				{
					displayName: 'Retry Delay (Ms)',
					name: 'retryDelayMs',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 500,
					description: 'First backoff delay; it doubles on every retry, up to 30 seconds',
				},
				{
					displayName: 'Timeout (Seconds)',
					name: 'timeoutSeconds',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 10,
					description: 'Per attempt',
				},
				{
					displayName: 'Update Hit Status',
					name: 'updateHitStatus',
					type: 'boolean',
					default: true,
					description:
						'Whether to move the hit to 营销进行中 when sent, or to 已联系失效 when the gateway refuses the number (in the same transaction as the ledger)',
				},
			],
		},
	];
}
