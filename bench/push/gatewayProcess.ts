/**
 * The reference gateway in a process of its own, as the bank's gateway would be: the bench
 * measures Lead Monitor's side, not a server sharing its event loop. Talks to the bench
 * over IPC: it sends its URL when listening, and its counts when asked.
 */
import { ReferenceGateway } from '../../test/gateway/referenceGateway';

export interface GatewayCounts {
	requests: number;
	messages: number;
	/** Keys sent more than once, and recipients that got more than one message. */
	duplicateKeys: number;
	duplicateRecipients: number;
}

async function main(): Promise<void> {
	const gateway = await ReferenceGateway.start();
	process.on('message', (message: unknown) => {
		if (message === 'counts') {
			const recipients = gateway.recipients();
			const counts: GatewayCounts = {
				requests: gateway.received.length,
				messages: gateway.messages.size,
				duplicateKeys: [...gateway.sendsByKey().values()].filter((n) => n > 1).length,
				duplicateRecipients: recipients.length - new Set(recipients).size,
			};
			process.send?.({ counts });
		}
		if (message === 'stop') void gateway.close().then(() => process.exit(0));
	});
	process.send?.({ url: gateway.url });
}

void main();
