import type { Store } from '../store';
import type { ConfigKindDefinition } from './ConfigKindDefinition';
import { ConfigVersionNotFoundError } from './ConfigVersionNotFoundError';
import type { ActivateConfigOptions, ActivateConfigOutcome } from './ConfigVersion';
import { checkedAuthor, checkedVersion } from './configInput';
import { lockActive, readActive, refuseIfMoved, setActive } from './configRows';

/**
 * Makes an existing version the active one: rolling back is activating an earlier version.
 * Same rule as saving: `baseVersion` must still be active, else ConfigConflictError. The
 * version must pass the kind's validator as it is today, so a version this package can no
 * longer run is refused (naming the field) rather than activated. Activating the version
 * that is active already changes nothing.
 */
export async function activateConfig<Body>(
	db: Store,
	definition: ConfigKindDefinition<Body>,
	version: number,
	options: ActivateConfigOptions<Body>,
): Promise<ActivateConfigOutcome<Body>> {
	const author = checkedAuthor(options.author);
	const baseVersion = checkedVersion(options.baseVersion, 'baseVersion');
	checkedVersion(version, 'version');

	return db.transaction(async (tx) => {
		const active = await lockActive(tx, definition);
		if (active.version === version) return { changed: false, active };
		refuseIfMoved(definition, active, baseVersion);

		const target = await tx.query<{ body: unknown }>('SELECT body FROM config_versions WHERE kind = $1 AND version = $2', [
			definition.kind,
			version,
		]);
		if (!target.rows.length) throw new ConfigVersionNotFoundError(definition, version);
		definition.validate(target.rows[0].body);

		await setActive(tx, definition.kind, version, author);
		const activated = (await readActive<Body>(tx, definition.kind))!;
		await options.onWritten?.(tx, activated);
		return { changed: true, active: activated };
	});
}
