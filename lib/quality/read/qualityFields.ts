import type { MessageRole } from '../metrics/SessionMetrics';

/** The fields of a message file and of a rating file. */
export const MESSAGE_FIELDS = ['sessionId', 'agentId', 'role', 'sentAt', 'text', 'team', 'leadId', 'phone'] as const;
export const RATING_FIELDS = ['sessionId', 'rating', 'ratedAt', 'comment'] as const;
export type MessageField = (typeof MESSAGE_FIELDS)[number];
export type RatingField = (typeof RATING_FIELDS)[number];
export type QualityField = MessageField | RatingField;

/** Header names each field is found under without any mapping: English, snake_case, and the Chinese exports use. */
export const HEADER_NAMES: Record<QualityField, readonly string[]> = {
	sessionId: ['sessionId', 'session_id', '会话ID', '会话id', '会话编号'],
	agentId: ['agentId', 'agent_id', '客服ID', '客服id', '客服', '坐席ID'],
	role: ['role', '角色', '发送方'],
	sentAt: ['sentAt', 'sent_at', 'time', '发送时间', '时间'],
	text: ['text', 'content', '内容', '消息内容'],
	team: ['team', '团队', '客服团队'],
	leadId: ['leadId', 'lead_id', '线索ID', '线索id'],
	phone: ['phone', 'mobile', '电话', '手机号'],
	rating: ['rating', 'score', '评分', '评价'],
	ratedAt: ['ratedAt', 'rated_at', '评价时间'],
	comment: ['comment', '评论', '评价内容'],
};

/** The names a role is written as (a Map: a role written `constructor` or `__proto__` is no role, not Object's). */
const ROLE_NAMES = new Map<string, MessageRole>(
	Object.entries<MessageRole>({
		customer: 'customer',
		user: 'customer',
		visitor: 'customer',
		客户: 'customer',
		用户: 'customer',
		访客: 'customer',
		网民: 'customer',
		agent: 'agent',
		staff: 'agent',
		客服: 'agent',
		坐席: 'agent',
		人工: 'agent',
		bot: 'bot',
		robot: 'bot',
		机器人: 'bot',
		智能客服: 'bot',
	}),
);

export function roleOf(value: string): MessageRole | undefined {
	// Most files write a role exactly as listed: no lower-casing then.
	return ROLE_NAMES.get(value) ?? ROLE_NAMES.get(value.trim().toLowerCase());
}

/** For each field, the header of this file it is under (the first name that is present), found once per file. */
export function headerFor<Field extends QualityField>(fields: readonly Field[], headers: readonly string[]): Record<Field, string | undefined> {
	const byLower = new Map(headers.map((h) => [h.toLowerCase(), h]));
	return Object.fromEntries(fields.map((field) => [field, HEADER_NAMES[field].map((name) => byLower.get(name.toLowerCase())).find(Boolean)])) as Record<Field, string | undefined>;
}

/** Labels for messages, Chinese first. */
export const FIELD_LABELS: Record<QualityField | 'row', string> = {
	row: '整行 (row)',
	sessionId: '会话ID (sessionId)',
	agentId: '客服ID (agentId)',
	role: '角色 (role)',
	sentAt: '发送时间 (sentAt)',
	text: '内容 (text)',
	team: '团队 (team)',
	leadId: '线索ID (leadId)',
	phone: '电话 (phone)',
	rating: '评分 (rating)',
	ratedAt: '评价时间 (ratedAt)',
	comment: '评论 (comment)',
};
