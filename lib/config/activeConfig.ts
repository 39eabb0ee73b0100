import type { Store } from '../store';
import type { ConfigKindDefinition } from './ConfigKindDefinition';
import type { ActiveConfig } from './ConfigVersion';
import { readActive, seedColdStart } from './configRows';

/**
 * The active version of a kind. A kind with no version yet gets its cold start (the
 * package's presets) as version 1 first, so a fresh install works unchanged.
 *
 * The body is returned as stored: it was validated when saved or activated. Whoever runs it
 * validates it again (the rules and policy compilers do), and a body a later package version
 * no longer accepts stays readable here, so the console can show and fix it.
 */
export async function activeConfig<Body>(db: Store, definition: ConfigKindDefinition<Body>): Promise<ActiveConfig<Body>> {
	return (await readActive<Body>(db, definition.kind)) ?? seedAndRead(db, definition);
}

/** Makes sure the kind has an active version (the cold start when it has none). */
export async function ensureColdStart(db: Store, definition: ConfigKindDefinition): Promise<void> {
	if (!(await readActive(db, definition.kind))) await seedAndRead(db, definition);
}

async function seedAndRead<Body>(db: Store, definition: ConfigKindDefinition<Body>): Promise<ActiveConfig<Body>> {
	return db.transaction(async (tx) => {
		await seedColdStart(tx, definition);
		const active = await readActive<Body>(tx, definition.kind);
		if (!active) throw new Error(`The cold start of configuration "${definition.kind}" left no active version`);
		return active;
	});
}
