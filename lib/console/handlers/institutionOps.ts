import { knownInstitutions } from '../../monitor';
import { signedIn, type Operation } from '../operation';

/** The 活跃机构选择 list: institutions in the call logs of the last 90 days. */
export const institutionOps: Record<'institutions.list', Operation> = {
	'institutions.list': signedIn(async ({ ctx, now }) => knownInstitutions(ctx.store, 90, now)),
};
