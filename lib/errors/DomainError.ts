/**
 * The base of every error the domain throws on purpose, so a caller (a node, the console's
 * API) can map any of them one way: `code` is stable for a kind of problem (callers branch on
 * it, tests assert it), `field` names the input it is about when there is one, and the
 * message is written for the person who has to fix it (Chinese first where users read it).
 * Anything else thrown is a bug or the infrastructure failing, not bad input.
 */
export class DomainError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly field?: string,
	) {
		super(message);
		this.name = new.target.name;
	}
}

export function isDomainError(error: unknown): error is DomainError {
	return error instanceof DomainError;
}
