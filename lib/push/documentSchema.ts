import * as fs from 'node:fs';

import Ajv2020, { type ErrorObject, type Options, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

import { DomainError } from '../errors';

/**
 * What the contact policy and the push frequencies share as JSON documents checked against a
 * schema of the package: the compiled validator, ajv's errors as one issue per path and
 * message, and the error that lists them all.
 */
export interface DocumentIssue {
	/** Such as `grid.mon`, `timeSlots[0].from`, `tiers[1].frequency.at`. */
	path: string;
	message: string;
}

export class DocumentValidationError extends DomainError {
	declare readonly field: string;

	/** `field` is the first problem's path; the message lists every problem under `title` (`whole` names a problem of the whole document). */
	constructor(
		code: string,
		title: string,
		whole: string,
		readonly issues: DocumentIssue[],
	) {
		super(code, `${title}:\n${issues.map((i) => `${i.path || whole}: ${i.message}`).join('\n')}`, issues[0]?.path ?? '');
	}
}

/** Compiles the schema on first use; `check(input)` gives ajv's errors, or none. */
export function schemaCheck(schemaFile: () => string, options: Options = {}): (input: unknown) => ErrorObject[] {
	let validate: ValidateFunction | undefined;
	return (input) => {
		if (!validate) {
			const ajv = new Ajv2020({ allErrors: true, strict: true, ...options });
			addFormats(ajv);
			validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile(), 'utf8')));
		}
		return validate(input) ? [] : (validate.errors ?? []);
	};
}

/** One issue per path and message, in ajv's order. */
export function schemaIssues(errors: readonly ErrorObject[], message: (error: ErrorObject) => string): DocumentIssue[] {
	const issues = new Map<string, DocumentIssue>();
	for (const error of errors) {
		const issue = { path: issuePath(error), message: message(error) };
		issues.set(`${issue.path}\u0000${issue.message}`, issues.get(`${issue.path}\u0000${issue.message}`) ?? issue);
	}
	return [...issues.values()];
}

/** `/timeSlots/0/from` → `timeSlots[0].from`, with the property a required, unknown-field or kind error is about. */
function issuePath(error: ErrorObject): string {
	const parts = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
	if (error.keyword === 'required') parts.push(String(error.params.missingProperty));
	if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
	if (error.keyword === 'discriminator') parts.push(String(error.params.tag));
	return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}
