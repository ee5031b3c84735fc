import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { selectRows } from '../../db/select-rows.ts';
import { sentPayloads, type RoundLog, type StreamTargets } from './write-stream.ts';

/**
 * What the kill test checks after each SIGKILL, on the reopened database: every acknowledged
 * write is there with its values (lost), and nothing is there in part (torn). Returns the
 * problems found, in words, and the targets for the next round as the database holds them.
 */
export type CrashCheck = { lost: string[]; torn: string[]; acknowledged: number; targets: StreamTargets };

type ProgramRow = {
  id: number;
  title: string;
  version: number;
  status: string;
  visibility: string;
  history: number;
  last_version: number | null;
  obligations: string;
  places: string;
};

/** Every program of the stream: whole (its parts are one write's, history matches version) or absent. */
async function checkPrograms(db: Executor, torn: string[]): Promise<Map<number, ProgramRow>> {
  const programs = await selectRows<ProgramRow>(
    db,
    sql`SELECT p.id, p.title, p.version, p.status, p.visibility,
          (SELECT count(*)::int FROM program_history h WHERE h.program_id = p.id) AS history,
          (SELECT max(h.version)::int FROM program_history h WHERE h.program_id = p.id) AS last_version,
          coalesce((SELECT string_agg(o.fiscal_year || ':' || o.amount_cents, ',' ORDER BY o.fiscal_year) FROM program_obligations o WHERE o.program_id = p.id), '') AS obligations,
          coalesce((SELECT string_agg(pl.country_code, ',' ORDER BY pl.country_code) FROM program_places pl WHERE pl.program_id = p.id), '') AS places
        FROM programs p WHERE p.title LIKE 'crash-%'`,
  );
  for (const program of programs) {
    const sent = sentPayloads.get(program.title);
    if (!sent) {
      torn.push(`program ${program.id}: title ${program.title} was never sent`);
      continue;
    }
    const obligations = sent.obligations.map((o) => `${o.fiscalYear}:${o.amountCents}`).join(',');
    if (program.obligations !== obligations)
      torn.push(`program ${program.id} (${program.title}): obligations ${program.obligations || 'none'}, its write sent ${obligations}`);
    if (program.places !== [...sent.places].sort().join(','))
      torn.push(`program ${program.id} (${program.title}): places ${program.places || 'none'}, its write sent ${sent.places.join(',')}`);
    if (program.history !== program.version || program.last_version !== program.version) {
      torn.push(`program ${program.id}: version ${program.version} but ${program.history} history entries (last ${program.last_version})`);
    }
  }
  return new Map(programs.map((program) => [program.id, program]));
}

/** Every clearance step has its audit event, and every audit event its step. */
async function checkClearanceSteps(db: Executor, torn: string[]): Promise<void> {
  const orphans = await selectRows<{ problem: string }>(
    db,
    sql`SELECT 'clearance ' || r.id || ' without its circulate audit event' AS problem FROM clearance_reviews r
          WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'clearance.circulate' AND a.entity_id = r.id::text)
        UNION ALL SELECT 'clearance ' || r.id || ' circulated to no agency' FROM clearance_reviews r
          WHERE NOT EXISTS (SELECT 1 FROM clearance_circulations c WHERE c.review_id = r.id)
        UNION ALL SELECT 'clearance ' || r.id || ' is ' || r.status || ' but its program is ' || p.status FROM clearance_reviews r JOIN programs p ON p.id = r.program_id
          WHERE r.id = (SELECT max(r2.id) FROM clearance_reviews r2 WHERE r2.program_id = r.program_id)
            AND p.status <> CASE r.status WHEN 'cleared' THEN 'active' WHEN 'returned' THEN 'proposed' ELSE 'under_review' END
        UNION ALL SELECT 'clearance ' || r.id || ' ' || r.status || ' without its decision audit event' FROM clearance_reviews r
          WHERE r.status IN ('cleared', 'returned')
            AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action IN ('clearance.clear', 'clearance.return') AND a.entity_id = r.id::text)
        UNION ALL SELECT 'response ' || s.id || ' without its audit event' FROM clearance_responses s
          WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'clearance.respond' AND a.after->>'responseId' = s.id::text)
        UNION ALL SELECT 'reply ' || s.id || ' without its audit event' FROM clearance_replies s
          WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'clearance.reply' AND a.after->>'replyId' = s.id::text)
        UNION ALL SELECT 'audit event ' || a.id || ' (' || a.action || ') without its step' FROM audit_events a
          WHERE (a.action = 'clearance.circulate' AND NOT EXISTS (SELECT 1 FROM clearance_reviews r WHERE r.id::text = a.entity_id))
             OR (a.action = 'clearance.respond' AND NOT EXISTS (SELECT 1 FROM clearance_responses s WHERE s.id::text = a.after->>'responseId'))
             OR (a.action = 'clearance.reply' AND NOT EXISTS (SELECT 1 FROM clearance_replies s WHERE s.id::text = a.after->>'replyId'))
             OR (a.action IN ('clearance.clear', 'clearance.return') AND NOT EXISTS (SELECT 1 FROM clearance_reviews r WHERE r.id::text = a.entity_id AND r.status IN ('cleared', 'returned')))`,
  );
  torn.push(...orphans.map((row) => row.problem));
}

