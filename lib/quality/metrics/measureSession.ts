import type { QualityModel } from '../model/QualityModel';
import { findRepeatedScripts } from './repeatedScripts';
import type { MessageMark, SessionMessage, SessionMetrics } from './SessionMetrics';
import { containsAny, type WordLists } from './wordLists';

export interface MeasuredSession {
	metrics: SessionMetrics;
	/** The messages in the order measured (time, the customer first on equal times). */
	messages: SessionMessage[];
	/** Per message: why it is marked. */
	marks: MessageMark[][];
	/** Per message: the seconds it took to answer its round, on the reply that closed it. */
	responseSeconds: Array<number | null>;
}

const NO_MARKS = Object.freeze([]) as unknown as MessageMark[];

/** Punctuation, symbols and spaces: what is left is what a reply says (嗯嗯！ is two characters). */
const NOT_CONTENT = /[\s\p{P}\p{S}]/gu;

/** Time order; on equal times the customer's message first (a reply cannot come before what it answers). */
export function inConversationOrder(messages: readonly SessionMessage[]): SessionMessage[] {
	return [...messages].sort((a, b) => a.sentAt - b.sentAt || Number(b.role === 'customer') - Number(a.role === 'customer'));
}

/**
 * Measures one session as issue 16 defines its metrics. Agent and bot replies count alike
 * (the document covers 人工回复 and 三方机器人); a blank reply is not a valid one.
 */
export function measureSession(
	given: readonly SessionMessage[],
	words: WordLists,
	model: Pick<QualityModel, 'repeatedScript' | 'contactRequestFlag'>,
): MeasuredSession {
	const messages = inConversationOrder(given);
	// Most messages cost nothing: they share one frozen empty list until marked.
	const marks = messages.map(() => NO_MARKS);
	const mark = (i: number, why: MessageMark) => {
		if (marks[i] === NO_MARKS) marks[i] = [why];
		else marks[i].push(why);
	};
	const responseSeconds = messages.map((): number | null => null);
	const lower = messages.map((m) => m.text.toLowerCase());
	const isReply = (i: number) => messages[i].role !== 'customer' && messages[i].text.trim() !== '';

	let rounds = 0;
	let roundStart = -1;
	const times: number[] = [];
	let rude = 0;
	let perfunctory = 0;
	let thanked = false;
	let contactRequests = 0;
	let offTopic = 0;
	let quality = 0;
	/** The customer's last message so far (its content is looked at only when a short reply follows it). */
	let previousCustomerIndex = -1;
	let lastReply = -1;
	const replyIndexes: number[] = [];

	messages.forEach((message, i) => {
		if (message.role === 'customer') {
			if (roundStart < 0) {
				roundStart = i;
				rounds++;
			}
			if (containsAny(lower[i], words.thanks)) {
				thanked = true;
				mark(i, 'thanks');
			}
			if (i > 0 && messages[i - 1].role !== 'customer' && containsAny(lower[i], words.offTopic)) {
				offTopic++;
				mark(i, 'offTopic');
			}
			previousCustomerIndex = i;
			return;
		}
		if (!isReply(i)) return;
		lastReply = i;
		replyIndexes.push(i);
		if (roundStart >= 0) {
			const seconds = (message.sentAt - messages[roundStart].sentAt) / 1000;
			times.push(seconds);
			responseSeconds[i] = seconds;
			roundStart = -1;
		}
		if (containsAny(lower[i], words.rude)) {
			rude++;
			mark(i, 'rude');
		}
		if (isShortReply(lower[i]) && !words.perfunctoryExempt.includes(previousCustomerIndex < 0 ? '' : lower[previousCustomerIndex].replace(NOT_CONTENT, ''))) {
			perfunctory++;
			mark(i, 'perfunctory');
		}
		if (containsAny(lower[i], words.contactRequest)) {
			contactRequests++;
			mark(i, 'contactRequest');
		}
		if (containsAny(lower[i], words.quality)) {
			quality++;
			mark(i, 'qualityReply');
		}
	});

	let missed = 0;
	if (roundStart >= 0) {
		missed++;
		for (let i = roundStart; i < messages.length; i++) if (messages[i].role === 'customer') mark(i, 'unanswered');
	}
	if (lastReply >= 0 && containsAny(lower[lastReply], words.hold)) {
		missed++;
		mark(lastReply, 'holdNeverBack');
	}

	const scripts = findRepeatedScripts(
		replyIndexes.map((i) => messages[i].text),
		model.repeatedScript.similarity,
		model.repeatedScript.minTimes,
	);
	scripts.repeated.forEach((repeated, k) => {
		if (repeated) mark(replyIndexes[k], 'repeatedScript');
	});

	const customerMessages = messages.filter((m) => m.role === 'customer').length;
	const metrics: SessionMetrics = {
		messages: messages.length,
		customerMessages,
		agentMessages: messages.length - customerMessages,
		rounds,
		answeredRounds: times.length,
		firstResponseSeconds: times.length ? roundSeconds(times[0]) : null,
		avgResponseSeconds: times.length ? roundSeconds(times.reduce((a, b) => a + b, 0) / times.length) : null,
		maxResponseSeconds: times.length ? roundSeconds(Math.max(...times)) : null,
		missedFollowUp: missed,
		rudeMessages: rude,
		perfunctoryMessages: perfunctory,
		customerThanked: thanked,
		repeatedScripts: scripts.scripts,
		contactRequests,
		contactRequestsFlag: contactRequests >= model.contactRequestFlag,
		offTopicReplies: offTopic,
		qualityReplies: quality,
	};
	return { metrics, messages, marks, responseSeconds };
}

/** One or two characters of content (a character may be two UTF-16 units: more than four units is always more than two). */
function isShortReply(lowerText: string): boolean {
	const content = lowerText.replace(NOT_CONTENT, '');
	if (content.length === 0 || content.length > 4) return false;
	return [...content].length <= 2;
}

function roundSeconds(seconds: number): number {
	return Math.round(seconds * 1000) / 1000;
}
