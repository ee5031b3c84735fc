import { sql, type SQL } from 'drizzle-orm';

type AgencyWalk = {
  /** The agency ids to start from (every agency when omitted); each start is in its own result. */
  from?: string | string[];
  /** 'down' to every agency under a start (a department's bureaus), 'up' to every agency above it. */
  direction: 'up' | 'down';
};

/**
 * The agency hierarchy walked from each start, as a parenthesized subquery of (start_id, id) rows,
 * one per agency reached: join it (`FROM ${agencyTreeSql(…)} lineage`). The tree is small, so one
 * walk serves every program of a query; UNION stops at an agency already reached.
 */
export function agencyTreeSql(walk: AgencyWalk): SQL {
  const starts = walk.from === undefined ? undefined : [walk.from].flat();
  const seed =
    starts === undefined
      ? sql``
      : starts.length === 0
        ? sql`WHERE FALSE`
        : sql`WHERE id IN (${sql.join(
            starts.map((id) => sql`${id}`),
            sql`, `,
          )})`;
  const step = walk.direction === 'down' ? sql`a.parent_id = tree.id` : sql`a.id = tree.parent_id`;
  return sql`(WITH RECURSIVE tree(start_id, id, parent_id) AS (
      SELECT id, id, parent_id FROM agencies ${seed}
      UNION SELECT tree.start_id, a.id, a.parent_id FROM agencies a JOIN tree ON ${step})
    SELECT start_id, id FROM tree)`;
}

/** The ids `agencyTreeSql` reaches, as a parenthesized subquery for `agency_id IN ${…}`. */
export function agencyTreeIdsSql(walk: AgencyWalk): SQL {
  return sql`(SELECT id FROM ${agencyTreeSql(walk)} walked)`;
}
