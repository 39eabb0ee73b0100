import { keyedHash, type PrivacyKeys } from '../privacy';
import type { Queryable } from '../store';
import {
	BLACKLIST_KIND_LABELS,
	BLACKLIST_KINDS,
	maskBlacklistValue,
	normaliseBlacklistValue,
	type BlacklistKind,
} from './blacklistValue';
import { DomainError } from '../errors';

export interface BlacklistEntry {
	/** Names the entry without its value (`<kind>:<keyed hash>`), for removing it from a list. */
	id: string;
	kind: BlacklistKind;
	/** Masked. */
	value: string;
	note: string | null;
	createdAt: string;
}

export class BlacklistError extends DomainError {
	declare readonly field: 'kind' | 'value';

	constructor(message: string, field: 'kind' | 'value') {
		super('invalid', message, field);
	}
}

function checkKind(kind: string): BlacklistKind {
	if (!(BLACKLIST_KINDS as readonly string[]).includes(kind)) {
		const known = BLACKLIST_KINDS.map((k) => `${k} (${BLACKLIST_KIND_LABELS[k]})`).join(', ');
		throw new BlacklistError(`Blacklist kind "${kind}" is not one of ${known}`, 'kind');
	}
	return kind as BlacklistKind;
}

/** Blacklist entries are stored as keyed hashes of the normalised value, with a masked copy for people. */
export function blacklistHash(keys: PrivacyKeys, kind: BlacklistKind, normalisedValue: string): string {
	return keyedHash(keys.hashKey, `${kind}:${normalisedValue}`);
}

function normalisedOrThrow(kind: BlacklistKind, value: string): string {
	const normalised = normaliseBlacklistValue(kind, value);
	if (normalised === null) {
		throw new BlacklistError(`"${maskBlacklistValue(kind, value)}" is not a valid ${BLACKLIST_KIND_LABELS[kind]} (${kind})`, 'value');
	}
	return normalised;
}

export async function addToBlacklist(
	db: Queryable,
	keys: PrivacyKeys,
	kindName: string,
	value: string,
	note?: string,
): Promise<BlacklistEntry & { added: boolean }> {
	const kind = checkKind(kindName);
	const normalised = normalisedOrThrow(kind, value);
	const masked = maskBlacklistValue(kind, normalised);
	const result = await db.query<{ created_at: Date }>(
		`INSERT INTO blacklist (kind, value_hash, value_masked, note) VALUES ($1, $2, $3, $4)
		 ON CONFLICT (kind, value_hash) DO NOTHING RETURNING created_at`,
		[kind, blacklistHash(keys, kind, normalised), masked, note ?? null],
	);
	const added = result.rows.length > 0;
	return {
		id: entryId(kind, blacklistHash(keys, kind, normalised)),
		kind,
		value: masked,
		note: note ?? null,
		createdAt: new Date(result.rows[0]?.created_at ?? Date.now()).toISOString(),
		added,
	};
}

export async function removeFromBlacklist(
	db: Queryable,
	keys: PrivacyKeys,
	kindName: string,
	value: string,
): Promise<{ kind: BlacklistKind; removed: boolean }> {
	const kind = checkKind(kindName);
	const result = await db.query('DELETE FROM blacklist WHERE kind = $1 AND value_hash = $2', [
		kind,
		blacklistHash(keys, kind, normalisedOrThrow(kind, value)),
	]);
	return { kind, removed: result.rowCount > 0 };
}

/** Removes the entry a list showed (by its id: the value itself is not at hand). */
export async function removeBlacklistEntry(db: Queryable, id: string): Promise<{ kind: BlacklistKind; removed: boolean }> {
	const separator = id.indexOf(':');
	const kind = checkKind(separator > 0 ? id.slice(0, separator) : id);
	const result = await db.query('DELETE FROM blacklist WHERE kind = $1 AND value_hash = $2', [kind, id.slice(separator + 1)]);
	return { kind, removed: result.rowCount > 0 };
}

function entryId(kind: BlacklistKind, valueHash: string): string {
	return `${kind}:${valueHash}`;
}

export async function listBlacklist(db: Queryable, limit: number, offset = 0): Promise<BlacklistEntry[]> {
	const result = await db.query<{ kind: BlacklistKind; value_hash: string; value_masked: string; note: string | null; created_at: Date }>(
		`SELECT kind, value_hash, value_masked, note, created_at FROM blacklist ORDER BY created_at DESC, kind LIMIT $1 OFFSET $2`,
		[limit, offset],
	);
	return result.rows.map((row) => ({
		id: entryId(row.kind, row.value_hash),
		kind: row.kind,
		value: row.value_masked,
		note: row.note,
		createdAt: new Date(row.created_at).toISOString(),
	}));
}

export async function countBlacklist(db: Queryable): Promise<number> {
	const result = await db.query<{ n: string }>('SELECT count(*) AS n FROM blacklist');
	return Number(result.rows[0]?.n ?? 0);
}

/** Which of these hashes are on the blacklist (one query for a whole batch). */
export async function blacklistedHashes(db: Queryable, hashes: string[]): Promise<Set<string>> {
	if (hashes.length === 0) return new Set();
	const result = await db.query<{ value_hash: string }>(
		'SELECT value_hash FROM blacklist WHERE value_hash = ANY($1::text[])',
		[hashes],
	);
	return new Set(result.rows.map((row) => row.value_hash));
}
