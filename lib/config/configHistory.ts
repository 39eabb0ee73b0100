import type { Store } from '../store';
import { ensureColdStart } from './activeConfig';
import type { ConfigKindDefinition } from './ConfigKindDefinition';
import { ConfigVersionNotFoundError } from './ConfigVersionNotFoundError';
import type { ConfigHistory, ConfigVersion, ConfigVersionSummary } from './ConfigVersion';
import { checkedVersion } from './configInput';
import { readActive, toVersion, versionColumns, type VersionRow } from './configRows';

export interface HistoryPage {
	/** 1-based. */
	page?: number;
	pageSize?: number;
}

const MAX_PAGE_SIZE = 200;

/** The kind's versions newest first (without bodies), which one is active and who activated it. */
export async function configHistory(db: Store, definition: ConfigKindDefinition, paging: HistoryPage = {}): Promise<ConfigHistory> {
	const pageSize = Math.min(Math.max(Math.trunc(paging.pageSize ?? 20), 1), MAX_PAGE_SIZE);
	const page = Math.max(Math.trunc(paging.page ?? 1), 1);
	await ensureColdStart(db, definition);

	const rows = await db.query<VersionRow>(
		`SELECT ${versionColumns(false)}
		 FROM config_versions v LEFT JOIN config_active a ON a.kind = v.kind AND a.version = v.version
		 WHERE v.kind = $1 ORDER BY v.version DESC LIMIT $2 OFFSET $3`,
		[definition.kind, pageSize, (page - 1) * pageSize],
	);
	const total = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM config_versions WHERE kind = $1', [
		definition.kind,
	]);
	const active = (await readActive(db, definition.kind))!;
	return {
		kind: definition.kind,
		versions: rows.rows.map((row) => {
			const { body: _body, ...summary } = toVersion(row);
			return summary as ConfigVersionSummary;
		}),
		total: Number(total.rows[0].n),
		page,
		pageSize,
		active: { version: active.version, activatedBy: active.activatedBy, activatedAt: active.activatedAt },
	};
}

/** One version with its body (for the editor, and to diff two versions). */
export async function configVersion<Body>(
	db: Store,
	definition: ConfigKindDefinition<Body>,
	version: number,
): Promise<ConfigVersion<Body>> {
	checkedVersion(version, 'version');
	await ensureColdStart(db, definition);
	const result = await db.query<VersionRow>(
		`SELECT ${versionColumns(true)}
		 FROM config_versions v LEFT JOIN config_active a ON a.kind = v.kind AND a.version = v.version
		 WHERE v.kind = $1 AND v.version = $2`,
		[definition.kind, version],
	);
	if (!result.rows.length) throw new ConfigVersionNotFoundError(definition, version);
	return toVersion<Body>(result.rows[0]);
}
