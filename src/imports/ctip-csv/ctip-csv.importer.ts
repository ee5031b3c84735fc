import path from 'node:path';
import type { Database, Executor } from '../../db/database.ts';
import { schema } from '../../db/database.ts';
import { createOrganizationResolver } from '../../organizations/organization-resolver.ts';
import { loadProgramDetails } from '../../programs/program-read.ts';
import type { ProgramDetail } from '../../programs/program.schemas.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { parseCtipCsv, type CtipCsvSource, type ImportProblem, type ParsedCtipCsv } from './ctip-csv.parser.ts';
import { groupRows, interpretGroup, type KnownCodes, type ProgramDraft } from './ctip-csv.rows.ts';
import { findBySourceKeys, writePlans, type WritePlan } from './ctip-csv.writer.ts';

export const ctipCsvSource = 'ctip-csv';

/** Rows: each counted once. Programs: what happened to each program the file describes. */
export type CtipCsvImportReport = {
  read: number;
  imported: number;
  merged: number;
  rejected: number;
  skipped: number;
  unchanged: number;
  programs: { created: number; updated: number; unchanged: number; rejected: number };
  /** Partner names no reviewed alias matched: created as unreviewed organizations and filed for review. */
  unreviewedPartners: number;
  problems: ImportProblem[];
  encoding: ParsedCtipCsv['encoding'];
  fileSha256: string;
  dryRun: boolean;
};

export type ImportCtipCsvOptions = CtipCsvSource & { db: Database; actor: Actor; dryRun?: boolean; fileName?: string };

class DryRunRollback extends Error {}

async function loadKnownCodes(db: Executor): Promise<KnownCodes> {
  const agencies = await db.select({ id: schema.agencies.id }).from(schema.agencies);
  const countries = await db.select({ code: schema.countries.code }).from(schema.countries);
  const regions = await db.select({ code: schema.regions.code }).from(schema.regions);
  const terms = await db
    .select({ vocabulary: schema.vocabularyTerms.vocabulary, code: schema.vocabularyTerms.code })
    .from(schema.vocabularyTerms);
  const termsOf = (vocabulary: string) => new Set(terms.filter((term) => term.vocabulary === vocabulary).map((term) => term.code));
  return {
    agencies: new Set(agencies.map((row) => row.id)),
    countries: new Set(countries.map((row) => row.code)),
    regions: new Set(regions.map((row) => row.code)),
    terms: {
      'assistance-type': termsOf('assistance-type'),
      pillar: termsOf('pillar'),
      'trafficking-form': termsOf('trafficking-form'),
      'target-group': termsOf('target-group'),
    },
  };
}

/**
 * Imports a ctip program CSV in one transaction: every row ends imported (first row of a program
 * created or updated), merged (a further fiscal year of that program), unchanged, rejected or
 * skipped (blank). A failure rolls everything back; a dry run does everything and rolls back.
 */
