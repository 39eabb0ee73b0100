import type { Migration } from './Migration';

/**
 * Drops the two indexes on hits' grade (migration 12). Since lead scoring (migration 13) the
 * board sorts and filters by the push grade — the lead's score, else the hit's grade
 * (lib/hits' PUSH_GRADE_SQL) — an expression neither index can answer: no query reads them,
 * yet every hit written or moved (an imported conversion moving 490 k hits to 营销已转化 at
 * 1 M) wrote an entry in each, 108 MB of the 11 indexes' 450 MB (issue 18, speed).
 */
export const hitGradeIndexes: Migration = {
	version: 24,
	name: 'drop the unread indexes on hits grade',
	sql: `
DROP INDEX IF EXISTS hits_grade_idx;
DROP INDEX IF EXISTS hits_grade_desc_idx;
`,
};
