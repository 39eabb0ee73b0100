import type { Queryable } from '../store';

/** One saved version of a configuration document. Times are ISO 8601 (UTC). */
export interface ConfigVersion<Body = unknown> {
	kind: string;
	version: number;
	body: Body;
	/** The body's content fingerprint (lib/stableJson): equal content, equal checksum. */
	checksum: string;
	author: string;
	note: string;
	/** The version the author edited (their baseVersion); null for a cold start. */
	basedOn: number | null;
	createdAt: string;
	/** Whether this version is the active one now. */
	active: boolean;
}

/** The active version, and who made it active when (its author on save, or whoever rolled back to it). */
export interface ActiveConfig<Body = unknown> extends ConfigVersion<Body> {
	active: true;
	activatedBy: string;
	activatedAt: string;
}

/** A version in the history list: everything but the body. */
export type ConfigVersionSummary = Omit<ConfigVersion, 'body'>;

export interface ConfigHistory {
	kind: string;
	/** Versions newest first. */
	versions: ConfigVersionSummary[];
	total: number;
	page: number;
	pageSize: number;
	active: { version: number; activatedBy: string; activatedAt: string };
}

/** Runs in the transaction of a save or activation that changed the active version (the console records its audit entry there). */
export type OnConfigWritten<Body> = (tx: Queryable, active: ActiveConfig<Body>) => Promise<void>;

export interface SaveConfigOptions<Body = unknown> {
	author: string;
	note?: string;
	/** The version the author started from; it must still be the active one. */
	baseVersion: number;
	onWritten?: OnConfigWritten<Body>;
}

export interface ActivateConfigOptions<Body = unknown> {
	author: string;
	/** The version the author saw active when they chose to activate another. */
	baseVersion: number;
	onWritten?: OnConfigWritten<Body>;
}

export interface SaveConfigOutcome<Body = unknown> {
	/** False when the body equals the active version: nothing was saved. */
	created: boolean;
	active: ActiveConfig<Body>;
}

export interface ActivateConfigOutcome<Body = unknown> {
	/** False when the version was active already. */
	changed: boolean;
	active: ActiveConfig<Body>;
}
