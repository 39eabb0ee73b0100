export type LedgerState = 'reserved' | 'sent' | 'failed' | 'dry_run' | 'delivered' | 'undelivered';

/** Ledger states that are a push to the person (or one on its way): they count for caps, gaps and intervals. */
export const COUNTED_STATES = ['reserved', 'sent', 'delivered', 'undelivered'] as const;

/** Ledger states that mean the gateway took the push: never send it again. */
export const SENT_STATES = ['sent', 'delivered', 'undelivered'] as const;

/** Whether a push in this state reached the gateway (it must never be sent again). */
export function isSent(state: string): boolean {
	return (SENT_STATES as readonly string[]).includes(state);
}
