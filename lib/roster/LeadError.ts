/** A lead operation that cannot be done, with the field it is about (when there is one). */
export class LeadError extends Error {
	constructor(
		message: string,
		readonly field?: string,
		readonly code: 'notFound' | 'invalid' | 'exists' = 'invalid',
	) {
		super(message);
		this.name = 'LeadError';
	}
}
