import type { QualityField } from './qualityFields';

/** A row that was not accepted: its row (line) number, the field and the reason, for the person who fixes the file. */
export interface QualityRowReject {
	row: number;
	field: QualityField | 'row';
	reason: string;
	/** The session the row named, when it named one: that session's score then says it is incomplete. */
	sessionId?: string;
}

export const LIMITS = {
	/** Longer texts are rejected (a 1 MB message is a broken export, not a chat line). */
	textCharacters: 20_000,
	idCharacters: 128,
	commentCharacters: 2_000,
	/** A time further ahead than this is a clock or export error. */
	futureToleranceMs: 5 * 60_000,
} as const;

export const REASONS = {
	required: '必填 (required)',
	tooLong: (limit: number) => `超过 ${limit} 个字符 (longer than ${limit} characters)`,
	role: '角色应为 customer / agent / bot（客户 / 客服 / 机器人）(role must be customer, agent or bot)',
	agentForReply: '客服或机器人的消息需要客服ID (an agent or bot message needs its agentId)',
	time: '时间格式无法识别 (time cannot be parsed)',
	future: '时间在未来 (time is in the future)',
	rating: '评分应为 1–5 的整数 (rating must be a whole number from 1 to 5)',
	phone: '不是电话号码 (not a phone number)',
	undecodable: '含无法解码的字符，文件编码可能混杂 (characters that cannot be decoded: mixed encodings?)',
} as const;
