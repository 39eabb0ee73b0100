import { eventTypeLabel } from '../vocabulary';
import { activitySpec, isActivityFact, type HourPeriod } from './facts';

/**
 * Reason templates turn a hit's fact values into the sentence the staff read, e.g.
 * `近{count.windowDays}天内在{institutions}家机构核验{count}次` → 近7天内在3家机构核验5次.
 *
 * `{x}` is the value of the condition named x (its `name`), or else of the first
 * condition on fact x; `{x.value}` is that condition's comparison value and
 * `{x.windowDays}` (any param) one of its params, defaults filled. `{{` and `}}` are
 * literal braces.
 */
const PLACEHOLDER = /\{\{|\}\}|\{([\p{L}\p{N}_-]+)(?:\.([\p{L}\p{N}_-]+))?\}/gu;

export interface Placeholder {
	name: string;
	field?: string;
}

export function placeholders(template: string): Placeholder[] {
	const found: Placeholder[] = [];
	for (const match of template.matchAll(PLACEHOLDER)) {
		if (match[1]) found.push(match[2] ? { name: match[1], field: match[2] } : { name: match[1] });
	}
	return found;
}

/** A condition of the explained tree the template can draw on. */
export interface TemplateSource {
	name?: string;
	fact?: string;
	params?: Record<string, unknown>;
	value?: unknown;
	valueResult?: unknown;
	factResult?: unknown;
	/** Whether the engine evaluated the condition (it may stop early). */
	evaluated: boolean;
	/** For named all/any/not conditions. */
	result?: boolean;
}

export function fillTemplate(template: string, sources: readonly TemplateSource[]): string {
	return template.replace(PLACEHOLDER, (whole, name: string | undefined, field: string | undefined) => {
		if (whole === '{{') return '{';
		if (whole === '}}') return '}';
		const source = findSource(sources, name!);
		if (!source) return whole;
		return formatValue(valueOf(source, field), field);
	});
}

function findSource(sources: readonly TemplateSource[], name: string): TemplateSource | undefined {
	return (
		sources.find((s) => s.name === name && s.evaluated) ??
		sources.find((s) => s.name === name) ??
		sources.find((s) => s.fact === name && s.evaluated) ??
		sources.find((s) => s.fact === name)
	);
}

function valueOf(source: TemplateSource, field: string | undefined): unknown {
	if (source.fact === undefined) return field ? undefined : source.result;
	if (!field) return source.factResult;
	if (field === 'value') return source.valueResult !== undefined ? source.valueResult : source.value;
	if (source.params?.[field] !== undefined) return source.params[field];
	// A param left out: its default (offsetDays 0, daysSinceLastActivity's full look-back).
	if (isActivityFact(source.fact)) return (activitySpec(source.fact, source.params) as unknown as Record<string, unknown>)[field];
	return undefined;
}

export function formatValue(value: unknown, field?: string): string {
	if (value === undefined || value === null) return '—';
	if (typeof value === 'boolean') return value ? '是' : '否';
	if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
	if (typeof value === 'string') return field === 'eventTypes' ? eventTypeLabel(value) : value;
	if (Array.isArray(value)) return value.map((v) => formatValue(v, field)).join('、');
	if (field === 'period' && isPeriod(value)) return `${pad(value.fromHour)}:00-${pad(value.toHour)}:00`;
	return JSON.stringify(value);
}

function isPeriod(value: object): value is HourPeriod {
	return typeof (value as HourPeriod).fromHour === 'number' && typeof (value as HourPeriod).toHour === 'number';
}

function pad(hour: number): string {
	return String(hour).padStart(2, '0');
}
