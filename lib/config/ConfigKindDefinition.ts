/**
 * What lib/config knows about one kind of configuration document. The module that owns
 * the document provides it (lib/monitor: `ruleSet`; lib/push: `policy`, `frequencies`), so
 * lib/config stays generic and imports none of them. Callers pass the definition to every
 * call; the composition root (the console's API, a node) chooses the kinds it serves.
 */
export interface ConfigKindDefinition<Body = unknown> {
	/** Stable key in the store, e.g. `ruleSet`. */
	readonly kind: string;
	/** The name staff read, Chinese first. */
	readonly label: { readonly zh: string; readonly en: string };
	/** The body, checked; throws a DomainError naming the field when it is not valid. */
	validate(body: unknown): Body;
	/** The first version of a fresh install: what the package ships (the presets). */
	coldStart(): Body;
}

/** Who wrote the cold-start versions, and the note they carry. */
export const COLD_START_AUTHOR = 'system';
export const COLD_START_NOTE = '预置配置（冷启动）';