/** Each acknowledged write of the round: still there, with what it sent (or what a later write of the same target sent). */
async function checkAcknowledged(db: Executor, log: RoundLog, programs: Map<number, ProgramRow>, lost: string[]): Promise<number> {
  let acknowledged = 0;
  for (const [index, write] of log.programWrites.entries()) {
    if (!write.acknowledged) continue;
    acknowledged += 1;
    const program = programs.get(write.programId!);
    // A later write of the same program may have committed without its answer arriving.
    const allowed = new Set([
      write.tag,
      ...log.programWrites
        .slice(index + 1)
        .filter((later) => later.programId === write.programId)
        .map((later) => later.tag),
    ]);
    if (!program) lost.push(`${write.kind} of program ${write.programId} (${write.tag}) was acknowledged but the program is gone`);
    else if (!allowed.has(program.title))
      lost.push(`${write.kind} of program ${write.programId} (${write.tag}) was acknowledged but the program holds ${program.title}`);
  }
  for (const write of log.stepWrites) {
    if (!write.acknowledged) continue;
    acknowledged += 1;
    const [found] = await selectRows<{ n: number }>(
      db,
      write.kind === 'circulate'
        ? sql`SELECT count(*)::int AS n FROM clearance_reviews WHERE id = ${write.reviewId!} AND program_id = ${write.programId}`
        : write.kind === 'respond'
          ? sql`SELECT count(*)::int AS n FROM clearance_responses WHERE review_id = ${write.reviewId!} AND text = ${write.text}`
          : write.kind === 'reply'
            ? sql`SELECT count(*)::int AS n FROM clearance_replies WHERE review_id = ${write.reviewId!} AND text = ${write.text}`
            : sql`SELECT count(*)::int AS n FROM clearance_reviews WHERE id = ${write.reviewId!} AND status = ${write.outcome!} AND decision_reasons = ${write.text}`,
    );
    if (Number(found?.n ?? 0) !== 1)
      lost.push(`${write.kind} on clearance ${write.reviewId} ("${write.text}") was acknowledged but is not in the database`);
  }
  return acknowledged;
}

/** Checks the database after a kill and reads the next round's targets from it. */
export async function checkAfterKill(options: { db: Executor; log: RoundLog }): Promise<CrashCheck> {
  const lost: string[] = [];
  const torn: string[] = [];
  const programs = await checkPrograms(options.db, torn);
  await checkClearanceSteps(options.db, torn);
  const acknowledged = await checkAcknowledged(options.db, options.log, programs, lost);
  const open = await selectRows<{ id: number; program_id: number }>(
    options.db,
    sql`SELECT id, program_id FROM clearance_reviews WHERE status IN ('circulating', 'answered')`,
  );
  const targets: StreamTargets = {
    programs: new Map(
      [...programs.values()].filter((program) => program.visibility === 'public').map((program) => [program.id, program.version]),
    ),
    proposals: [...programs.values()]
      .filter((program) => program.visibility === 'restricted' && program.status === 'proposed')
      .map((program) => program.id),
    reviews: open.map((review) => review.id),
  };
  return { lost, torn, acknowledged, targets };
}
