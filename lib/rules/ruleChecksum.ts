import { createHash } from 'node:crypto';

import { stableStringify } from './facts';
import type { Rule } from './types';

/** A rule's content fingerprint: equal JSON (whatever the key order) gives an equal checksum. */
export function ruleChecksum(rule: Rule): string {
	return createHash('sha256').update(stableStringify(rule)).digest('hex');
}
