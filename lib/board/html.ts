/**
 * A tiny HTML builder that escapes by default: every value put into an `html` template
 * is escaped unless it is itself Html (built by `html` or marked trusted with `raw`).
 * Names, reasons and rule labels come from data, so nothing is ever spliced unescaped.
 */
export class Html {
	constructor(readonly text: string) {}

	toString(): string {
		return this.text;
	}
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
	'`': '&#96;',
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"'`]/g, (char) => ESCAPES[char]);
}

function renderValue(value: HtmlValue): string {
	if (value instanceof Html) return value.text;
	if (Array.isArray(value)) return value.map(renderValue).join('');
	if (value === null || value === undefined || value === false) return '';
	return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
	let text = strings[0];
	for (let i = 0; i < values.length; i++) text += renderValue(values[i]) + strings[i + 1];
	return new Html(text);
}

/** Our own constant markup (styles, script, icons): never data. */
export function raw(text: string): Html {
	return new Html(text);
}
