/** A deep copy of JSON data. Unlike structuredClone it also copies Vue's reactive proxies. */
export function cloneJson<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
