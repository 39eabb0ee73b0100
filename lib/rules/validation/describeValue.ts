/** How a message quotes the value it complains about: short JSON, and the kind of value it is. */
export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return `the text ${show(value)}`;
	if (typeof value === 'number') return Number.isInteger(value) ? `${value}` : `the fraction ${value}`;
	return typeof value === 'object' ? 'an object' : `${typeof value} ${show(value)}`;
}

export function show(value: unknown): string {
	const text = JSON.stringify(value);
	if (text === undefined) return String(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
