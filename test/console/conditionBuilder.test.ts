import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	conditionFromNode,
	findNode,
	moveNode,
	newGroup,
	newLeaf,
	nodeFromCondition,
	removeNode,
	type GroupNode,
} from '../../console/src/model/conditionBuilder';
import type { Condition, RuleSet } from '../../lib/rules/types';

const PRESETS = path.join(__dirname, '../../rules/presets');

const everyPreset: RuleSet['rules'] = fs
	.readdirSync(PRESETS)
	.filter((file) => file.endsWith('.json'))
	.flatMap((file) => (JSON.parse(fs.readFileSync(path.join(PRESETS, file), 'utf8')) as RuleSet).rules);

const everyFeature: Condition = {
	any: [
		{ name: 'recent', fact: 'activityCount', params: { windowDays: 7, eventTypes: ['face', 'ocr'], period: { fromHour: 22, toHour: 6 } }, operator: 'greaterThanInclusive', value: 3 },
		{ not: { fact: 'tags', operator: 'contains', value: '已开户' }, priority: 2 },
		{ not: { all: [{ condition: 'vip' }, { fact: 'status', operator: 'in', value: ['无效', '黑名单'] }] } },
		{ fact: 'attributes', path: '$.客户等级', operator: 'someValue:equal', value: ['VIP', '私行'] },
		{ fact: 'activityCount', params: { windowDays: 7 }, operator: 'greaterThan', value: { fact: 'activityCount', params: { windowDays: 7, offsetDays: 7 } } },
		{ all: [], name: 'always' },
	],
	name: 'root',
};

function tree(condition: Condition): GroupNode {
	return nodeFromCondition(condition) as GroupNode;
}

describe('the condition builder', () => {
	it('round-trips every preset rule', () => {
		for (const rule of everyPreset) expect(conditionFromNode(nodeFromCondition(rule.conditions))).toEqual(rule.conditions);
	});

	it('round-trips every construct of the rule language, key order included', () => {
		const back = conditionFromNode(nodeFromCondition(everyFeature));
		expect(back).toEqual(everyFeature);
		expect(JSON.stringify((back as { any: Condition[] }).any[0])).toBe(JSON.stringify((everyFeature as { any: Condition[] }).any[0]));
	});

	it('gives every node its own id', () => {
		const root = tree(everyFeature);
		const ids = new Set<string>();
		const walk = (node: ReturnType<typeof nodeFromCondition>) => {
			ids.add(node.id);
			if (node.kind === 'group') node.children.forEach(walk);
		};
		walk(root);
		expect(ids.size).toBe(11);
	});

	it('moves a condition into another group and within its own', () => {
		const root = tree(everyFeature);
		const inner = root.children[5] as GroupNode;
		const first = root.children[0];
		expect(moveNode(root, first.id, inner.id, 0)).toBe(true);
		expect(root.children).toHaveLength(5);
		expect(inner.children[0]).toBe(first);
		const json = conditionFromNode(root) as { any: Condition[] };
		expect(json.any[4]).toEqual({ name: 'always', all: [(everyFeature as { any: Condition[] }).any[0]] });

		const [a, b, c] = root.children;
		expect(moveNode(root, a.id, root.id, 3)).toBe(true);
		expect(root.children.slice(0, 3)).toEqual([b, c, a]);
	});

	it('refuses to drop a group into itself or its own children', () => {
		const root = tree({ all: [{ any: [{ all: [] }] }] });
		const outer = root.children[0] as GroupNode;
		const innerGroup = outer.children[0] as GroupNode;
		expect(moveNode(root, outer.id, innerGroup.id, 0)).toBe(false);
		expect(moveNode(root, outer.id, outer.id, 0)).toBe(false);
		expect(moveNode(root, root.id, outer.id, 0)).toBe(false);
		expect(conditionFromNode(root)).toEqual({ all: [{ any: [{ all: [] }] }] });
	});

	it('adds and removes conditions; a not box of several negates them together', () => {
		const root = tree({ all: [] });
		const not = newGroup('not');
		not.children.push(newLeaf(), newLeaf());
		root.children.push(not);
		const json = conditionFromNode(root) as { all: Array<{ not: { all: Condition[] } }> };
		expect(json.all[0].not.all).toHaveLength(2);
		expect(removeNode(root, not.children[0].id)).toBe(true);
		expect(conditionFromNode(root)).toEqual({ all: [{ not: { fact: 'activityCount', params: { windowDays: 7 }, operator: 'greaterThanInclusive', value: 3 } }] });
		expect(findNode(root, not.id)).toBe(not);
		expect(removeNode(root, root.id)).toBe(false);
	});
});
