import { DomainError } from '../../errors';

/** One problem with a rule, at a readable path such as `rules[0].conditions.all[1].fact`. */
export interface RuleIssue {
	path: string;
	message: string;
}

export class RuleValidationError extends DomainError {
	/** `field` is the first problem's path (undefined when it is about the whole input). */
	constructor(
		readonly issues: RuleIssue[],
		subject = 'rule',
	) {
		super('invalidRule', `Invalid ${subject}:\n${formatIssues(issues)}`, issues[0]?.path || undefined);
	}
}

function formatIssues(issues: readonly RuleIssue[]): string {
	return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('\n');
}

/** The most issues one validation reports. */
export const MAX_ISSUES = 50;

/** `rules[0]` + `conditions.all[1]` → `rules[0].conditions.all[1]`. */
export function joinPath(prefix: string, rest: string): string {
	if (!prefix) return rest;
	if (!rest) return prefix;
	return rest.startsWith('[') ? prefix + rest : `${prefix}.${rest}`;
}
