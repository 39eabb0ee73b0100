/** The fields of a call-log row the ingest reads, and the header names it knows them by. */
export const CALL_LOG_FIELDS = [
	'idNumber',
	'institution',
	'eventType',
	'timestamp',
	'resultCode',
	'product',
	'requestId',
] as const;

export type CallLogField = (typeof CALL_LOG_FIELDS)[number];

/** Fields a row cannot do without (institution may instead come from the file's own setting). */
export const REQUIRED_FIELDS: readonly CallLogField[] = ['idNumber', 'institution', 'eventType', 'timestamp'];

export const FIELD_LABELS: Readonly<Record<CallLogField, string>> = {
	idNumber: '身份证号 (ID number)',
	institution: '机构 (institution)',
	eventType: '事件类型 (event type)',
	timestamp: '时间 (timestamp)',
	resultCode: '结果码 (result code)',
	product: '产品/渠道 (product)',
	requestId: '请求ID (request ID)',
};

/** Header names recognised by default, compared after normalising (see normaliseHeader). */
export const DEFAULT_HEADER_NAMES: Readonly<Record<CallLogField, readonly string[]>> = {
	idNumber: ['身份证号', '身份证号码', '证件号码', '证件号', '公民身份号码', 'id_number', 'idnumber', 'id_no', 'idno', 'id_card', 'idcard', 'cert_no', 'certno'],
	institution: ['机构', '机构名称', '机构代码', '调用机构', '网点', 'institution', 'inst', 'org', 'org_name', 'branch'],
	eventType: ['事件类型', '核验类型', '调用类型', '业务类型', '事件', 'event_type', 'eventtype', 'type', 'verify_type', 'api_type'],
	timestamp: ['时间', '调用时间', '核验时间', '请求时间', '发生时间', '事件时间', 'timestamp', 'time', 'event_time', 'call_time', 'request_time', 'occurred_at', 'created_at'],
	resultCode: ['结果码', '结果代码', '返回码', '核验结果', '结果', 'result_code', 'resultcode', 'result', 'code', 'ret_code'],
	product: ['产品', '渠道', '产品名称', '业务渠道', 'product', 'channel', 'product_name'],
	requestId: ['请求id', '请求编号', '流水号', '交易流水号', '请求流水号', 'request_id', 'requestid', 'req_id', 'trace_id', 'serial_no'],
};

/** Header text compared case-insensitively, ignoring spaces, a UTF-8 BOM and full-width brackets' content style. */
export function normaliseHeader(header: string): string {
	return header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s\u3000]+/g, '').replace(/-/g, '_');
}

/** Column position of each field (−1 when the file does not have it). */
export type ColumnPositions = Record<CallLogField, number>;

export interface ColumnResolution {
	positions: ColumnPositions;
	/** Required fields the header lacks. */
	missing: CallLogField[];
}

/**
 * Finds each field's column by header name: the names given for the field (comma-separated)
 * when set, else the default synonyms. The first matching column wins.
 */
export function resolveColumns(
	headers: readonly string[],
	overrides: Partial<Record<CallLogField, string>>,
	optional: ReadonlySet<CallLogField> = new Set(),
): ColumnResolution {
	const normalised = headers.map(normaliseHeader);
	const positions = {} as ColumnPositions;
	const missing: CallLogField[] = [];
	for (const field of CALL_LOG_FIELDS) {
		const given = overrides[field]?.trim();
		const names = given ? given.split(/[,，]/).map(normaliseHeader).filter(Boolean) : DEFAULT_HEADER_NAMES[field].map(normaliseHeader);
		let position = -1;
		for (const name of names) {
			position = normalised.indexOf(name);
			if (position >= 0) break;
		}
		positions[field] = position;
		if (position < 0 && REQUIRED_FIELDS.includes(field) && !optional.has(field)) missing.push(field);
	}
	return { positions, missing };
}
