import type { FileRecord } from '../files';

/** A conversion as it arrives: each field as text (a file cell) or as JSON gives it. */
export interface RawConversion {
	idNumber?: unknown;
	phone?: unknown;
	product?: unknown;
	amount?: unknown;
	convertedOn?: unknown;
	/** The bank's own reference (流水号); when given, it alone makes the conversion unique. */
	reference?: unknown;
}

export type ConversionField = keyof RawConversion;

/** Header names a bank's exports use (compared without spaces, _ and -, case-insensitively). */
const HEADER_SYNONYMS: Record<ConversionField, string[]> = {
	idNumber: ['idNumber', 'id_number', '身份证号', '身份证号码', '证件号码', '证件号'],
	phone: ['phone', 'mobile', '手机号', '手机号码', '手机', '联系电话', '电话'],
	product: ['product', '产品', '产品名称', '转化产品', '业务类型'],
	amount: ['amount', '金额', '转化金额', '放款金额', '交易金额', '金额(元)', '金额（元）'],
	convertedOn: ['convertedOn', 'converted_on', 'date', '转化日期', '日期', '放款日期', '开户日期', '办理日期', '交易日期'],
	reference: ['reference', 'ref', '流水号', '业务流水号', '订单号', '合同号', '业务编号'],
};

const normaliseHeader = (header: string) => header.replace(/[\s_-]/g, '').toLowerCase();

const SYNONYM_TO_FIELD = new Map<string, ConversionField>(
	Object.entries(HEADER_SYNONYMS).flatMap(([field, names]) => names.map((name) => [normaliseHeader(name), field as ConversionField] as const)),
);

/** The conversion field a header (or a JSON key) names, if any. */
export function conversionFieldOf(header: string): ConversionField | undefined {
	return SYNONYM_TO_FIELD.get(normaliseHeader(header));
}

/** A file row or a JSON object as conversion fields, by header synonyms; other columns are ignored. */
export function conversionFromValues(values: Readonly<Record<string, unknown>>): RawConversion {
	const conversion: RawConversion = {};
	for (const [header, value] of Object.entries(values)) {
		const field = conversionFieldOf(header);
		if (field && conversion[field] === undefined) conversion[field] = value;
	}
	return conversion;
}

export function conversionFromRecord(record: FileRecord): RawConversion {
	return conversionFromValues(record.values);
}
