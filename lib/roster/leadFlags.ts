import { isVanityPattern } from '../identity';
import type { LeadFlag } from './leadFlagLabels';

/** The flags of a stored phone (normalised digits): kept in step with it by every write. */
export function phoneFlags(phone: string | null | undefined): LeadFlag[] {
	return phone && isVanityPattern(phone) ? ['phone.vanity'] : [];
}

/**
 * SQL that replaces the phone flags in `flags` with the parameter's, keeping any other
 * kind of flag: `$n` is the placeholder of a text[] parameter.
 */
export function withPhoneFlags(placeholder: string): string {
	return `ARRAY(SELECT f FROM unnest(flags) AS f WHERE f NOT LIKE 'phone.%') || ${placeholder}::text[]`;
}
