/**
 * A lead's institution / branch (所属机构): the roster's custom attribute `branch`, or
 * `所属机构` as a Chinese spreadsheet names it. SQL over the leads table aliased `l`.
 */
export const LEAD_BRANCH_SQL = `coalesce(nullif(l.attributes ->> 'branch', ''), nullif(l.attributes ->> '所属机构', ''))`;

/**
 * The branch whose staff see a lead: its owner row's branch when assigned, else the roster's.
 * SQL over `l` (leads) and `lo` (lead_owners, LEFT JOINed). Migration 027 writes it out in the
 * triggers that keep the board's copy (lead_board_scores.branch) right.
 */
export const VISIBLE_BRANCH_SQL = `CASE WHEN lo.lead_id IS NULL THEN ${LEAD_BRANCH_SQL} ELSE lo.branch END`;
