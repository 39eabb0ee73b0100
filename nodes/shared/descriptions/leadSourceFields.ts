import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

const LEAD_FIELD_OPTIONS = [
	{ name: 'Attributes (自定义属性)', value: 'attributes' },
	{ name: 'Company (公司名称)', value: 'company' },
	{ name: 'E-Mail (邮箱)', value: 'email' },
	{ name: 'ID Number (身份证号)', value: 'idNumber' },
	{ name: 'Industry (行业)', value: 'industry' },
	{ name: 'Lead ID (线索编号)', value: 'leadId' },
	{ name: 'Mobile Phone (联系电话)', value: 'phone' },
	{ name: 'Name (客户姓名)', value: 'name' },
	{ name: 'Owner (负责人)', value: 'owner' },
	{ name: 'Source Channel (来源渠道)', value: 'sourceChannel' },
	{ name: 'Tags (标签)', value: 'tags' },
	{ name: 'WeChat ID (微信号)', value: 'wechatId' },
];

/** Where leads come from (a file from a previous node, or the input items) and how columns map to fields. */
export function leadSourceFields(show: IDisplayOptions['show']): INodeProperties[] {
	const fromFile = { show: { ...show, source: ['binary'] } };
	return [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			options: [
				{ name: 'File (CSV, XLSX or JSON)', value: 'binary', description: 'A file from a previous node: Webhook upload, Read Files, FTP, S3…' },
				{ name: 'Input Items', value: 'items', description: 'Each input item is one lead' },
			],
			default: 'binary',
			displayOptions: { show },
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: fromFile,
		},
		{
			displayName: 'File Format',
			name: 'fileFormat',
			type: 'options',
			options: [
				{ name: 'Auto (From File Name)', value: 'auto' },
				{ name: 'CSV', value: 'csv' },
				{ name: 'JSON or JSON Lines', value: 'json' },
				{ name: 'XLSX', value: 'xlsx' },
			],
			default: 'auto',
			displayOptions: fromFile,
		},
		{
			displayName: 'Encoding',
			name: 'encoding',
			type: 'options',
			options: [
				{ name: 'Auto (UTF-8 or GBK)', value: 'auto' },
				{ name: 'GBK', value: 'gbk' },
				{ name: 'UTF-8', value: 'utf8' },
			],
			default: 'auto',
			displayOptions: { show: { ...show, source: ['binary'], fileFormat: ['auto', 'csv'] } },
		},
		{
			displayName: 'Column Mapping',
			name: 'columnMapping',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Mapping',
			default: {},
			description:
				'Which column (or item field) holds which lead field. Common Chinese and English headers (客户姓名, 联系电话, 身份证号, 来源渠道…) are recognised without mapping; unmatched columns become custom attributes.',
			displayOptions: { show },
			options: [
				{
					displayName: 'Mapping',
					name: 'mappings',
					values: [
						{ displayName: 'Lead Field', name: 'field', type: 'options', options: LEAD_FIELD_OPTIONS, default: 'name' },
						{ displayName: 'Column Header', name: 'header', type: 'string', default: '', placeholder: '客户姓名' },
					],
				},
			],
		},
	];
}
