/**
 * What changed between two versions of a configuration document, as a list a person reads:
 * `rules[0].conditions.all[0].value: 3 → 4`. Objects are compared key by key, lists item by
 * item (a list of rules is matched by rule name, so inserting a rule does not show every later
 * rule as changed).
 */
export interface JsonChange {
	path: string;
	kind: 'added' | 'removed' | 'changed';
	before?: unknown;
	after?: unknown;
}

export function diffJson(before: unknown, after: unknown, path = ''): JsonChange[] {
	if (sameJson(before, after)) return [];
	if (isObject(before) && isObject(after)) {
		const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
		return keys.flatMap((key) => {
			const at = path ? `${path}.${key}` : key;
			if (!(key in after)) return [{ path: at, kind: 'removed' as const, before: before[key] }];
			if (!(key in before)) return [{ path: at, kind: 'added' as const, after: after[key] }];
			return diffJson(before[key], after[key], at);
		});
	}
	if (Array.isArray(before) && Array.isArray(after)) {
		return namedItems(before) && namedItems(after) ? diffNamedLists(before, after, path) : diffLists(before, after, path);
	}
	return [{ path: path || '(root)', kind: 'changed', before, after }];
}

function diffLists(before: unknown[], after: unknown[], path: string): JsonChange[] {
	const changes: JsonChange[] = [];
	for (let i = 0; i < Math.max(before.length, after.length); i++) {
		const at = `${path}[${i}]`;
		if (i >= after.length) changes.push({ path: at, kind: 'removed', before: before[i] });
		else if (i >= before.length) changes.push({ path: at, kind: 'added', after: after[i] });
		else changes.push(...diffJson(before[i], after[i], at));
	}
	return changes;
}

/** Lists of objects with unique names (rules, time slots with labels) are matched by name. */
function diffNamedLists(before: Array<{ name: string }>, after: Array<{ name: string }>, path: string): JsonChange[] {
	const changes: JsonChange[] = [];
	const earlier = new Map(before.map((item) => [item.name, item]));
	const later = new Map(after.map((item) => [item.name, item]));
	for (const item of before) {
		if (!later.has(item.name)) changes.push({ path: `${path}[${item.name}]`, kind: 'removed', before: item });
	}
	for (const item of after) {
		const old = earlier.get(item.name);
		if (!old) changes.push({ path: `${path}[${item.name}]`, kind: 'added', after: item });
		else changes.push(...diffJson(old, item, `${path}[${item.name}]`));
	}
	return changes;
}

function namedItems(list: unknown[]): list is Array<{ name: string }> {
	const names = list.map((item) => (isObject(item) && typeof item.name === 'string' ? item.name : null));
	return list.length > 0 && names.every((name) => name !== null) && new Set(names).size === names.length;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A fast path only: objects whose keys differ just in order are still compared key by key. */
function sameJson(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/** A value as one short line of JSON for the diff list. */
export function shortJson(value: unknown, max = 120): string {
	const text = JSON.stringify(value) ?? 'undefined';
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
