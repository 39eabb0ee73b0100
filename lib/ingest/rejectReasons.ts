import { ID_NUMBER_REASONS } from '../identity/idNumber';

/**
 * Why a call-log row was not stored: a stable English code (for counting, filtering and
 * code) and a message in Chinese with English, for the people reading the rejects.
 */
export const REJECT_REASONS = {
	emptyLine: '空行 (empty line)',
	fieldCount: '列数与表头不一致 (number of fields differs from the header)',
	unterminatedQuote: '引号未闭合，行被截断 (unterminated quote: the line is cut off)',
	malformedQuote: '引号格式错误 (malformed quoted field)',
	recordTooLong: '行过长，超过单行大小上限 (line exceeds the maximum record size)',
	badJson: 'JSON 格式错误 (not a valid JSON object)',
	encoding: '字符编码错误 (invalid characters for the file encoding)',
	invalidCharacter: '字段含非法字符 (field contains a NUL or control character)',
	fieldTooLong: '字段过长 (field is too long)',
	idEmpty: ID_NUMBER_REASONS.empty,
	idLength: ID_NUMBER_REASONS.length,
	idCharacters: ID_NUMBER_REASONS.characters,
	idCheckDigit: ID_NUMBER_REASONS.checkDigit,
	idBirthDate: ID_NUMBER_REASONS.birthDate,
	idRegion: ID_NUMBER_REASONS.region,
	timestampEmpty: '时间为空 (empty timestamp)',
	timestampInvalid: '时间格式无法识别 (timestamp cannot be parsed)',
	timestampOutOfRange: '时间超出允许范围（未来或过早）(timestamp in the future or older than allowed)',
	eventTypeEmpty: '事件类型为空 (empty event type)',
	eventTypeUnknown: '未知的事件类型 (unknown event type: add it to the event type mapping)',
	institutionEmpty: '机构为空 (empty institution)',
	institutionNotSelected: '机构不在所选范围内 (institution is not in the institution filter)',
} as const;

export type RejectCode = keyof typeof REJECT_REASONS;

export const REJECT_CODES = Object.keys(REJECT_REASONS) as RejectCode[];

/** The column a reject is about, as shown in the rejects listing. */
export type RejectField =
	| 'record'
	| 'idNumber'
	| 'institution'
	| 'eventType'
	| 'timestamp'
	| 'resultCode'
	| 'product'
	| 'requestId';

/** Rejects of this kind are counted but not listed line by line (they are not data errors). */
export const COUNTED_ONLY: ReadonlySet<RejectCode> = new Set<RejectCode>(['institutionNotSelected']);
