import { maskIdNumber, maskPhone } from '../privacy/mask';

/** Digit runs (ASCII or full-width, X allowed after the first) long enough to be personal data. */
const DIGIT_RUN = /[0-9\uFF10-\uFF19][0-9\uFF10-\uFF19Xx\uFF38\uFF58]{7,}/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * A rejected row's text as it may be kept: every run of 8 or more digits masked (ID
 * numbers as 110105********002X, mobile numbers as 138****8899, others keeping 2 + 2),
 * line breaks shown as ⏎, capped at `maxChars`. The raw ID number never reaches the rejects table.
 */
export function maskExcerpt(text: string, maxChars = 200): string {
	const clipped = text.length > maxChars ? text.slice(0, maxChars) : text;
	const masked = clipped.replace(CONTROL, '').replace(/\r?\n|\r/g, '⏎').replace(DIGIT_RUN, maskDigits);
	return text.length > maxChars ? `${masked}…` : masked;
}

function maskDigits(run: string): string {
	if (run.length === 11) return maskPhone(run);
	if (run.length >= 15 && run.length <= 18) return maskIdNumber(run);
	return `${run.slice(0, 2)}${'*'.repeat(run.length - 4)}${run.slice(-2)}`;
}
