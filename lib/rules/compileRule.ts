import { prioritySets, sortingPriority } from './conditionTree';
import { evaluationOptions, factReader, valueReader, type EvaluationOptions } from './factReader';
import { isKnownOperator, operatorCannotThrow, resolveOperator } from './operators';
import {
	isAll,
	isAny,
	isFactReference,
	isNot,
	isReference,
	type Condition,
	type FactValues,
	type LeafCondition,
	type Rule,
	type RuleSet,
	type TopLevelCondition,
} from './types';

/**
 * Compiles rules into synchronous predicates with json-rules-engine 7.3.1's semantics,
 * errors included (rule.js, condition.js, almanac.js):
 *
 * - `all: []` and `any: []` are both true (prioritizeAndRun returns true for no conditions).
 * - Inside all/any, conditions are grouped by priority, highest first; a whole group is
 *   evaluated, and the next group only when the result is still open. Priority never
 *   changes the result, only which conditions run, hence which errors surface: so a group's
 *   conditions that may throw always run, the rest short-circuit.
 * - A leaf is `operator(factValue, value)`, value being a constant or `{ fact }`; a missing
 *   fact throws UndefinedFactError unless allowUndefinedFacts; path as jsonPath.ts.
 * - `{ condition: name }` evaluates the rule set's shared condition; a missing one throws
 *   unless allowUndefinedConditions, when it is false.
 *
 * Facts are looked up by options.factKey(fact, params), so an SQL row whose columns are
 * named by the aggregate plan can be passed in as is.
 */
export type Predicate = (facts: FactValues) => boolean;

export interface CompiledRule {
	readonly name: string;
	readonly rule: Rule;
	readonly test: Predicate;
}

export interface CompiledRuleSet {
	readonly rules: readonly CompiledRule[];
}

export type CompileOptions = Partial<EvaluationOptions>;

export function compileRuleSet(ruleSet: RuleSet, options: CompileOptions = {}): CompiledRuleSet {
	const resolved = evaluationOptions(options);
	const shared = ruleSet.conditions ?? {};
	const compiler = new Compiler(shared, resolved);
	return { rules: ruleSet.rules.map((rule) => ({ name: rule.name, rule, test: compiler.compile(rule.conditions).run })) };
}

export function compileRule(
	rule: Rule,
	options: CompileOptions & { shared?: Readonly<Record<string, TopLevelCondition>> } = {},
): CompiledRule {
	const compiler = new Compiler(options.shared ?? {}, evaluationOptions(options));
	return { name: rule.name, rule, test: compiler.compile(rule.conditions).run };
}

interface Compiled {
	run: Predicate;
	/** Whether evaluating it may throw, so it must run even where the result is already known. */
	mayThrow: boolean;
}

const TRUE: Compiled = { run: () => true, mayThrow: false };
const FALSE: Compiled = { run: () => false, mayThrow: false };

class Compiler {
	private readonly sharedCompiled = new Map<string, Compiled>();
	private readonly compiling: string[] = [];

	constructor(
		private readonly shared: Readonly<Record<string, TopLevelCondition>>,
		private readonly options: EvaluationOptions,
	) {}

	compile(condition: Condition): Compiled {
		if (isReference(condition)) return this.reference(condition.condition);
		if (isAny(condition)) return this.group(condition.any, 'any');
		if (isAll(condition)) return this.group(condition.all, 'all');
		if (isNot(condition)) {
			const inner = this.compile(condition.not);
			const run = inner.run;
			return { run: (facts) => !run(facts), mayThrow: inner.mayThrow };
		}
		return this.leaf(condition);
	}

	private reference(name: string): Compiled {
		const done = this.sharedCompiled.get(name);
		if (done) return done;
		if (!Object.prototype.hasOwnProperty.call(this.shared, name)) {
			if (this.options.allowUndefinedConditions) return FALSE;
			return {
				run: () => {
					throw new Error(`No condition ${name} exists`);
				},
				mayThrow: true,
			};
		}
		if (this.compiling.includes(name)) {
			throw new Error(`Condition references go round in a circle: ${[...this.compiling, name].join(' → ')}`);
		}
		this.compiling.push(name);
		const compiled = this.compile(this.shared[name]);
		this.compiling.pop();
		this.sharedCompiled.set(name, compiled);
		return compiled;
	}

