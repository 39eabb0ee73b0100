/**
 * json-rules-engine 7.3.1's default operators and operator decorators, rebuilt as plain
 * synchronous functions with the same structure (engine-default-operators.js,
 * engine-default-operator-decorators.js, operator-map.js): an operator is
 * `validator(factValue) && callback(factValue, value)`, and `d1:d2:op` is d1 wrapped
 * around d2 wrapped around op. Even the errors match: `in` with a value that has no
 * indexOf throws, as the engine's does.
 */
export type OperatorFn = (factValue: unknown, value: unknown) => boolean;

type Validator = (factValue: unknown) => boolean;

/** The engine calls these methods on whatever values it gets (and throws when they are missing). */
interface Listish {
	indexOf(item: unknown): number;
	some(test: (item: unknown) => boolean): boolean;
	every(test: (item: unknown) => boolean): boolean;
}

const list = (value: unknown) => value as Listish;
const num = (value: unknown) => value as number;

interface OperatorDefinition {
	callback: (a: unknown, b: unknown) => boolean;
	validator?: Validator;
}

interface DecoratorDefinition {
	callback: (a: unknown, b: unknown, next: OperatorFn) => boolean;
	validator?: Validator;
}

function numberValidator(factValue: unknown): boolean {
	return Number.parseFloat(factValue as string).toString() !== 'NaN';
}

const BASE_OPERATORS: Readonly<Record<string, OperatorDefinition>> = {
	equal: { callback: (a, b) => a === b },
	notEqual: { callback: (a, b) => a !== b },
	in: { callback: (a, b) => list(b).indexOf(a) > -1 },
	notIn: { callback: (a, b) => list(b).indexOf(a) === -1 },
	contains: { callback: (a, b) => list(a).indexOf(b) > -1, validator: Array.isArray },
	doesNotContain: { callback: (a, b) => list(a).indexOf(b) === -1, validator: Array.isArray },
	lessThan: { callback: (a, b) => num(a) < num(b), validator: numberValidator },
	lessThanInclusive: { callback: (a, b) => num(a) <= num(b), validator: numberValidator },
	greaterThan: { callback: (a, b) => num(a) > num(b), validator: numberValidator },
	greaterThanInclusive: { callback: (a, b) => num(a) >= num(b), validator: numberValidator },
};

const DECORATORS: Readonly<Record<string, DecoratorDefinition>> = {
	someFact: { callback: (a, b, next) => list(a).some((fv) => next(fv, b)), validator: Array.isArray },
	someValue: { callback: (a, b, next) => list(b).some((jv) => next(a, jv)) },
	everyFact: { callback: (a, b, next) => list(a).every((fv) => next(fv, b)), validator: Array.isArray },
	everyValue: { callback: (a, b, next) => list(b).every((jv) => next(a, jv)) },
	swap: { callback: (a, b, next) => next(b, a) },
	not: { callback: (a, b, next) => !next(a, b) },
};

export const OPERATOR_NAMES = Object.keys(BASE_OPERATORS) as readonly string[];
export const DECORATOR_NAMES = Object.keys(DECORATORS) as readonly string[];

export interface ParsedOperator {
	decorators: string[];
	base: string;
}

/** Splits `d1:d2:op` as OperatorMap.get does; undefined when the engine would not know it. */
export function parseOperator(name: string): ParsedOperator | undefined {
	const decorators: string[] = [];
	let rest = name;
	while (!Object.prototype.hasOwnProperty.call(BASE_OPERATORS, rest)) {
		const colon = rest.indexOf(':');
		if (colon <= 0) return undefined;
		const decorator = rest.slice(0, colon);
		if (!Object.prototype.hasOwnProperty.call(DECORATORS, decorator)) return undefined;
		decorators.push(decorator);
		rest = rest.slice(colon + 1);
	}
	return { decorators, base: rest };
}

export function isKnownOperator(name: string): boolean {
	return parseOperator(name) !== undefined;
}

const cache = new Map<string, OperatorFn>();

/** The operator function for a (possibly decorated) name; throws for an unknown one. */
export function resolveOperator(name: string): OperatorFn {
	const cached = cache.get(name);
	if (cached) return cached;
	const parsed = parseOperator(name);
	if (!parsed) throw new Error(`Unknown operator: ${name}`);
	let fn = baseOperator(BASE_OPERATORS[parsed.base]);
	for (let i = parsed.decorators.length - 1; i >= 0; i--) fn = decorate(DECORATORS[parsed.decorators[i]], fn);
	cache.set(name, fn);
	return fn;
}

function baseOperator({ callback, validator }: OperatorDefinition): OperatorFn {
	if (!validator) return (a, b) => callback(a, b);
	return (a, b) => validator(a) && callback(a, b);
}

function decorate({ callback, validator }: DecoratorDefinition, next: OperatorFn): OperatorFn {
	if (!validator) return (a, b) => callback(a, b, next);
	return (a, b) => validator(a) && callback(a, b, next);
}

/**
 * Whether the operator can never throw for this literal value, whatever the fact value.
 * Conservative: numeric comparisons can throw on objects that refuse to become primitives.
 */
export function operatorCannotThrow(name: string, value: unknown): boolean {
	const parsed = parseOperator(name);
	if (!parsed || parsed.decorators.length > 0) return false;
	switch (parsed.base) {
		case 'equal':
		case 'notEqual':
		case 'contains':
		case 'doesNotContain':
			return true;
		case 'in':
		case 'notIn':
			return Array.isArray(value);
		default:
			return false;
	}
}
