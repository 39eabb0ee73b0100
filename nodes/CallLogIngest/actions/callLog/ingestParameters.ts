import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIME_ZONE, INGEST_DEFAULTS, type CallLogField, type IngestOptions } from '../../../../lib/ingest';

const show = { resource: ['callLog'], operation: ['ingest'] };

/** One "column name" option per call-log field. */
const COLUMN_OPTIONS: Array<{ field: CallLogField; displayName: string; placeholder: string }> = [
	{ field: 'eventType', displayName: 'Event Type Column (事件类型列)', placeholder: '事件类型, event_type' },
	{ field: 'idNumber', displayName: 'ID Number Column (身份证号列)', placeholder: '身份证号, id_number' },
	{ field: 'institution', displayName: 'Institution Column (机构列)', placeholder: '机构, institution' },
	{ field: 'product', displayName: 'Product Column (产品/渠道列)', placeholder: '产品, product' },
	{ field: 'requestId', displayName: 'Request ID Column (请求ID列)', placeholder: '请求ID, request_id' },
	{ field: 'resultCode', displayName: 'Result Code Column (结果码列)', placeholder: '结果码, result_code' },
	{ field: 'timestamp', displayName: 'Timestamp Column (时间列)', placeholder: '调用时间, timestamp' },
];

export const ingestDescription: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'inputSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Binary File From Previous Node',
				value: 'binary',
				description: 'A file read by a previous node (Read/Write Files from Disk, FTP, S3, HTTP Request…)',
			},
			{ name: 'File Path on Disk', value: 'path', description: 'A file on the n8n server; wildcards load several files' },
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
		description: 'The name of the input binary field that holds the call-log file',
		displayOptions: { show: { ...show, inputSource: ['binary'] } },
	},
	{
		displayName: 'File Path',
		name: 'filePath',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/data/call-logs/2025-12-22/*.csv',
		description: 'Path of the call-log file. With * or ? it loads every matching file, each as its own batch with its own summary item.',
		displayOptions: { show: { ...show, inputSource: ['path'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			...COLUMN_OPTIONS.map(
				({ field, displayName, placeholder }): INodeProperties => ({
					displayName,
					name: `${field}Column`,
					type: 'string',
					default: '',
					placeholder,
					description: 'Header name(s) of this column, comma-separated; empty uses the usual Chinese and English names',
				}),
			),
			{
				displayName: 'Delimiter (分隔符)',
				name: 'delimiter',
				type: 'options',
				options: [
					{ name: 'Auto-Detect', value: 'auto' },
					{ name: 'Comma (,)', value: ',' },
					{ name: 'Pipe (|)', value: '|' },
					{ name: 'Semicolon (;)', value: ';' },
					{ name: 'Tab', value: '\t' },
				],
				default: 'auto',
			},
			{
				displayName: 'Encoding (编码)',
				name: 'encoding',
				type: 'options',
				options: [
					{ name: 'Auto-Detect (UTF-8 or GBK)', value: 'auto' },
					{ name: 'GBK / GB18030', value: 'gbk' },
					{ name: 'UTF-8', value: 'utf8' },
				],
				default: 'auto',
			},
			{
				displayName: 'Event Type Mapping (事件类型映射)',
				name: 'eventTypeMapping',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				placeholder: 'FV01=face\nOCR02=ocr\nDQ=data_api',
				description:
					'Vendor codes of your log → face (人脸核验), ocr (身份证OCR) or data_api (数据接口查询), one per line. Common codes such as FACE_VERIFY, 人脸识别, OCR_IDCARD, 数据查询 are known already.',
			},
			{
				displayName: 'File Format (文件格式)',
				name: 'format',
				type: 'options',
				options: [
					{ name: 'Auto-Detect', value: 'auto' },
					{ name: 'CSV', value: 'csv' },
					{ name: 'JSON Lines', value: 'jsonl' },
				],
				default: 'auto',
			},
			{
				displayName: 'Institution Filter (机构筛选)',
				name: 'institutionFilter',
				type: 'string',
				default: '',
				placeholder: '华东中心机构, 上海研发分部',
				description: 'Keep only these institutions (names after mapping, comma-separated); rows of others are counted as not selected. Empty keeps all.',
			},
			{
				displayName: 'Institution for Whole File (文件所属机构)',
				name: 'defaultInstitution',
				type: 'string',
				default: '',
				description: 'For a log that is one institution\'s: used for rows without an institution, and when the file has no institution column',
			},
			{
				displayName: 'Institution Mapping (机构映射)',
				name: 'institutionMapping',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				placeholder: 'HZ001=杭州银行总行营业部\nSH002=上海研发分部',
				description: 'Institution codes or names in the file → the name to store, one per line',
			},
			{
				displayName: 'Max Event Age (Days)',
				name: 'maxEventAgeDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: INGEST_DEFAULTS.maxEventAgeDays,
				description: 'Rows dated earlier than this many days ago, or in the future, are rejected',
			},
			{
				displayName: 'Max Line Size (KB)',
				name: 'maxRecordKb',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: INGEST_DEFAULTS.maxRecordBytes / 1024,
				description: 'Longer lines are rejected as too long (and skipped without being held in memory)',
			},
			{
				displayName: 'Max Stored Rejects',
				name: 'maxStoredRejects',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: INGEST_DEFAULTS.maxStoredRejects,
				description: 'Rejected rows kept line by line for List Rejects; every rejected row is counted in the summary either way',
			},
			{
				displayName: 'Time Zone (时区)',
				name: 'timeZone',
				type: 'string',
				default: DEFAULT_TIME_ZONE,
				description: 'Time zone of times written without an offset, and of event dates and hours of day',
			},
			{
				displayName: 'Timestamp Format (时间格式)',
				name: 'timestampFormat',
				type: 'string',
				default: 'auto',
				placeholder: 'yyyy/MM/dd HH:mm:ss',
				description:
					'"auto" reads yyyy-MM-dd HH:mm:ss (also with / or T, fractions, offsets), yyyyMMddHHmmss and epoch seconds or milliseconds; otherwise a Luxon format',
			},
		],
	},
];

/** The node's Options collection as ingest options. */
export function ingestOptionsFrom(options: IDataObject): IngestOptions {
	const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
	const number = (name: string) => (typeof options[name] === 'number' ? (options[name] as number) : undefined);
	const columns: IngestOptions['columns'] = {};
	for (const { field } of COLUMN_OPTIONS) {
		const value = text(`${field}Column`)?.trim();
		if (value) columns[field] = value;
	}
	const maxRecordKb = number('maxRecordKb');
	return {
		format: text('format') as IngestOptions['format'],
		encoding: text('encoding') as IngestOptions['encoding'],
		delimiter: text('delimiter') as IngestOptions['delimiter'],
		columns,
		eventTypeMapping: text('eventTypeMapping'),
		institutionMapping: text('institutionMapping'),
		institutionFilter: text('institutionFilter'),
		defaultInstitution: text('defaultInstitution'),
		timeZone: text('timeZone'),
		timestampFormat: text('timestampFormat'),
		maxEventAgeDays: number('maxEventAgeDays'),
		maxRecordBytes: maxRecordKb === undefined ? undefined : Math.round(maxRecordKb * 1024),
		maxStoredRejects: number('maxStoredRejects'),
	};
}
