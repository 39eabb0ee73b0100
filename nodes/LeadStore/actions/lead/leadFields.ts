import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { LeadInput } from '../../../../lib/roster';

/** Optional lead fields, shared by Create ("Additional Fields") and Update ("Update Fields"). */
export const optionalLeadFields: INodeProperties[] = [
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
	{ displayName: 'Tags (标签)', name: 'tags', type: 'string', default: '', description: 'Comma-separated' },
	{ displayName: 'WeChat ID (微信号)', name: 'wechatId', type: 'string', default: '' },
];

/** The personal fields, top-level on Create, inside "Update Fields" on Update. */
export const personalLeadFields: INodeProperties[] = [
	{ displayName: 'Name (姓名)', name: 'name', type: 'string', default: '', placeholder: '张三' },
	{
		displayName: 'Mobile Phone (手机号)',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: '13812348899',
		description: 'Stored encrypted; shown masked (138****8899) in every output',
	},
	{
		displayName: 'ID Number (身份证号)',
		name: 'idNumber',
		type: 'string',
		default: '',
		description: 'Checked and stored only as a keyed hash; never kept in clear',
	},
];

/** Reads lead fields from a parameter object; empty strings mean "not given". */
export function leadInputFrom(fields: IDataObject): Omit<LeadInput, 'leadId'> {
	return {
		name: text(fields.name),
		phone: text(fields.phone),
		idNumber: text(fields.idNumber),
		email: text(fields.email),
		wechatId: text(fields.wechatId),
		company: text(fields.company),
		industry: text(fields.industry),
		sourceChannel: text(fields.sourceChannel),
		owner: text(fields.owner),
		status: text(fields.status),
		tags: typeof fields.tags === 'string' && fields.tags.trim() !== '' ? splitTags(fields.tags) : undefined,
		attributes: parseAttributes(fields.attributes),
	};
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
	if (value === undefined || value === '' || value === '{}') return undefined;
	const parsed = typeof value === 'string' ? parseJsonOrUndefined(value) : value;
	if (parsed === undefined || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new Error('Attributes must be a JSON object, e.g. {"年收入": "30万"}');
	}
	return parsed as Record<string, unknown>;
}

function parseJsonOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
