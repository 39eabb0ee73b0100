import { DomainError } from '../errors';

/** A claim or mark of alerts that cannot be done as asked; names the field. */
export class AlertError extends DomainError {
	declare readonly field: string;

	constructor(field: string, message: string, code = 'invalidAlertRequest') {
		super(code, message, field);
	}
}
