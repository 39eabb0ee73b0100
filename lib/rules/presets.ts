import * as fs from 'node:fs';
import * as path from 'node:path';

import { packageDataPath } from '../packageData';
import { isLeaf, walkConditions } from './conditionTree';
import { isActivityFact } from './facts';
import { isFactReference, type FactParams, type RuleSet } from './types';
import { assertValidRuleSet } from './validateRule';

/**
 * The cold-start rules shipped in rules/presets/*.json: one rule set per file, each with
 * an id, a Chinese title and description. A bank imports its roster and runs them the
 * same day.
 */
export interface Preset {
	id: string;
	title: string;
	description: string;
	ruleSet: RuleSet;
}

/** The order the editor lists them in; files not named here follow, by name. */
const ORDER = ['active-institutions', 'long-term-high-frequency', 'key-behaviour', 'new-institution', 'dormant-and-back'];

export function presetsDir(): string {
	return packageDataPath('presets');
}

let cache: Preset[] | undefined;

export function listPresets(): Preset[] {
	if (!cache) {
		const files = fs.readdirSync(presetsDir()).filter((f) => f.endsWith('.json'));
		const presets = files.map((file) => readPreset(path.join(presetsDir(), file)));
		const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);
		cache = presets.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
	}
	return cache.map((preset) => structuredClone(preset));
}

export function loadPreset(id: string): Preset {
	const preset = listPresets().find((p) => p.id === id);
	if (!preset) throw new Error(`Unknown preset "${id}" (known: ${listPresets().map((p) => p.id).join(', ')})`);
	return preset;
}

/** The chosen presets as one rule set (their rule names are distinct). */
export function presetRuleSet(ids: readonly string[]): RuleSet {
	const presets = listPresets();
	const chosen = presets.filter((preset) => ids.includes(preset.id));
	const unknown = ids.filter((id) => !chosen.some((preset) => preset.id === id));
	if (unknown.length) throw new Error(`Unknown preset ${unknown.join(', ')} (known: ${presets.map((p) => p.id).join(', ')})`);
	if (!chosen.length) throw new Error('Choose at least one preset');
	return { id: ids.join('.'), title: chosen.map((p) => p.title).join('、'), rules: chosen.flatMap((p) => p.ruleSet.rules) };
}

/** All presets as one rule set (their rule names are distinct). */
export function allPresetsRuleSet(): RuleSet {
	return { id: 'presets', title: '全部预设规则', rules: listPresets().flatMap((p) => p.ruleSet.rules) };
}

/**
 * The rule set with its activity facts limited to these institutions (the seed's
 * 活跃机构选择), where a fact does not name institutions itself. Empty: unchanged.
 */
export function withInstitutions(ruleSet: RuleSet, institutions: readonly string[]): RuleSet {
	const names = [...new Set(institutions.map((i) => i.trim()).filter(Boolean))];
	const copy = structuredClone(ruleSet);
	if (!names.length) return copy;
	const limit = (fact: string, params: FactParams | undefined): FactParams | undefined => {
		if (!isActivityFact(fact) || (params && 'institutions' in params)) return params;
		return { ...params, institutions: names };
	};
	const roots = [...copy.rules.map((r) => r.conditions), ...Object.values(copy.conditions ?? {})];
	for (const root of roots) {
		walkConditions(root, '', (condition) => {
			if (!isLeaf(condition)) return;
			condition.params = limit(condition.fact, condition.params);
			if (isFactReference(condition.value)) condition.value.params = limit(condition.value.fact, condition.value.params);
		});
	}
	return copy;
}

function readPreset(file: string): Preset {
	let data: Record<string, unknown>;
	try {
		data = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (error) {
		throw new Error(`Preset ${path.basename(file)} is not valid JSON: ${(error as Error).message}`);
	}
	const ruleSet = assertValidRuleSet(data);
	const id = ruleSet.id ?? path.basename(file, '.json');
	return { id, title: ruleSet.title ?? id, description: ruleSet.description ?? '', ruleSet };
}
