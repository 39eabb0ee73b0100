import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ContactPolicy } from './ContactPolicy';
import { policyPresetsFolder } from './policyFiles';
import { assertValidPolicy } from './validatePolicy';

/** The order the editor lists them in; files not named here follow, by id. */
const ORDER = ['standard', 'gentle', 'campaign'];

let cache: ContactPolicy[] | undefined;

/** The cold-start contact policies shipped in rules/presets/policies/*.json, validated. */
export function listPolicyPresets(): ContactPolicy[] {
	if (!cache) {
		const folder = policyPresetsFolder();
		const presets = fs
			.readdirSync(folder)
			.filter((file) => file.endsWith('.json'))
			.map((file) => {
				try {
					return assertValidPolicy(JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')));
				} catch (error) {
					throw new Error(`Policy preset ${file}: ${(error as Error).message}`);
				}
			});
		const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);
		cache = presets.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
	}
	return cache.map((preset) => structuredClone(preset));
}

export function loadPolicyPreset(id: string): ContactPolicy {
	const preset = listPolicyPresets().find((p) => p.id === id);
	if (!preset) {
		throw new Error(`没有名为 "${id}" 的推送策略预设 (known: ${listPolicyPresets().map((p) => p.id).join(', ')})`);
	}
	return preset;
}
