import { stableChecksum } from '../stableJson';
import type { Rule } from './types';

/** A rule's content fingerprint: equal JSON (whatever the key order) gives an equal checksum. */
export function ruleChecksum(rule: Rule): string {
	return stableChecksum(rule);
}
