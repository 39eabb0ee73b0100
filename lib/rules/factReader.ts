import { factKey as defaultFactKey } from './facts';
import { pathSteps, resolvePath } from './jsonPath';
import { isFactReference, type FactKeyFn, type FactParams, type FactValues } from './types';
import { DomainError } from '../errors';

/** Thrown for a fact the facts do not hold, as json-rules-engine's UndefinedFactError. */
export class UndefinedFactError extends DomainError {
	constructor(fact: string) {
		super('UNDEFINED_FACT', `Undefined fact: ${fact}`);
	}
}

export interface EvaluationOptions {
	/** As the engine option: a fact the facts do not hold reads as undefined instead of failing. Default false. */
	allowUndefinedFacts: boolean;
	/** As the engine option: a reference to a missing shared condition is false instead of failing. Default false. */
	allowUndefinedConditions: boolean;
	factKey: FactKeyFn;
}

export function evaluationOptions(options: Partial<EvaluationOptions> = {}): EvaluationOptions {
	return {
		allowUndefinedFacts: options.allowUndefinedFacts ?? false,
		allowUndefinedConditions: options.allowUndefinedConditions ?? false,
		factKey: options.factKey ?? defaultFactKey,
	};
}

export type Reader = (facts: FactValues) => unknown;

/**
 * Reads one fact as Almanac.factValue does: a missing fact fails (or is undefined when
 * allowed, without applying the path); a path applies only to a non-null object.
 */
export function factReader(
	fact: string,
	params: FactParams | undefined,
	path: string | undefined,
	options: EvaluationOptions,
): Reader {
	const key = options.factKey(fact, params);
	const allowUndefined = options.allowUndefinedFacts;
	const steps = path ? pathSteps(path) : undefined;
	if (key in Object.prototype) {
		// toString, constructor...: a plain read would find Object.prototype's.
		return (facts) => {
			if (!Object.hasOwn(facts, key)) {
				if (allowUndefined) return undefined;
				throw new UndefinedFactError(fact);
			}
			const value = facts[key];
			return steps && value != null && typeof value === 'object' ? resolvePath(value, steps) : value;
		};
	}
	// One property read in the common case; the own-property check only when it reads undefined.
	if (!steps) {
		return (facts) => {
			const value = facts[key];
			if (value !== undefined || allowUndefined || Object.hasOwn(facts, key)) return value;
			throw new UndefinedFactError(fact);
		};
	}
	return (facts) => {
		const value = facts[key];
		if (value === undefined) {
			if (allowUndefined || Object.hasOwn(facts, key)) return undefined;
			throw new UndefinedFactError(fact);
		}
		return value !== null && typeof value === 'object' ? resolvePath(value, steps) : value;
	};
}

/** The comparison value: a constant, or another fact's value for `{ "fact": ... }`. */
export function valueReader(value: unknown, options: EvaluationOptions): Reader {
	if (isFactReference(value)) return factReader(value.fact, value.params, value.path, options);
	return () => value;
}
