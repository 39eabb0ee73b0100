import {
	isAll,
	isAny,
	isFactReference,
	isNot,
	isReference,
	type Condition,
	type FactParams,
	type LeafCondition,
	type TopLevelCondition,
} from './types';

export type ConditionVisitor = (condition: Condition, path: string) => void;

/** Visits a condition and everything below it (not following references), with readable paths. */
export function walkConditions(condition: Condition, path: string, visit: ConditionVisitor): void {
	visit(condition, path);
	if (isReference(condition)) return;
	if (isAny(condition)) condition.any.forEach((c, i) => walkConditions(c, `${path}.any[${i}]`, visit));
	else if (isAll(condition)) condition.all.forEach((c, i) => walkConditions(c, `${path}.all[${i}]`, visit));
	else if (isNot(condition)) walkConditions(condition.not, `${path}.not`, visit);
}

export function isLeaf(condition: Condition): condition is LeafCondition {
	return !isReference(condition) && !isAny(condition) && !isAll(condition) && !isNot(condition);
}

/** Calls `use` for every fact a condition tree reads: each leaf's fact and a `{ "fact": … }` comparison value. */
export function forEachFactUse(root: Condition, use: (fact: string, params: FactParams | undefined) => void): void {
	walkConditions(root, '', (condition) => {
		if (!isLeaf(condition)) return;
		use(condition.fact, condition.params);
		if (isFactReference(condition.value)) use(condition.value.fact, condition.value.params);
	});
}

/**
 * A rule's own conditions, then the shared conditions they reach, in first-reached order,
 * following references transitively (missing names and cycles are skipped here;
 * validation reports them).
 */
export function ruleRoots(root: Condition, shared: Readonly<Record<string, TopLevelCondition>>): Condition[] {
	const seen = new Set<string>();
	const roots: Condition[] = [root];
	const visit = (condition: Condition) => {
		for (const name of referencedNames(condition)) {
			if (seen.has(name) || !Object.prototype.hasOwnProperty.call(shared, name)) continue;
			seen.add(name);
			roots.push(shared[name]);
			visit(shared[name]);
		}
	};
	visit(root);
	return roots;
}

/** The names of the shared conditions a condition refers to, directly. */
function referencedNames(condition: Condition): string[] {
	const names: string[] = [];
	walkConditions(condition, '', (c) => {
		if (isReference(c)) names.push(c.condition);
	});
	return names;
}

/** A reference cycle among shared conditions, as the list of names around it, or undefined. */
export function findReferenceCycle(shared: Readonly<Record<string, TopLevelCondition>>): string[] | undefined {
	const state = new Map<string, 'visiting' | 'done'>();
	const stack: string[] = [];
	const visit = (name: string): string[] | undefined => {
		if (state.get(name) === 'done') return undefined;
		if (state.get(name) === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
		state.set(name, 'visiting');
		stack.push(name);
		for (const next of referencedNames(shared[name])) {
			if (!Object.prototype.hasOwnProperty.call(shared, next)) continue;
			const cycle = visit(next);
			if (cycle) return cycle;
		}
		stack.pop();
		state.set(name, 'done');
		return undefined;
	};
	for (const name of Object.keys(shared)) {
		const cycle = visit(name);
		if (cycle) return cycle;
	}
	return undefined;
}

/**
 * The priority json-rules-engine sorts a condition by inside all/any: its own `priority`
 * when truthy (boolean conditions always have one, default 1), else its fact's, which is 1
 * for every fact we register.
 */
export function sortingPriority(condition: Condition): number {
	if (isAny(condition) || isAll(condition) || isNot(condition)) {
		return Number.parseInt(String(condition.priority), 10) || 1;
	}
	return condition.priority ? Number(condition.priority) : 1;
}

/**
 * Groups conditions as Rule.prioritizeConditions does: one group per priority, highest
 * first, each group in the original order. The engine evaluates a whole group, then
 * stops before the next one once the result is decided.
 */
export function prioritySets<T>(items: readonly T[], priorityOf: (item: T) => number): T[][] {
	const groups = new Map<number, T[]>();
	for (const item of items) {
		const priority = priorityOf(item);
		const group = groups.get(priority);
		if (group) group.push(item);
		else groups.set(priority, [item]);
	}
	return [...groups.keys()].sort((a, b) => b - a).map((priority) => groups.get(priority)!);
}
