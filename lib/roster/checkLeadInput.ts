import { blacklistedHashes, blacklistHash, leadBlacklistHashes } from '../blacklist';
import { cleanseLead, type RawLead } from '../cleanse';
import type { PrivacyKeys } from '../privacy';
import type { Queryable } from '../store';
import type { LeadInput } from './Lead';
import { LeadError } from './LeadError';

/** One field's problem, for a form that shows each next to its field. */
export interface LeadFieldProblem {
	field: string;
	code: string;
	message: string;
}

/** A lead a person typed that cannot be saved: every problem, the first one as the error's field. */
export class LeadInputError extends LeadError {
	constructor(readonly problems: LeadFieldProblem[]) {
		super(problems[0].message, problems[0].field, 'invalid');
	}
}

const CHECKED_FIELDS = ['name', 'phone', 'idNumber', 'email', 'wechatId', 'company', 'industry', 'sourceChannel', 'owner', 'tags'] as const;

/**
 * A lead typed by a person (the console's add and edit forms), checked as an import checks
 * a row of a KYC-checked roster: phone, ID number, e-mail and WeChat id valid (vanity
 * numbers kept, flagged by the roster), no sensitive words, nothing on the blacklist, and
 * for a new lead at least one way to contact it. Answers the input with those fields
 * normalised; fields not given stay undefined, and an empty text clears its field.
 */
export async function checkLeadInput(
	db: Queryable,
	keys: PrivacyKeys,
	input: LeadInput,
	purpose: 'create' | 'update',
): Promise<LeadInput> {
	const raw: RawLead = {};
	for (const field of CHECKED_FIELDS) {
		const value = input[field];
		if (value !== undefined && value !== '') (raw as Record<string, unknown>)[field] = value;
	}
	const blacklisted = await blacklistedHashes(db, leadBlacklistHashes(keys, raw));
	const result = cleanseLead(raw, {
		vanityPhones: 'flag',
		checks: { requireContact: purpose === 'create' },
		isBlacklisted: (kind, value) => blacklisted.has(blacklistHash(keys, kind, value)),
	});
	if (!result.ok) {
		throw new LeadInputError(result.rejected.map(({ field, code, message }) => ({ field, code, message })));
	}
	const clean = result.clean;
	const checked: LeadInput = { ...input };
	const keep = <K extends keyof LeadInput>(field: K, value: LeadInput[K] | null) => {
		if (input[field] !== undefined && input[field] !== '') checked[field] = value ?? undefined;
	};
	keep('name', clean.name);
	keep('phone', clean.phone);
	keep('idNumber', clean.idNumber);
	keep('email', clean.email);
	keep('wechatId', clean.wechatId);
	keep('company', clean.company);
	keep('industry', clean.industry);
	keep('sourceChannel', clean.sourceChannel);
	keep('owner', clean.owner);
	if (input.tags !== undefined) checked.tags = clean.tags;
	return checked;
}
