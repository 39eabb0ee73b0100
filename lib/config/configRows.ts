import type { Queryable } from '../store';
import { stableChecksum } from '../stableJson';
import { COLD_START_AUTHOR, COLD_START_NOTE, type ConfigKindDefinition } from './ConfigKindDefinition';
import type { ActiveConfig, ConfigVersion } from './ConfigVersion';
import { ConfigConflictError, type MovedVersion } from './ConfigConflictError';

/** The SQL of config_versions and config_active (this module owns both tables). */

export interface VersionRow {
	kind: string;
	version: number;
	body?: unknown;
	checksum: string;
	author: string;
	note: string;
	based_on: number | null;
	created_at: Date | string;
	active: boolean;
}

interface ActiveRow extends VersionRow {
	activated_by: string;
	activated_at: Date | string;
}

const SUMMARY_COLUMNS = `v.kind, v.version, v.checksum, v.author, v.note, v.based_on, v.created_at`;
const ACTIVE_COLUMNS = `${SUMMARY_COLUMNS}, v.body, true AS active, a.activated_by, a.activated_at`;

export function versionColumns(withBody: boolean): string {
	return `${SUMMARY_COLUMNS}${withBody ? ', v.body' : ''}, (a.version IS NOT NULL) AS active`;
}

/** The active version, or undefined when the kind has none yet. */
export async function readActive<Body>(q: Queryable, kind: string): Promise<ActiveConfig<Body> | undefined> {
	const result = await q.query<ActiveRow>(
		`SELECT ${ACTIVE_COLUMNS} FROM config_active a JOIN config_versions v USING (kind, version) WHERE a.kind = $1`,
		[kind],
	);
	return result.rows[0] && toActive<Body>(result.rows[0]);
}

/**
 * The active version, its row locked until the transaction ends (the cold start written
 * first when the kind has none): every writer of a kind takes this lock first, so saves
 * and activations of one kind happen one after another.
 */
export async function lockActive<Body>(tx: Queryable, definition: ConfigKindDefinition<Body>): Promise<ActiveConfig<Body>> {
	const lock = () =>
		tx.query<ActiveRow>(
			`SELECT ${ACTIVE_COLUMNS} FROM config_active a JOIN config_versions v USING (kind, version)
			 WHERE a.kind = $1 FOR UPDATE OF a`,
			[definition.kind],
		);
	let result = await lock();
	if (!result.rows.length) {
		await seedColdStart(tx, definition);
		result = await lock();
	}
	return toActive<Body>(result.rows[0]);
}

/** Refuses a write based on a version that is no longer the active one. */
export function refuseIfMoved(definition: ConfigKindDefinition, active: ActiveConfig, baseVersion: number): void {
	if (active.version !== baseVersion) throw new ConfigConflictError(definition, baseVersion, movedVersion(active));
}

/**
 * Writes the cold-start version 1 and makes it active, unless the kind has them already.
 * Safe when two processes do it at once: the second insert waits for the first to commit
 * and then does nothing.
 */
export async function seedColdStart(tx: Queryable, definition: ConfigKindDefinition): Promise<void> {
	const body = definition.validate(definition.coldStart());
	await tx.query(
		`INSERT INTO config_versions (kind, version, body, checksum, author, note)
		 VALUES ($1, 1, $2::json, $3, $4, $5) ON CONFLICT (kind, version) DO NOTHING`,
		[definition.kind, JSON.stringify(body), stableChecksum(body), COLD_START_AUTHOR, COLD_START_NOTE],
	);
	await tx.query(
		`INSERT INTO config_active (kind, version, activated_by) VALUES ($1, 1, $2) ON CONFLICT (kind) DO NOTHING`,
		[definition.kind, COLD_START_AUTHOR],
	);
}

/** Adds the next version (max + 1; the caller holds the active row's lock) and returns its number. */
export async function insertVersion(
	tx: Queryable,
	kind: string,
	version: { body: unknown; checksum: string; author: string; note: string; basedOn: number },
): Promise<number> {
	const inserted = await tx.query<{ version: number }>(
		`INSERT INTO config_versions (kind, version, body, checksum, author, note, based_on)
		 SELECT $1, COALESCE(max(version), 0) + 1, $2::json, $3, $4, $5, $6 FROM config_versions WHERE kind = $1
		 RETURNING version`,
		[kind, JSON.stringify(version.body), version.checksum, version.author, version.note, version.basedOn],
	);
	return Number(inserted.rows[0].version);
}

export async function setActive(tx: Queryable, kind: string, version: number, activatedBy: string): Promise<void> {
	await tx.query(`UPDATE config_active SET version = $2, activated_by = $3, activated_at = now() WHERE kind = $1`, [
		kind,
		version,
		activatedBy,
	]);
}

export function toVersion<Body>(row: VersionRow): ConfigVersion<Body> {
	return {
		kind: row.kind,
		version: Number(row.version),
		body: row.body as Body,
		checksum: row.checksum,
		author: row.author,
		note: row.note,
		basedOn: row.based_on === null ? null : Number(row.based_on),
		createdAt: isoTime(row.created_at),
		active: Boolean(row.active),
	};
}

function toActive<Body>(row: ActiveRow): ActiveConfig<Body> {
	return {
		...toVersion<Body>(row),
		active: true,
		activatedBy: row.activated_by,
		activatedAt: isoTime(row.activated_at),
	};
}

function movedVersion(active: ActiveConfig): MovedVersion {
	const { version, author, createdAt, activatedBy, activatedAt } = active;
	return { version, author, createdAt, activatedBy, activatedAt };
}

function isoTime(value: Date | string): string {
	return (value instanceof Date ? value : new Date(value)).toISOString();
}
