import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, sourceFiles } from './sourceFiles';
import { findTableWrites, type TableWrite } from './sqlWrites';

const MIGRATIONS = 'lib/store/migrations';

/** The "table → owner module" rows of lib/README.md. */
function ownersFromReadme(): Map<string, string> {
	const readme = readFileSync(join(ROOT, 'lib', 'README.md'), 'utf8');
	const section = readme.split(/^## Tables$/m)[1] ?? '';
	const owners = new Map<string, string>();
	for (const match of section.matchAll(/^\|\s*`(\w+)`\s*\|\s*`(lib\/[\w/]+)`\s*\|/gm)) owners.set(match[1], match[2]);
	return owners;
}

/** The tables the migrations leave: created, minus those a later one drops (e.g. a table replaced by a view). */
function tablesOfMigrations(): Set<string> {
	const tables = new Set<string>();
	for (const file of sourceFiles(MIGRATIONS).sort()) {
		const text = readFileSync(join(ROOT, file), 'utf8');
		for (const match of text.matchAll(/(CREATE\s+(?:UNLOGGED\s+)?|DROP\s+)TABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?"?(\w+)"?/gi)) {
			if (/^DROP/i.test(match[1])) tables.delete(match[2]);
			else tables.add(match[2]);
		}
	}
	return tables;
}


function isOwnedBy(write: TableWrite, owner: string): boolean {
	return write.file.startsWith(`${owner}/`);
}

describe('one owner per table', () => {
	const owners = ownersFromReadme();
	const tables = new Set(owners.keys());
	const files = [...sourceFiles('lib'), ...sourceFiles('nodes')].filter((file) => !file.startsWith(`${MIGRATIONS}/`));
	const writes = findTableWrites(
		files.map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') })),
		tables,
	);

	it('lib/README.md names an owner module, one that exists, for every table the migrations create', () => {
		expect([...tablesOfMigrations()].filter((table) => !owners.has(table))).toEqual([]);
		expect([...new Set(owners.values())].filter((owner) => !existsSync(join(ROOT, owner)))).toEqual([]);
	});

	it('no file outside a table’s owner module writes it', () => {
		const misplaced = writes
			.filter((write) => !isOwnedBy(write, owners.get(write.table) as string))
			.map((write) => `${write.file}:${write.line} writes ${write.table} (${write.how}); its owner is ${owners.get(write.table)}`);
		expect(misplaced).toEqual([]);
	});

	it('sees every table written by its owner (so the scan is not blind)', () => {
		const written = new Set(writes.filter((write) => isOwnedBy(write, owners.get(write.table) as string)).map((write) => write.table));
		expect([...tables].filter((table) => !written.has(table))).toEqual([]);
	});
});

describe('finding the SQL that writes a table', () => {
	const tables = new Set(['hits', 'push_ledger', 'call_events', 'ingest_rejects', 'leads']);
	const found = (text: string) => findTableWrites([{ file: 'lib/x/a.ts', text }], tables).map((w) => `${w.how} ${w.table}`);

	it('finds the statements, whatever the case, spacing, quoting or schema', () => {
		expect(found("db.query('INSERT INTO hits (a) VALUES ($1)')")).toEqual(['INSERT INTO hits']);
		expect(found('db.query(`update\n\t "push_ledger" p SET state = $1`)')).toEqual(['UPDATE push_ledger']);
		expect(found('db.query(`DELETE   FROM lead_monitor.call_events WHERE x`)')).toEqual(['DELETE FROM call_events']);
		expect(found('db.query(`COPY ${schema}.ingest_rejects FROM STDIN`)')).toEqual(['COPY ingest_rejects']);
		expect(found("db.query('TRUNCATE TABLE ONLY hits')")).toEqual(['TRUNCATE TABLE hits']);
	});

	it('follows a table name through constants, quoteIdentifier and a variable, here or exported by another file', () => {
		expect(found('const OLD = `ingest_rejects WHERE x`;\ndb.query(`DELETE FROM ${OLD}`);')).toEqual(['DELETE FROM ingest_rejects']);
		expect(found("const T = 'hits';\ndb.query(`COPY ${quoteIdentifier(T)} (a) FROM STDIN`);")).toEqual(['COPY hits']);
		expect(found("const table = day ? 'call_events' : partitionName(day);\nawait db.copyIn(table, COLUMNS);")).toEqual(['copyIn() call_events']);
		expect(found("const TARGET = { table: 'ingest_rejects', columns: ['a'] };\nawait db.bulkLoad(TARGET, rows);")).toEqual([
			'{ table, columns } ingest_rejects',
			'bulkLoad() ingest_rejects',
		]);
		expect(found("await tx.bulkLoad({ table: 'leads', columns: LEAD_COLUMNS }, rows);")).toEqual(['{ table, columns } leads']);
		const across = findTableWrites(
			[
				{ file: 'lib/a/names.ts', text: "export const LEDGER = 'push_ledger';" },
				{ file: 'lib/b/write.ts', text: "import { LEDGER } from '../a/names';\ndb.query(`UPDATE ${LEDGER} SET x = 1`);" },
			],
			tables,
		);
		expect(across.map((w) => `${w.file} ${w.table}`)).toEqual(['lib/b/write.ts push_ledger']);
	});

	it('does not take reads, upserts, row locks, comments or names known only at run time for writes', () => {
		expect(found("db.query('SELECT * FROM hits h WHERE h.status = $1 FOR UPDATE OF h')")).toEqual([]);
		expect(found("db.query('INSERT INTO other (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2')")).toEqual([]);
		expect(found('// UPDATE hits SET status\n/* DELETE FROM push_ledger */\nconst x = 1;')).toEqual([]);
		expect(found('db.query(`COPY ${quoteIdentifier(target.table)} FROM STDIN`);')).toEqual([]);
		expect(found("db.query('SELECT count(*) FROM hits'); const updated = 'updated_at';")).toEqual([]);
	});
});
