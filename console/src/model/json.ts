/** A deep copy of JSON data. Unlike structuredClone it also copies Vue's reactive proxies. */
export function cloneJson<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Whether two JSON values are equal, whatever the order of their objects' keys. */
export function sameJson(a: unknown, b: unknown): boolean {
	if (Array.isArray(a) || Array.isArray(b)) {
		return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
	}
	if (a && b && typeof a === 'object' && typeof b === 'object') {
		const entries = Object.entries(a).filter(([, value]) => value !== undefined);
		const other = b as Record<string, unknown>;
		return entries.length === Object.values(other).filter((value) => value !== undefined).length && entries.every(([key, value]) => sameJson(value, other[key]));
	}
	return a === b;
}
