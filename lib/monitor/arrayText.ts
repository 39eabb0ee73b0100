/**
 * PostgreSQL's text form of one-dimensional arrays without NULLs, read straight into
 * buffers: the coverage scan sends its per-lead event arrays as text (`array_agg(…)::text`)
 * because pg's own array parser, one callback and one string per element, cost more than
 * the rest of the preview's work in Node. Text elements are quoted when they hold a
 * comma, brace, quote, backslash or space (backslash escapes inside the quotes).
 */

/** `{1,2,3}` → out[0…] (room for text.length / 2 elements); returns the count. Non-negative integers only. */
export function readIntArray(text: string, out: Int32Array): number {
	let n = 0;
	let value = -1;
	for (let i = 1; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 48 && c <= 57) {
			value = (value < 0 ? 0 : value * 10) + (c - 48);
		} else if (value >= 0) {
			out[n++] = value;
			value = -1;
		}
	}
	return n;
}

/** `{a,"b c"}` → out[0…]; returns the count. */
export function readTextArray(text: string, out: string[]): number {
	const end = text.length - 1;
	let n = 0;
	let i = 1;
	while (i < end) {
		let value: string;
		if (text.charCodeAt(i) === 34) {
			value = '';
			let start = ++i;
			for (;;) {
				const c = text.charCodeAt(i);
				if (c === 92) {
					value += text.slice(start, i);
					start = i + 1;
					i += 2;
				} else if (c === 34) {
					value += text.slice(start, i);
					i++;
					break;
				} else {
					i++;
				}
			}
		} else {
			const comma = text.indexOf(',', i);
			const stop = comma === -1 || comma > end ? end : comma;
			value = text.slice(i, stop);
			i = stop;
		}
		out[n++] = value;
		i++;
	}
	return n;
}
