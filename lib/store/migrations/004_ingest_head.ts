import type { Migration } from './Migration';

/**
 * The ingest reads a call-log file once: its checksum is computed during the load, so it
 * is only known at the end. To still say "already ingested" before loading, each batch
 * records a digest of the file's first 64 KB; only a file whose head matches a stored
 * batch is read twice (a checksum pass first). A loading batch holds `pending:<id>` as
 * its checksum until it completes.
 */
export const ingestHead: Migration = {
	version: 4,
	name: 'call-log ingest in one read',
	sql: `
ALTER TABLE ingest_batches ADD COLUMN IF NOT EXISTS head_digest text;
CREATE INDEX IF NOT EXISTS ingest_batches_head_digest_idx ON ingest_batches (head_digest);
`,
};