	private group(conditions: readonly Condition[], kind: 'all' | 'any'): Compiled {
		if (conditions.length === 0) return TRUE;
		if (conditions.length === 1) return this.compile(conditions[0]);
		const sets = prioritySets(conditions, sortingPriority).map((set) => this.prioritySet(set, kind));
		const mayThrow = sets.some((s) => s.mayThrow);
		if (sets.length === 1) return sets[0];
		const runs = sets.map((s) => s.run);
		const run: Predicate =
			kind === 'all'
				? (facts) => {
						for (let i = 0; i < runs.length; i++) if (!runs[i](facts)) return false;
						return true;
					}
				: (facts) => {
						for (let i = 0; i < runs.length; i++) if (runs[i](facts)) return true;
						return false;
					};
		return { run, mayThrow };
	}

	/** One priority group: conditions that may throw all run, then the rest until decided. */
	private prioritySet(conditions: readonly Condition[], kind: 'all' | 'any'): Compiled {
		const compiled = conditions.map((c) => this.compile(c));
		const eager = compiled.filter((c) => c.mayThrow).map((c) => c.run);
		const lazy = compiled.filter((c) => !c.mayThrow).map((c) => c.run);
		const mayThrow = eager.length > 0;
		if (kind === 'all') {
			if (eager.length === 2 && lazy.length === 0) {
				const [a, b] = eager;
				return {
					run: (facts) => {
						const first = a(facts);
						return b(facts) && first;
					},
					mayThrow,
				};
			}
			if (eager.length === 0 && lazy.length === 2) {
				const [a, b] = lazy;
				return { run: (facts) => a(facts) && b(facts), mayThrow };
			}
			return {
				run: (facts) => {
					let result = true;
					for (let i = 0; i < eager.length; i++) if (!eager[i](facts)) result = false;
					if (!result) return false;
					for (let i = 0; i < lazy.length; i++) if (!lazy[i](facts)) return false;
					return true;
				},
				mayThrow,
			};
		}
		if (eager.length === 2 && lazy.length === 0) {
			const [a, b] = eager;
			return {
				run: (facts) => {
					const first = a(facts);
					return b(facts) || first;
				},
				mayThrow,
			};
		}
		if (eager.length === 0 && lazy.length === 2) {
			const [a, b] = lazy;
			return { run: (facts) => a(facts) || b(facts), mayThrow };
		}
		return {
			run: (facts) => {
				let result = false;
				for (let i = 0; i < eager.length; i++) if (eager[i](facts)) result = true;
				if (result) return true;
				for (let i = 0; i < lazy.length; i++) if (lazy[i](facts)) return true;
				return false;
			},
			mayThrow,
		};
	}

	private leaf(condition: LeafCondition): Compiled {
		if (!isKnownOperator(condition.operator)) {
			const name = condition.operator;
			return {
				run: () => {
					throw new Error(`Unknown operator: ${name}`);
				},
				mayThrow: true,
			};
		}
		const op = resolveOperator(condition.operator);
		const read = factReader(condition.fact, condition.params, condition.path, this.options);
		const safeReads = this.options.allowUndefinedFacts;
		if (isFactReference(condition.value)) {
			const readValue = valueReader(condition.value, this.options);
			return {
				run: (facts) => {
					const value = readValue(facts);
					return op(read(facts), value);
				},
				// A fact's value may be anything, so only operators safe with any value count as safe.
				mayThrow: !(safeReads && operatorCannotThrow(condition.operator, undefined)),
			};
		}
		const value = condition.value;
		return {
			run: (facts) => op(read(facts), value),
			mayThrow: !(safeReads && operatorCannotThrow(condition.operator, value)),
		};
	}
}
