import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * A parameter read for every item only when it holds an expression; a fixed value is read
 * once. Evaluating an expression costs far more than the push it configures, and a batch
 * may hold ten thousand items.
 */
export function perItemParameter<T>(context: IExecuteFunctions, name: string, fallback: T): (itemIndex: number) => T {
	if (!holdsExpression(rawParameter(context, name))) {
		const value = context.getNodeParameter(name, 0, fallback) as T;
		return () => value;
	}
	return (itemIndex) => context.getNodeParameter(name, itemIndex, fallback) as T;
}

function rawParameter(context: IExecuteFunctions, path: string): unknown {
	let value: unknown = context.getNode().parameters;
	for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
	return value;
}

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/** A string parameter as typed: an expression that found nothing gives '' (not "undefined"). */
export function stringParameter(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = context.getNodeParameter(name, itemIndex, '');
	return value === undefined || value === null ? '' : String(value).trim();
}
