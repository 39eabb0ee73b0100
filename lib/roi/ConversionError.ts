import { DomainError } from '../errors';

/** Bad input to the conversions import or the ROI report, naming the field. */
export class ConversionError extends DomainError {
	constructor(message: string, field?: string, code: 'invalid' | 'notFound' = 'invalid') {
		super(code, message, field);
	}
}