export async function importCtipCsv(options: ImportCtipCsvOptions): Promise<CtipCsvImportReport> {
  const parsed = await parseCtipCsv(options);
  const fileName = options.fileName ?? ('filePath' in options ? path.basename(options.filePath) : 'upload.csv');
  let report: CtipCsvImportReport | undefined;
  try {
    await options.db.transaction(async (tx) => {
      report = await importRows(tx, { parsed, actor: options.actor, fileName, dryRun: options.dryRun ?? false });
      await tx
        .insert(schema.importRuns)
        .values({ source: ctipCsvSource, fileName, fileSha256: parsed.sha256, actor: options.actor.name, report });
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return report!;
}

type Candidate = { draft: ProgramDraft; problems: ImportProblem[] };

/** Finds the program each draft updates; rejects drafts whose id is unknown or repeats an earlier key. */
async function matchExisting(
  tx: Executor,
  candidates: Candidate[],
): Promise<{ matched: (Candidate & { existing?: ProgramDetail })[]; rejected: Candidate[] }> {
  const keyed = candidates
    .filter(({ draft }) => draft.sourceKey !== null)
    .map(({ draft }) => ({ source: draft.source, sourceKey: draft.sourceKey! }));
  const bySourceKey = await findBySourceKeys(tx, keyed);
  const byId = new Map(
    (
      await loadProgramDetails({
        db: tx,
        ids: candidates.flatMap(({ draft }) => (draft.sourceKey === null && draft.id !== null ? [draft.id] : [])),
      })
    ).map((detail) => [detail.id, detail]),
  );
  const seen = new Map<string, number>();
  const matched: (Candidate & { existing?: ProgramDetail })[] = [];
  const rejected: Candidate[] = [];
  for (const candidate of candidates) {
    const { draft, problems } = candidate;
    const line = draft.lines[0]!;
    const key = draft.sourceKey !== null ? `${draft.source}\u0000${draft.sourceKey}` : `id:${draft.id}`;
    const existing = draft.sourceKey !== null ? bySourceKey.get(key) : byId.get(draft.id!);
    const reject = (field: string, message: string) =>
      rejected.push({ draft, problems: [...problems, { line, field, message, severity: 'error' }] });
    if (seen.has(key))
      reject(
        'source_key',
        `the same program (${draft.sourceKey !== null ? `source ${draft.source}, key ${draft.sourceKey}` : `id ${draft.id}`}) is already described from line ${seen.get(key)}`,
      );
    else if (draft.sourceKey === null && !existing)
      reject('id', `program ${draft.id} does not exist in this database; leave id empty (and give a source_key) to create a program`);
    else if (draft.sourceKey === null && existing!.source !== draft.source)
      reject('source', `program ${draft.id} comes from source '${existing!.source}', the row says '${draft.source}'`);
    else {
      seen.set(key, line);
      matched.push({ ...candidate, ...(existing ? { existing } : {}) });
    }
  }
  return { matched, rejected };
}

/** Resolves partner names (reviewed aliases first, else an unreviewed organization filed for review). */
async function resolvePartners(
  tx: Executor,
  matched: (Candidate & { existing?: ProgramDetail })[],
): Promise<{ plans: WritePlan[]; unreviewed: number }> {
  const organizations = await createOrganizationResolver({ db: tx, source: ctipCsvSource });
  const names = matched.flatMap(({ draft }) => [...draft.partnerNames.prime, ...draft.partnerNames.sub]);
  await organizations.resolveAll(names.map((name) => ({ name })));
  const unreviewed = new Set(
    names.filter((name) => organizations.get(name)?.reviewed === false).map((name) => organizations.get(name)!.organizationId),
  );
  const plans = matched.map(({ draft, existing }) => {
    const partners = new Map<string, { organizationId: number; role: 'prime' | 'sub' }>();
    for (const role of ['prime', 'sub'] as const) {
      for (const name of draft.partnerNames[role]) {
        const organizationId = organizations.get(name)!.organizationId;
        partners.set(`${organizationId}:${role}`, { organizationId, role });
      }
    }
    return {
      input: { ...draft.input, partners: [...partners.values()] },
      ...(existing ? { existing } : {}),
      source: draft.source,
      sourceKey: draft.sourceKey,
      lines: draft.lines,
    };
  });
  return { plans, unreviewed: unreviewed.size };
}

async function importRows(
  tx: Executor,
  options: { parsed: ParsedCtipCsv; actor: Actor; fileName: string; dryRun: boolean },
): Promise<CtipCsvImportReport> {
  const { parsed } = options;
  const known = await loadKnownCodes(tx);
  const { groups, blank, keyless } = groupRows(parsed.rows);
  const outcomes = groups.map((rows) => interpretGroup(rows, known));
  const problems: ImportProblem[] = [...parsed.problems];
  const rejectedLines: number[] = keyless.map((row) => row.line);
  for (const row of keyless)
    problems.push({
      line: row.line,
      field: 'program_key',
      message: 'program_key is empty; every row needs the key of its program',
      severity: 'error',
    });
  const candidates: Candidate[] = [];
  for (const outcome of outcomes) {
    if (outcome.kind === 'program') candidates.push(outcome);
    else {
      problems.push(...outcome.problems);
      rejectedLines.push(...outcome.lines);
    }
  }
  const { matched, rejected } = await matchExisting(tx, candidates);
  for (const { draft, problems: draftProblems } of rejected) {
    problems.push(...draftProblems);
    rejectedLines.push(...draft.lines);
  }
  const { plans, unreviewed } = await resolvePartners(tx, matched);
  const written = await writePlans({ db: tx, plans, actor: options.actor, fileName: options.fileName });
  const counts = { imported: 0, merged: 0, unchanged: 0 };
  const programs = { created: 0, updated: 0, unchanged: 0, rejected: outcomes.length - candidates.length + rejected.length };
  matched.forEach(({ draft, problems: draftProblems }, index) => {
    const outcome = written[index]!;
    problems.push(...draftProblems);
    programs[outcome] += 1;
    if (outcome === 'unchanged') counts.unchanged += draft.lines.length;
    else {
      counts.imported += 1;
      counts.merged += draft.lines.length - 1;
    }
  });
  const read = parsed.rows.length;
  const report = { read, ...counts, rejected: rejectedLines.length, skipped: blank.length };
  if (report.imported + report.merged + report.unchanged + report.rejected + report.skipped !== read) {
    throw new AppError({ code: 'INTERNAL', message: `The import report does not reconcile: ${read} rows read` });
  }
  problems.sort((left, right) => left.line - right.line);
  return {
    ...report,
    programs,
    unreviewedPartners: unreviewed,
    problems,
    encoding: parsed.encoding,
    fileSha256: parsed.sha256,
    dryRun: options.dryRun,
  };
}
