/**
 * Encodes rows in PostgreSQL's COPY text format: tab-separated, \N for NULL,
 * backslash escapes for the characters that would break the format.
 */
export function copyTextLine(row: ReadonlyArray<unknown>): string {
	let line = '';
	for (let i = 0; i < row.length; i++) {
		if (i > 0) line += '\t';
		line += copyTextValue(row[i]);
	}
	return line + '\n';
}

function copyTextValue(value: unknown): string {
	// Most values are text (a bulk load of messages is 8 per row): tested first.
	if (typeof value === 'string') return escapeCopyText(value);
	if (value === null || value === undefined) return '\\N';
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
		return String(value);
	}
	if (Buffer.isBuffer(value)) return '\\\\x' + value.toString('hex');
	if (Array.isArray(value)) return escapeCopyText(arrayLiteral(value));
	return escapeCopyText(typeof value === 'string' ? value : JSON.stringify(value));
}

function escapeCopyText(text: string): string {
	return text.replace(/[\\\t\n\r]/g, escapeCopyChar);
}

/** A PostgreSQL array literal ({"a","b"}) for a text[] column; arrays always mean text[] here. */
function arrayLiteral(values: unknown[]): string {
	return `{${values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

function escapeCopyChar(char: string): string {
	switch (char) {
		case '\\':
			return '\\\\';
		case '\t':
			return '\\t';
		case '\n':
			return '\\n';
		default:
			return '\\r';
	}
}
