import type { RawLead } from '../../cleanse';
import type { FileRecord } from '../../files';
import { LeadError } from '../LeadError';

export type LeadField = keyof Required<RawLead>;

/** Header names a bank's exports use for each lead field (compared without spaces, case-insensitively). */
const HEADER_SYNONYMS: Record<LeadField, string[]> = {
	leadId: ['leadId', 'lead_id', '线索编号', '线索ID', '线索id', '客户编号'],
	name: ['name', '客户姓名', '姓名', '联系人', '客户名称'],
	phone: ['phone', 'mobile', '联系电话', '手机号', '手机号码', '手机', '电话'],
	idNumber: ['idNumber', 'id_number', '身份证号', '身份证号码', '证件号码', '证件号'],
	email: ['email', 'e-mail', '邮箱', '电子邮箱'],
	wechatId: ['wechatId', 'wechat', 'wechat_id', '微信', '微信号'],
	company: ['company', '公司', '公司名称', '单位', '工作单位', '企业名称'],
	industry: ['industry', '行业', '所属行业'],
	sourceChannel: ['sourceChannel', 'source_channel', 'source', '来源渠道', '来源', '渠道'],
	owner: ['owner', '负责人', '客户经理', '归属人'],
	tags: ['tags', '标签'],
	attributes: ['attributes', '自定义属性'],
};

const normaliseHeader = (header: string) => header.replace(/[\s_-]/g, '').toLowerCase();

const SYNONYM_TO_FIELD = new Map<string, LeadField>(
	Object.entries(HEADER_SYNONYMS).flatMap(([field, names]) =>
		names.map((name) => [normaliseHeader(name), field as LeadField] as const),
	),
);

/**
 * Turns a file row into lead fields: explicit mapping first (field → header), then the
 * synonyms; columns that match no field are kept as custom attributes.
 */
export function leadFromRecord(record: FileRecord, mapping: Partial<Record<LeadField, string>> = {}): RawLead {
	const lead: Record<string, unknown> = {};
	const attributes: Record<string, string> = {};
	const mappedHeaders = new Map(Object.entries(mapping).map(([field, header]) => [header, field as LeadField]));
	for (const [header, value] of Object.entries(record.values)) {
		const field = mappedHeaders.get(header) ?? SYNONYM_TO_FIELD.get(normaliseHeader(header));
		if (field === 'attributes') Object.assign(attributes, parseAttributes(value));
		else if (field) lead[field] = value;
		else if (value !== '') attributes[header] = value;
	}
	if (Object.keys(attributes).length > 0) lead.attributes = attributes;
	return lead as RawLead;
}

function parseAttributes(value: string): Record<string, string> {
	try {
		const parsed = JSON.parse(value);
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
	} catch {
		// not JSON: kept as one attribute below
	}
	return value ? { 自定义属性: value } : {};
}

/** The field each header would fill by its name (synonyms), field → the first such header. */
export function suggestLeadMapping(headers: readonly string[]): Partial<Record<LeadField, string>> {
	const mapping: Partial<Record<LeadField, string>> = {};
	for (const header of headers) {
		const field = SYNONYM_TO_FIELD.get(normaliseHeader(header));
		if (field && !mapping[field]) mapping[field] = header;
	}
	return mapping;
}

/** The lead field a header fills by its name alone, if any. */
export function fieldOfHeader(header: string): LeadField | undefined {
	return SYNONYM_TO_FIELD.get(normaliseHeader(header));
}

/** A column mapping as a caller sent it (field → header), checked: known fields, text headers. */
export function checkedLeadMapping(value: unknown): Partial<Record<LeadField, string>> {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value !== 'object' || Array.isArray(value)) throw new LeadError('列映射应为 字段 → 表头 的对象 (mapping must be an object)', 'mapping');
	const mapping: Partial<Record<LeadField, string>> = {};
	for (const [field, header] of Object.entries(value)) {
		if (!(field in HEADER_SYNONYMS)) throw new LeadError(`"${field}" 不是线索字段 (not a lead field)`, `mapping.${field}`);
		if (header === null || header === '') continue;
		if (typeof header !== 'string') throw new LeadError(`字段 ${field} 的表头应为文本 (header must be text)`, `mapping.${field}`);
		mapping[field as LeadField] = header;
	}
	return mapping;
}
