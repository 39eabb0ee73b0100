import { DomainError } from '../errors';

/** Bad input to scoring (a date, a lead that does not exist); names the field. */
export class ScoringError extends DomainError {
	declare readonly field: string;

	constructor(field: string, message: string, code = 'invalidScoringInput') {
		super(code, message, field);
	}
}
