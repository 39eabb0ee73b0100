/**
 * Reads a mapping the user types into a text field, one pair per line (or separated by
 * semicolons): `FV01=face`, `FV01 => face`, `FV01: face` or `FV01 → face`. Also
 * accepts a JSON object. Returns [from, to] pairs in order; throws on a line it cannot read.
 */
export function parseMappingText(text: string | undefined, what: string): Array<[string, string]> {
	const source = (text ?? '').trim();
	if (!source) return [];
	if (source.startsWith('{')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(source);
		} catch (error) {
			throw new Error(`${what}: not valid JSON (${(error as Error).message})`);
		}
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw new Error(`${what}: JSON must be an object like {"FV01": "face"}`);
		}
		return Object.entries(parsed as Record<string, unknown>).map(([from, to]) => [from.trim(), String(to).trim()]);
	}
	const pairs: Array<[string, string]> = [];
	for (const entry of source.split(/[\n;；]+/)) {
		const line = entry.trim();
		if (!line || line.startsWith('#')) continue;
		const match = /^(.+?)\s*(?:=>|->|→|=|:|：)\s*(.+)$/.exec(line);
		if (!match) throw new Error(`${what}: cannot read "${line}" (write it as code=value)`);
		pairs.push([match[1].trim(), match[2].trim()]);
	}
	return pairs;
}

/** A comma / newline separated list. */
export function parseList(text: string | undefined): string[] {
	return (text ?? '')
		.split(/[\n,，;；]+/)
		.map((value) => value.trim())
		.filter(Boolean);
}
