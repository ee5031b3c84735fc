import { sql, type SQL } from 'drizzle-orm';
import { visibleProgramsSql } from '../policy/policy.ts';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import type { Viewer } from '../shared/actor.ts';

/** One proposing agency's line in the year's clearance figures. */
export type ClearanceAgencyLine = {
  agencyId: string;
  agencyName: string;
  circulated: number;
  cleared: number;
  returned: number;
  open: number;
};

/**
 * The clearance reviews circulated in one fiscal year, as counts: proposals are pre-decisional,
 * so a published report names only the programs that were cleared and that its viewer may see.
 */
export type ClearanceYearSummary = {
  fiscalYear: number;
  circulated: number;
  cleared: number;
  returned: number;
  /** Still circulating or answered, awaiting the coordinator's decision. */
  open: number;
  /** Member agencies asked, over all the year's reviews (one per review and agency). */
  requests: number;
  /** Each agency's latest position per review, by kind; agencies that never answered are `unanswered`. */
  positions: { concurrence: number; comment: number; objection: number; unanswered: number };
  /** Every response recorded, including superseded ones. */
  responses: number;
  reviewsWithObjection: number;
  replies: number;
  decidedAfterDueDate: number;
  /** Median whole days from circulation to decision over the decided reviews; null when none is decided. */
  medianDaysToDecision: number | null;
  byProposer: ClearanceAgencyLine[];
  clearedPrograms: { programId: number; title: string; agencyName: string }[];
};

/** The U.S. fiscal year of a timestamp column, in UTC: FY N runs from 1 October N-1. */
function fiscalYearSql(column: SQL): SQL {
  return sql`extract(year FROM (${column} AT TIME ZONE 'UTC') + interval '3 months')::int`;
}

/**
 * The clearance figures of the reviews circulated in `fiscalYear` (by their circulation date,
 * UTC), whatever became of them since. Counts include restricted proposals — the aggregate
 * reveals no proposal — while the list of cleared programs holds only those `viewer` may see.
 */
export async function summarizeClearanceYear(options: { db: Executor; fiscalYear: number; viewer: Viewer }): Promise<ClearanceYearSummary> {
  const { db, fiscalYear, viewer } = options;
  const inYear = sql`${fiscalYearSql(sql`r.circulated_at`)} = ${fiscalYear}`;
  const [totals] = await selectRows(
    db,
    sql`SELECT count(*)::int AS circulated,
          count(*) FILTER (WHERE r.status = 'cleared')::int AS cleared,
          count(*) FILTER (WHERE r.status = 'returned')::int AS returned,
          count(*) FILTER (WHERE r.status IN ('circulating', 'answered'))::int AS open,
          count(*) FILTER (WHERE r.decided_at IS NOT NULL AND (r.decided_at AT TIME ZONE 'UTC')::date > r.due_date)::int AS late,
          percentile_disc(0.5) WITHIN GROUP (ORDER BY ((r.decided_at AT TIME ZONE 'UTC')::date - (r.circulated_at AT TIME ZONE 'UTC')::date))
            FILTER (WHERE r.decided_at IS NOT NULL) AS median_days,
          (SELECT count(*)::int FROM clearance_responses cr JOIN clearance_reviews r2 ON r2.id = cr.review_id
            WHERE ${fiscalYearSql(sql`r2.circulated_at`)} = ${fiscalYear}) AS responses,
          (SELECT count(*)::int FROM clearance_replies rp JOIN clearance_reviews r3 ON r3.id = rp.review_id
            WHERE ${fiscalYearSql(sql`r3.circulated_at`)} = ${fiscalYear}) AS replies
        FROM clearance_reviews r WHERE ${inYear}`,
  );
  // Each asked agency's latest response per review is its position.
  const positionRows = await selectRows(
    db,
    sql`SELECT coalesce(latest.kind, 'unanswered') AS position, count(*)::int AS n, count(DISTINCT c.review_id)::int AS reviews
        FROM clearance_circulations c JOIN clearance_reviews r ON r.id = c.review_id
        LEFT JOIN LATERAL (SELECT cr.kind FROM clearance_responses cr WHERE cr.review_id = c.review_id AND cr.agency_id = c.agency_id
          ORDER BY cr.responded_at DESC, cr.id DESC LIMIT 1) latest ON TRUE
        WHERE ${inYear} GROUP BY 1`,
  );
  const positions = { concurrence: 0, comment: 0, objection: 0, unanswered: 0 };
  let reviewsWithObjection = 0;
  for (const row of positionRows) {
    positions[String(row.position) as keyof typeof positions] = Number(row.n);
    if (row.position === 'objection') reviewsWithObjection = Number(row.reviews);
  }
  const proposerRows = await selectRows(
    db,
    sql`SELECT r.proposer_agency_id AS agency_id, a.name AS agency_name, count(*)::int AS circulated,
          count(*) FILTER (WHERE r.status = 'cleared')::int AS cleared, count(*) FILTER (WHERE r.status = 'returned')::int AS returned,
          count(*) FILTER (WHERE r.status IN ('circulating', 'answered'))::int AS open
        FROM clearance_reviews r JOIN agencies a ON a.id = r.proposer_agency_id
        WHERE ${inYear} GROUP BY r.proposer_agency_id, a.name ORDER BY count(*) DESC, a.name`,
  );
  const clearedRows = await selectRows(
    db,
    sql`SELECT p.id, p.title, a.name AS agency_name FROM clearance_reviews r JOIN programs p ON p.id = r.program_id
        JOIN agencies a ON a.id = p.funding_agency_id
        WHERE ${inYear} AND r.status = 'cleared' AND ${visibleProgramsSql(viewer)}
        ORDER BY a.name, p.title, p.id`,
  );
  return {
    fiscalYear,
    circulated: Number(totals?.circulated ?? 0),
    cleared: Number(totals?.cleared ?? 0),
    returned: Number(totals?.returned ?? 0),
    open: Number(totals?.open ?? 0),
    requests: Object.values(positions).reduce((sum, value) => sum + value, 0),
    positions,
    responses: Number(totals?.responses ?? 0),
    reviewsWithObjection,
    replies: Number(totals?.replies ?? 0),
    decidedAfterDueDate: Number(totals?.late ?? 0),
    medianDaysToDecision: totals?.median_days === null || totals?.median_days === undefined ? null : Number(totals.median_days),
    byProposer: proposerRows.map((row) => ({
      agencyId: String(row.agency_id),
      agencyName: String(row.agency_name),
      circulated: Number(row.circulated),
      cleared: Number(row.cleared),
      returned: Number(row.returned),
      open: Number(row.open),
    })),
    clearedPrograms: clearedRows.map((row) => ({
      programId: Number(row.id),
      title: String(row.title),
      agencyName: String(row.agency_name),
    })),
  };
}
