import { FACTS as CONSOLE_FACTS, FACT_NAMES as CONSOLE_FACT_NAMES, operatorsFor, valueEditorFor } from '../../console/src/model/ruleCatalogue';
import { FACTS, FACT_NAMES } from '../../lib/rules/facts';
import { isKnownOperator } from '../../lib/rules/operators';

describe('console: the condition builder\'s fact catalogue', () => {
	it('is lib/rules\' catalogue: the same facts, kinds, value types and params', () => {
		expect([...CONSOLE_FACT_NAMES].sort()).toEqual([...FACT_NAMES].sort());
		for (const name of FACT_NAMES) {
			const { kind, valueType, params } = FACTS[name];
			expect({ name, ...CONSOLE_FACTS[name], params: [...CONSOLE_FACTS[name].params] }).toEqual({ name, kind, valueType, params: [...params] });
		}
	});

	it('offers only operators the engine knows, and edits values as the fact and operator suggest', () => {
		for (const name of FACT_NAMES) for (const operator of operatorsFor(name)) expect(isKnownOperator(operator)).toBe(true);
		expect(valueEditorFor('activityCount', 'greaterThanInclusive', 3)).toBe('number');
		expect(valueEditorFor('sourceChannel', 'in', ['官网预约'])).toBe('list');
		expect(valueEditorFor('tags', 'contains', 'VIP')).toBe('text');
		expect(valueEditorFor('attributes', 'someValue:equal', ['VIP'])).toBe('json');
		expect(valueEditorFor('activityCount', 'greaterThan', { fact: 'activityCount', params: { windowDays: 7, offsetDays: 7 } })).toBe('fact');
	});
});
