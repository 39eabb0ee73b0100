/**
 * A lead's institution / branch (所属机构): the roster's custom attribute `branch`, or
 * `所属机构` as a Chinese spreadsheet names it. SQL over the leads table aliased `l`.
 */
export const LEAD_BRANCH_SQL = `coalesce(nullif(l.attributes ->> 'branch', ''), nullif(l.attributes ->> '所属机构', ''))`;
