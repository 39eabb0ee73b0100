import { StaffError } from './StaffError';

export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 128;

/** A password a person chose, checked: 8 to 128 characters, letters and digits both, not the username. */
export function checkNewPassword(password: unknown, username: string, field = 'password'): string {
	if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
		throw new StaffError('invalid', `密码长度应为 ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} 位 (password must be ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters)`, field);
	}
	if (!/\p{L}/u.test(password) || !/\d/.test(password)) {
		throw new StaffError('invalid', '密码须同时包含字母和数字 (password needs letters and digits)', field);
	}
	if (password.toLowerCase().includes(username.toLowerCase())) {
		throw new StaffError('invalid', '密码不能包含用户名 (password must not contain the username)', field);
	}
	return password;
}
