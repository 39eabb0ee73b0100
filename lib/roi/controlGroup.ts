import { createHash } from 'node:crypto';

import { MAX_CONTROL_PERCENT } from './controlPercent';

/**
 * Where a person falls on [0, 1): a digest of their ID hash. The ID hash is already keyed
 * (HMAC under the store credential's key), so the placement cannot be guessed from an ID
 * number, and it never changes: the same person stays in the same group, run after run.
 * One placement per person for every rule, so rules with the same share hold out the
 * same people (a person held out by one rule is not the control of one and pushed by another).
 */
export function controlPlacement(idHash: string): number {
	return createHash('sha256').update(`control-group:${idHash}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** Whether a hit of this person is held out (对照组) by a rule holding out `controlPercent` % of its hits. */
export function inControlGroup(idHash: string, controlPercent: number | undefined): boolean {
	if (!controlPercent || controlPercent <= 0) return false;
	return controlPlacement(idHash) < Math.min(controlPercent, MAX_CONTROL_PERCENT) / 100;
}
