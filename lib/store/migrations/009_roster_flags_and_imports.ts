import type { Migration } from './Migration';

/**
 * For the console's roster (lib/roster):
 *
 * - leads.flags: what the roster noticed about a lead without rejecting it, e.g.
 *   `phone.vanity` (疑似靓号) for a number a bank's KYC-checked roster may well hold.
 *   Kept in step with the stored phone by every write of it.
 * - lead_imports and lead_import_rejects: each console import's counts and its rejected
 *   and duplicate rows (masked), so the rejects file can be downloaded after the upload
 *   is gone. The file itself is never kept; old imports are dropped after 30 days.
 */
export const rosterFlagsAndImports: Migration = {
	version: 9,
	name: 'lead flags, console imports and their rejected rows',
	sql: `
ALTER TABLE leads ADD COLUMN flags text[] NOT NULL DEFAULT '{}';

CREATE TABLE lead_imports (
	import_id   text PRIMARY KEY,
	imported_by text NOT NULL,
	file_name   text NOT NULL,
	counts      jsonb NOT NULL,
	created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lead_imports_created_at_idx ON lead_imports (created_at);

CREATE TABLE lead_import_rejects (
	import_id text    NOT NULL REFERENCES lead_imports (import_id) ON DELETE CASCADE,
	seq       integer NOT NULL,
	row_no    integer NOT NULL,
	kind      text    NOT NULL CHECK (kind IN ('rejected', 'duplicate')),
	field     text,
	code      text    NOT NULL,
	reason    text    NOT NULL,
	value     text,
	PRIMARY KEY (import_id, seq)
);
`,
};
