/**
 * The subset of JSONPath that rules may use on a fact: `$`, then `.name` or `[index]`
 * steps, e.g. `$.客户等级`, `$.address.city`, `$.scores[0]`. On this subset
 * JSONPath-Plus (json-rules-engine's default resolver, `wrap: false`) follows own
 * properties only (`Object.hasOwn`), yields undefined when a step is missing, and never
 * wildcards, so resolving it by hand gives the same value without the library's cost.
 */
const PATH_PATTERN = /^\$(?:\.[\p{L}\p{N}_-]+|\[\d+\])*$/u;

function isSupportedPath(path: string): boolean {
	return PATH_PATTERN.test(path);
}

const compiled = new Map<string, string[]>();

export function pathSteps(path: string): string[] {
	let steps = compiled.get(path);
	if (!steps) {
		if (!isSupportedPath(path)) throw new Error(`Unsupported path "${path}": use $.name, $.name.name or $.name[0]`);
		steps = [...path.slice(1).matchAll(/\.([^.[]+)|\[(\d+)\]/gu)].map((m) => m[1] ?? m[2]);
		compiled.set(path, steps);
	}
	return steps;
}

/** The value at `path` inside `value` (which the caller has checked is a non-null object). */
export function resolvePath(value: unknown, steps: readonly string[]): unknown {
	let current = value;
	for (const step of steps) {
		if (current && Object.hasOwn(current, step)) current = (current as Record<string, unknown>)[step];
		else return undefined;
	}
	return current;
}
