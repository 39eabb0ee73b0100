import { DomainError } from '../errors';

/** A lead operation that cannot be done, with the field it is about (when there is one). */
export class LeadError extends DomainError {
	declare readonly code: 'notFound' | 'invalid' | 'exists';

	constructor(message: string, field?: string, code: 'notFound' | 'invalid' | 'exists' = 'invalid') {
		super(code, message, field);
	}
}
