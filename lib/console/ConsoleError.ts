import { DomainError } from '../errors';

/** A request the API refuses before (or instead of) an operation: its code says which answer it gets. */
export class ConsoleError extends DomainError {
	constructor(
		code: string,
		message: string,
		field?: string,
		/** For `throttled`: when it opens again. */
		readonly retryAt?: Date,
	) {
		super(code, message, field);
	}
}
