/** Every answer of the API: JSON unless a file, never cached (it holds personal data), never sniffed as another type. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
	'Content-Type': 'application/json; charset=utf-8',
	'Cache-Control': 'no-store',
	'X-Content-Type-Options': 'nosniff',
};
