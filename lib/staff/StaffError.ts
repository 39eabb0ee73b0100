import { DomainError } from '../errors';

export type StaffErrorCode = 'invalid' | 'notFound' | 'exists' | 'lastAdmin' | 'wrongPassword';

/** A staff-account change that cannot be made, naming the field. */
export class StaffError extends DomainError {
	declare readonly code: StaffErrorCode;

	constructor(code: StaffErrorCode, message: string, field?: string) {
		super(code, message, field);
	}
}
