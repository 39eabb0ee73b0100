import { stableChecksum } from '../stableJson';
import type { Store } from '../store';
import type { ConfigKindDefinition } from './ConfigKindDefinition';
import type { SaveConfigOptions, SaveConfigOutcome } from './ConfigVersion';
import { checkedAuthor, checkedNote, checkedVersion } from './configInput';
import { insertVersion, lockActive, readActive, refuseIfMoved, setActive } from './configRows';

/**
 * Saves a body as the next version and makes it active. The body is validated first (an
 * invalid one throws the kind's validation error, naming the field, and saves nothing).
 *
 * Optimistic: `baseVersion` is the version the author edited. If another version became
 * active since, ConfigConflictError (code `versionMoved`) and nothing is written. A body
 * equal to the active version saves nothing and returns the active version, whatever the
 * base: the document is already what the author wants (a retried save lands here).
 */
export async function saveConfig<Body>(
	db: Store,
	definition: ConfigKindDefinition<Body>,
	body: unknown,
	options: SaveConfigOptions<Body>,
): Promise<SaveConfigOutcome<Body>> {
	const author = checkedAuthor(options.author);
	const note = checkedNote(options.note);
	const baseVersion = checkedVersion(options.baseVersion, 'baseVersion');
	const valid = definition.validate(body);
	const checksum = stableChecksum(valid);

	return db.transaction(async (tx) => {
		const active = await lockActive(tx, definition);
		if (active.checksum === checksum) return { created: false, active };
		refuseIfMoved(definition, active, baseVersion);

		const version = await insertVersion(tx, definition.kind, { body: valid, checksum, author, note, basedOn: baseVersion });
		await setActive(tx, definition.kind, version, author);
		const saved = (await readActive<Body>(tx, definition.kind))!;
		await options.onWritten?.(tx, saved);
		return { created: true, active: saved };
	});
}
