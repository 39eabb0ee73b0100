import { ConsoleError } from './ConsoleError';

/**
 * Readers for an operation's input: a GET's query (every value a string, or an array of
 * strings when repeated) or a POST's JSON body (typed values; in a multipart form, text
 * fields). Each answers the value or throws an `invalid` error naming the field.
 */
export type Input = Record<string, unknown>;

function first(value: unknown): unknown {
	return Array.isArray(value) ? value[0] : value;
}

function invalid(field: string, message: string): ConsoleError {
	return new ConsoleError('invalid', message, field);
}

export function readText(input: Input, field: string, { required = false, max = 200 } = {}): string | undefined {
	const value = first(input[field]);
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		if (required) throw invalid(field, `请填写 ${field} (${field} is required)`);
		return undefined;
	}
	if (typeof value !== 'string' && typeof value !== 'number') throw invalid(field, `${field} 应为文本 (must be text)`);
	const text = String(value).trim();
	if (text.length > max) throw invalid(field, `${field} 最多 ${max} 个字符 (at most ${max} characters)`);
	return text;
}

/** Text kept as given (an empty text means "clear this field"); undefined only when absent. */
export function readField(input: Input, field: string, max: number): string | undefined {
	const value = input[field];
	if (value === undefined) return undefined;
	if (value === null) return '';
	if (typeof value !== 'string' && typeof value !== 'number') throw invalid(field, `${field} 应为文本 (must be text)`);
	const text = String(value).trim();
	if (text.length > max) throw invalid(field, `${field} 最多 ${max} 个字符 (at most ${max} characters)`);
	return text;
}

export function readInteger(input: Input, field: string, { min = 0, max = Number.MAX_SAFE_INTEGER, required = false } = {}): number | undefined {
	const value = first(input[field]);
	if (value === undefined || value === null || value === '') {
		if (required) throw invalid(field, `请填写 ${field} (${field} is required)`);
		return undefined;
	}
	const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim()) ? Number(value) : NaN;
	if (!Number.isSafeInteger(number) || number < min || number > max) {
		throw invalid(field, `${field} 应为 ${min}–${max} 的整数 (a whole number from ${min} to ${max})`);
	}
	return number;
}

export function readBoolean(input: Input, field: string): boolean | undefined {
	const value = first(input[field]);
	if (value === undefined || value === null || value === '') return undefined;
	if (value === true || value === 'true' || value === '1') return true;
	if (value === false || value === 'false' || value === '0') return false;
	throw invalid(field, `${field} 应为 true 或 false (must be true or false)`);
}

export function readChoice<T extends string>(input: Input, field: string, choices: readonly T[], fallback?: T): T | undefined {
	const value = readText(input, field, { max: 100 });
	if (value === undefined) return fallback;
	if (!(choices as readonly string[]).includes(value)) throw invalid(field, `${field} 应为 ${choices.join('、')} 之一 (one of ${choices.join(', ')})`);
	return value as T;
}

export function readTextList(input: Input, field: string, { maxItems = 50, maxLength = 50 } = {}): string[] | undefined {
	const value = input[field];
	if (value === undefined) return undefined;
	const items = Array.isArray(value) ? value : value === null || value === '' ? [] : [value];
	if (items.length > maxItems || items.some((item) => typeof item !== 'string' || item.length > maxLength)) {
		throw invalid(field, `${field} 应为最多 ${maxItems} 项、每项最多 ${maxLength} 字的文本列表 (a list of texts)`);
	}
	return items as string[];
}

export function readIdList(input: Input, field: string, maxItems: number): number[] {
	const value = input[field];
	const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value === undefined ? [] : [value];
	const ids = items.map((item) => (typeof item === 'number' ? item : typeof item === 'string' && /^\d{1,15}$/.test(item.trim()) ? Number(item) : NaN));
	if (ids.length === 0 || ids.some((id) => !Number.isSafeInteger(id) || id < 1)) throw invalid(field, `${field} 应为编号列表 (a list of ids)`);
	const unique = [...new Set(ids)];
	if (unique.length > maxItems) throw invalid(field, `一次最多 ${maxItems} 条 (at most ${maxItems} at once)`);
	return unique;
}

/** A value sent as JSON text (a multipart form's field) or as JSON already (a JSON body). */
export function readJson(input: Input, field: string): unknown {
	const value = first(input[field]);
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch {
		throw invalid(field, `${field} 不是有效的 JSON (not valid JSON)`);
	}
}

export function readObject(input: Input, field: string): Input {
	const value = readJson(input, field);
	if (value === undefined || value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) throw invalid(field, `${field} 应为对象 (must be an object)`);
	return value as Input;
}

export interface PageRequest {
	page: number;
	pageSize: number;
	limit: number;
	offset: number;
}

export function readPage(input: Input, { defaultSize = 20, maxSize = 100 } = {}): PageRequest {
	const page = readInteger(input, 'page', { min: 1, max: 1_000_000 }) ?? 1;
	const pageSize = readInteger(input, 'pageSize', { min: 1, max: maxSize }) ?? defaultSize;
	return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}

export function paged<Row>(
	request: PageRequest,
	total: number,
	rows: Row[],
	{ estimated = false } = {},
): { total: number; totalEstimated?: true; page: number; pageSize: number; rows: Row[] } {
	return { total, ...(estimated ? { totalEstimated: true as const } : {}), page: request.page, pageSize: request.pageSize, rows };
}
