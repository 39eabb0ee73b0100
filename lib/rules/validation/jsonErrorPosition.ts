/** "not valid JSON at line 3, column 14: …": where in the editor's text JSON.parse gave up. */
export function describeJsonError(text: string, error: Error): string {
	const offset = jsonErrorOffset(text, error.message);
	if (offset === undefined) return `not valid JSON: ${error.message}`;
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	const column = offset - before.lastIndexOf('\n');
	return `not valid JSON at line ${line}, column ${column}: ${error.message}`;
}

/** Where JSON.parse failed: V8 says "at position n", or quotes the text around the bad token (10 characters either side). */
function jsonErrorOffset(text: string, message: string): number | undefined {
	const position = /at position (\d+)/.exec(message);
	if (position) return Number(position[1]);
	const quoted = /^Unexpected token '(.)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
	if (!quoted) return undefined;
	const [, token, ellipsis, context] = quoted;
	const start = text.indexOf(context);
	if (start < 0) return undefined;
	return ellipsis ? start + 10 : start + context.indexOf(token);
}
