import { randomInt } from 'node:crypto';

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

/** Letters and digits a person reads without doubt: no 0/O, 1/l/I (so none of admin, marketing, viewer fits in). */
const GENERATED_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A first password to hand to a person (16 characters, letters and digits both: checkNewPassword takes it). */
export function generatePassword(length = 16): string {
	for (;;) {
		const password = Array.from({ length }, () => GENERATED_ALPHABET[randomInt(GENERATED_ALPHABET.length)]).join('');
		if (/[A-Za-z]/.test(password) && /\d/.test(password)) return password;
	}
}
