/**
 * Which form field a server error belongs to. The server names fields by path (`phone`,
 * `grid.mon`, `timeSlots[0].from`, `rules[2].conditions.all[0].value`); a form item shows the
 * message when the error is about it or about something inside it.
 */
export function errorIsAt(errorField: string | undefined, field: string): boolean {
	if (!errorField) return false;
	if (errorField === field) return true;
	return errorField.startsWith(`${field}.`) || errorField.startsWith(`${field}[`);
}

/** The message for a field, or '' (Element Plus' form item `error` prop shows nothing then). */
export function messageAt(error: { field?: string; message: string } | null | undefined, field: string): string {
	return error && errorIsAt(error.field, field) ? error.message : '';
}
