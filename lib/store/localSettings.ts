import type { Queryable } from './Store';

async function setLocal(db: Queryable, names: string[], values: string[]): Promise<void> {
	await db.query('SELECT set_config(name, value, true) FROM unnest($1::text[], $2::text[]) AS s(name, value)', [names, values]);
}

/**
 * Runs `work` with settings changed for the current transaction only (set_config's is_local),
 * then puts back what they were, so the transaction's later statements — and a caller that
 * had set them itself — see their own values. Nothing is put back when `work` throws: the
 * transaction is rolled back, and its settings with it.
 */
export async function withLocalSettings<T>(db: Queryable, settings: Readonly<Record<string, string>>, work: () => Promise<T>): Promise<T> {
	const names = Object.keys(settings);
	const before = await db.query<{ name: string; setting: string }>(
		'SELECT name, current_setting(name) AS setting FROM unnest($1::text[]) AS name',
		[names],
	);
	await setLocal(db, names, Object.values(settings));
	const result = await work();
	await setLocal(db, before.rows.map((row) => row.name), before.rows.map((row) => row.setting));
	return result;
}
