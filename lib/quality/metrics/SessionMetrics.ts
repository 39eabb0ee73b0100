/** The roles of a conversation's messages: the customer, a person of ours (客服), or a bot (三方机器人, counted like an agent). */
export const MESSAGE_ROLES = ['customer', 'agent', 'bot'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export interface SessionMessage {
	role: MessageRole;
	/** Epoch milliseconds. */
	sentAt: number;
	text: string;
}

/** Per session, the metrics the score is built from; each can be checked by hand against the messages. */
export interface SessionMetrics {
	messages: number;
	customerMessages: number;
	agentMessages: number;
	/** A round runs from the customer's first message to the first agent or bot reply. */
	rounds: number;
	answeredRounds: number;
	firstResponseSeconds: number | null;
	avgResponseSeconds: number | null;
	maxResponseSeconds: number | null;
	/** Customer messages left unanswered at the end (0 or 1) plus a hold (稍等) as the agent's last word (0 or 1). */
	missedFollowUp: number;
	rudeMessages: number;
	perfunctoryMessages: number;
	customerThanked: boolean;
	/** Scripts sent ≥ minTimes times at ≥ the similarity. */
	repeatedScripts: number;
	contactRequests: number;
	/** contactRequests ≥ the model's flag (3). */
	contactRequestsFlag: boolean;
	offTopicReplies: number;
	qualityReplies: number;
}

/** Why a message is marked in a session's breakdown: the ones that cost points, and the good ones. */
export type MessageMark =
	| 'unanswered'
	| 'holdNeverBack'
	| 'rude'
	| 'perfunctory'
	| 'repeatedScript'
	| 'contactRequest'
	| 'offTopic'
	| 'qualityReply'
	| 'thanks';

export const COSTLY_MARKS: ReadonlySet<MessageMark> = new Set(['unanswered', 'holdNeverBack', 'rude', 'perfunctory', 'repeatedScript', 'contactRequest', 'offTopic']);
