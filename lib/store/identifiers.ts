const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Quotes one of our own identifiers (schema, table, column names). Values from users
 * never become identifiers; the schema name comes from the credential, so it is
 * checked against a strict pattern first.
 */
export function quoteIdentifier(name: string): string {
	if (!SAFE_IDENTIFIER.test(name)) {
		throw new Error(
			`"${name}" is not a valid name: use lower-case letters, digits and underscores, starting with a letter`,
		);
	}
	return `"${name}"`;
}

export function isSafeIdentifier(name: string): boolean {
	return SAFE_IDENTIFIER.test(name);
}
