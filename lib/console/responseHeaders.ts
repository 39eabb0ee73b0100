/** Every answer of the API: JSON unless a file, never cached (it holds personal data), never sniffed as another type. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
	'Content-Type': 'application/json; charset=utf-8',
	'Cache-Control': 'no-store',
	'X-Content-Type-Options': 'nosniff',
};

/**
 * An answer that needs nothing but its body: status 200, exactly the base headers, an object
 * (a Respond to Webhook with fixed headers and no expressions can send it).
 */
export function isPlainAnswer(answer: { status: number; headers: Record<string, string>; body: unknown }): boolean {
	const { status, headers, body } = answer;
	if (status !== 200 || typeof body !== 'object' || body === null || Array.isArray(body) || Buffer.isBuffer(body)) return false;
	const names = Object.keys(headers);
	return names.length === Object.keys(BASE_HEADERS).length && names.every((name) => headers[name] === BASE_HEADERS[name]);
}
