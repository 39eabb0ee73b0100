/**
 * The advanced condition builder's tree and the rule JSON it edits (json-rules-engine's
 * all / any / not / condition references / fact conditions, lib/rules/types.ts). Every node
 * gets an id the screen keys on and drags by; converting back drops only those ids, so
 * JSON → tree → JSON gives the same JSON.
 *
 * A `not` box holds what it negates: one condition (`{ not: c }`), or several, meaning
 * "not all of these" (`{ not: { all: [...] } }`).
 */
import type { Condition, FactParams } from '../../../lib/rules/types';
import { cloneJson } from './json';

interface NodeCommon {
	id: string;
	name?: string;
	priority?: number;
}

export interface GroupNode extends NodeCommon {
	kind: 'group';
	mode: 'all' | 'any' | 'not';
	children: BuilderNode[];
}

export interface ReferenceNode extends NodeCommon {
	kind: 'reference';
	condition: string;
}

export interface LeafNode extends NodeCommon {
	kind: 'leaf';
	fact: string;
	operator: string;
	value: unknown;
	params?: FactParams;
	path?: string;
}

export type BuilderNode = GroupNode | ReferenceNode | LeafNode;

let lastId = 0;

export function newNodeId(): string {
	lastId += 1;
	return `c${lastId}`;
}

export function nodeFromCondition(condition: Condition): BuilderNode {
	const common: NodeCommon = { id: newNodeId() };
	if (condition.name !== undefined) common.name = condition.name;
	if (condition.priority !== undefined) common.priority = condition.priority;
	if ('all' in condition) return { ...common, kind: 'group', mode: 'all', children: condition.all.map(nodeFromCondition) };
	if ('any' in condition) return { ...common, kind: 'group', mode: 'any', children: condition.any.map(nodeFromCondition) };
	if ('not' in condition) return { ...common, kind: 'group', mode: 'not', children: [nodeFromCondition(condition.not)] };
	if ('condition' in condition) return { ...common, kind: 'reference', condition: condition.condition };
	const leaf: LeafNode = { ...common, kind: 'leaf', fact: condition.fact, operator: condition.operator, value: cloneJson(condition.value) };
	if (condition.params !== undefined) leaf.params = cloneJson(condition.params);
	if (condition.path !== undefined) leaf.path = condition.path;
	return leaf;
}

export function conditionFromNode(node: BuilderNode): Condition {
	const common: { name?: string; priority?: number } = {};
	if (node.name !== undefined && node.name !== '') common.name = node.name;
	if (node.priority !== undefined) common.priority = node.priority;
	switch (node.kind) {
		case 'group': {
			const children = node.children.map(conditionFromNode);
			if (node.mode === 'all') return { ...common, all: children };
			if (node.mode === 'any') return { ...common, any: children };
			return { ...common, not: children.length === 1 ? children[0] : { all: children } };
		}
		case 'reference':
			return { ...common, condition: node.condition };
		case 'leaf': {
			// The presets' key order: name, fact, params, path, operator, value.
			const leaf: Record<string, unknown> = { ...common, fact: node.fact };
			if (node.params !== undefined) leaf.params = cloneJson(node.params);
			if (node.path !== undefined && node.path !== '') leaf.path = node.path;
			leaf.operator = node.operator;
			leaf.value = cloneJson(node.value);
			return leaf as unknown as Condition;
		}
	}
}

export function findNode(root: BuilderNode, id: string): BuilderNode | undefined {
	if (root.id === id) return root;
	if (root.kind !== 'group') return undefined;
	for (const child of root.children) {
		const found = findNode(child, id);
		if (found) return found;
	}
	return undefined;
}

export function parentOf(root: BuilderNode, id: string): GroupNode | undefined {
	if (root.kind !== 'group') return undefined;
	if (root.children.some((child) => child.id === id)) return root;
	for (const child of root.children) {
		const found = parentOf(child, id);
		if (found) return found;
	}
	return undefined;
}

/** Whether `id` is `ancestorId` or lies inside it (a group cannot be dropped into itself). */
export function isWithin(root: BuilderNode, id: string, ancestorId: string): boolean {
	const ancestor = findNode(root, ancestorId);
	return ancestor !== undefined && findNode(ancestor, id) !== undefined;
}

/**
 * Moves a node into a group at a position (its index counted before the move, as a drop
 * target shows it). Returns false, changing nothing, when the move is impossible: the root,
 * an unknown node or group, or a group into itself or one of its own children.
 */
export function moveNode(root: BuilderNode, id: string, targetGroupId: string, index: number): boolean {
	const target = findNode(root, targetGroupId);
	const from = parentOf(root, id);
	if (!from || !target || target.kind !== 'group' || isWithin(root, targetGroupId, id)) return false;
	const position = from.children.findIndex((child) => child.id === id);
	const [node] = from.children.splice(position, 1);
	const adjusted = from === target && position < index ? index - 1 : index;
	target.children.splice(Math.max(0, Math.min(adjusted, target.children.length)), 0, node);
	return true;
}

export function removeNode(root: BuilderNode, id: string): boolean {
	const parent = parentOf(root, id);
	if (!parent) return false;
	parent.children = parent.children.filter((child) => child.id !== id);
	return true;
}

export function newLeaf(): LeafNode {
	return { id: newNodeId(), kind: 'leaf', fact: 'activityCount', params: { windowDays: 7 }, operator: 'greaterThanInclusive', value: 3 };
}

export function newGroup(mode: GroupNode['mode'] = 'all'): GroupNode {
	return { id: newNodeId(), kind: 'group', mode, children: [] };
}
