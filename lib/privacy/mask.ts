/** Masks for showing personal data: enough to recognise, not enough to use. */

/** 13812348899 → 138****8899 */
export function maskPhone(phone: string | null | undefined): string {
	if (!phone) return '';
	const digits = phone.replace(/\s+/g, '');
	if (digits.length < 7) return '*'.repeat(digits.length);
	return `${digits.slice(0, 3)}${'*'.repeat(Math.max(4, digits.length - 7))}${digits.slice(-4)}`;
}

/** 11010519491231002X → 110105********002X (15-digit numbers keep 6 + 3) */
export function maskIdNumber(id: string | null | undefined): string {
	if (!id) return '';
	const value = id.trim();
	if (value.length >= 18) return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
	if (value.length >= 10) return `${value.slice(0, 6)}${'*'.repeat(value.length - 9)}${value.slice(-3)}`;
	return '*'.repeat(value.length);
}

/** 张三 → 张*, 欧阳娜娜 → 欧***, John Smith → J*********  */
export function maskName(name: string | null | undefined): string {
	if (!name) return '';
	const chars = Array.from(name.trim());
	if (chars.length <= 1) return chars.join('');
	return chars[0] + '*'.repeat(chars.length - 1);
}

/** zhang.san@example.com → z*********@example.com */
export function maskEmail(email: string | null | undefined): string {
	if (!email) return '';
	const at = email.lastIndexOf('@');
	if (at <= 0) return '*'.repeat(email.length);
	return `${email[0]}${'*'.repeat(at - 1)}${email.slice(at)}`;
}

/** A mobile or ID number inside free text, not part of a longer run of digits or letters. */
const NUMBER_IN_TEXT = /(?<![\dA-Za-z])(?:1\d{10}|\d{17}[\dXx]|\d{15})(?![\dA-Za-z])/g;
const EMAIL_IN_TEXT = /[^@\s,;，；:："'<>()]+@[^@\s,;，；:："'<>()]+\.[A-Za-z]{2,}/g;

/** Free text (a 备注, an audit detail) with every mobile number, ID number and e-mail in it masked. */
export function maskPersonalText(text: string): string {
	return text
		.replace(NUMBER_IN_TEXT, (found) => (found.length === 11 ? maskPhone(found) : maskIdNumber(found)))
		.replace(EMAIL_IN_TEXT, (found) => maskEmail(found));
}
