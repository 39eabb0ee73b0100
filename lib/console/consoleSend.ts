import { randomUUID } from 'node:crypto';

import type { PublicHit } from '../hits';
import type { Channel } from '../ledger';

/**
 * A send the console asked for (board.send, push.test). The gateway credential lives in n8n,
 * so the API does not send: it hands the pushes to the workflow (Push Gate → SMS / Outbound
 * Call) and the workflow answers when they have gone (lib/console's answerSend). Every item
 * of that path carries this, so the answer knows who asked for what.
 */
export interface ConsoleSend {
	op: 'board.send' | 'push.test';
	/** One per request: what ties the path's items to it. */
	requestId: string;
	/** Who asked (the staff member's username), for the audit log. */
	actor: string;
	channel: Channel;
	/** board.send: the hits asked for that exist, in the order asked. */
	hitIds: number[];
	/** board.send: the ids asked for that are no hits. */
	missing: number[];
	/** push.test: the number, masked. */
	phone?: string;
	/** push.test: the template it is sent with. */
	templateId?: string;
	requestedAt: string;
}

/** The pushes the workflow is to send for a request: hits (masked) for Push Gate, or one test push to a number. */
export interface ConsolePushes {
	send: ConsoleSend;
	hits: PublicHit[];
	/** The number in clear: the SMS / Outbound Call node needs it to send. */
	test?: { phone: string; templateId: string };
}

/** What an operation returns to have the workflow send before it answers. */
export class SendOrder {
	constructor(readonly pushes: ConsolePushes) {}
}

export function newConsoleSend(fields: Omit<ConsoleSend, 'requestId' | 'requestedAt'>, now: Date): ConsoleSend {
	return { ...fields, requestId: randomUUID(), requestedAt: now.toISOString() };
}
