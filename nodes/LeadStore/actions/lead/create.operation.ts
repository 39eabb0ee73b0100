import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { createLead, type LeadInput } from '../../../../lib/roster';
import { runPerItem } from '../../../shared/runPerItem';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { leadIdField } from './leadIdField';

const show = { resource: ['lead'], operation: ['create'] };

export const description: INodeProperties[] = [
	leadIdField(['create'], false),
	{
		displayName: 'Name (姓名)',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: '张三',
		displayOptions: { show },
	},
	{
		displayName: 'Mobile Phone (手机号)',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: '13812348899',
		description: 'Stored encrypted; shown masked (138****8899) in every output',
		displayOptions: { show },
	},
	{
		displayName: 'ID Number (身份证号)',
		name: 'idNumber',
		type: 'string',
		default: '',
		description: 'Checked and stored only as a keyed hash; never kept in clear',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Attributes (自定义属性)', name: 'attributes', type: 'json', default: '{}' },
			{ displayName: 'Company (公司)', name: 'company', type: 'string', default: '' },
			{ displayName: 'E-Mail (邮箱)', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Industry (行业)', name: 'industry', type: 'string', default: '' },
			{ displayName: 'Owner (负责人)', name: 'owner', type: 'string', default: '' },
			{
				displayName: 'Source Channel (来源渠道)',
				name: 'sourceChannel',
				type: 'string',
				default: '',
				placeholder: '官网预约',
				description: 'E.g. 官网预约, 抖音推广, 线下活动, 熟人转介绍, 搜索引擎',
			},
			{ displayName: 'Status (状态)', name: 'status', type: 'string', default: 'new' },
			{
				displayName: 'Tags (标签)',
				name: 'tags',
				type: 'string',
				default: '',
				description: 'Comma-separated',
			},
			{ displayName: 'WeChat ID (微信号)', name: 'wechatId', type: 'string', default: '' },
		],
	},
];

export async function execute(this: IExecuteFunctions, { store, keys }: StoreConnection): Promise<INodeExecutionData[]> {
	return runPerItem(this, async (itemIndex) => {
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const input: LeadInput = {
			leadId: text(this.getNodeParameter('leadId', itemIndex, '')),
			name: text(this.getNodeParameter('name', itemIndex, '')),
			phone: text(this.getNodeParameter('phone', itemIndex, '')),
			idNumber: text(this.getNodeParameter('idNumber', itemIndex, '')),
			email: text(extra.email),
			wechatId: text(extra.wechatId),
			company: text(extra.company),
			industry: text(extra.industry),
			sourceChannel: text(extra.sourceChannel),
			owner: text(extra.owner),
			status: text(extra.status),
			tags: typeof extra.tags === 'string' ? splitTags(extra.tags) : undefined,
			attributes: parseAttributes(extra.attributes),
		};
		return (await createLead(store, keys, input)) as unknown as IDataObject;
	});
}

function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const trimmed = String(value).trim();
	return trimmed === '' ? undefined : trimmed;
}

function splitTags(tags: string): string[] {
	return tags
		.split(/[,，]/)
		.map((tag) => tag.trim())
		.filter(Boolean);
}

function parseAttributes(value: unknown): Record<string, unknown> | undefined {
	if (value === undefined || value === '') return undefined;
	const parsed = typeof value === 'string' ? JSON.parse(value) : value;
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new Error('Attributes must be a JSON object, e.g. {"年收入": "30万"}');
	}
	return parsed as Record<string, unknown>;
}
