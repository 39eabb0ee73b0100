import { ruleChecksum, type Rule } from '../rules';
import type { Store } from '../store';

/**
 * Records each rule's definition in the rules table and returns its version: the version
 * already stored for the same content, else the next one. Serialised per rule by an
 * advisory lock, so two workers registering a new version at once agree on its number.
 */
export async function registerRules(store: Store, rules: readonly Rule[]): Promise<Map<string, number>> {
	const versions = new Map<string, number>();
	const ordered = [...rules].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	await store.transaction(async (tx) => {
		for (const rule of ordered) {
			const checksum = ruleChecksum(rule);
			await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`lead_monitor:rule:${rule.name}`]);
			const existing = await tx.query<{ version: number }>(
				'SELECT version FROM rules WHERE rule_id = $1 AND checksum = $2',
				[rule.name, checksum],
			);
			if (existing.rows.length) {
				versions.set(rule.name, Number(existing.rows[0].version));
				continue;
			}
			const inserted = await tx.query<{ version: number }>(
				`INSERT INTO rules (rule_id, version, name, definition, checksum)
				 SELECT $1, COALESCE(max(version), 0) + 1, $2, $3::jsonb, $4 FROM rules WHERE rule_id = $1
				 RETURNING version`,
				[rule.name, rule.event.params.label, JSON.stringify(rule), checksum],
			);
			versions.set(rule.name, Number(inserted.rows[0].version));
		}
	});
	return versions;
}
