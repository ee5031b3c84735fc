import { AppError } from '../../shared/errors.ts';
import { normalizeName } from '../../shared/names.ts';
import { createProblemLog, defaultProblemLimits, type OmittedProblems, type ProblemLogLimits } from './problem-log.ts';
import type { ImportProblem, ImportProblemSeverity } from './import-problem.ts';

export type { ImportProblem, ImportProblemSeverity } from './import-problem.ts';
export type { OmittedProblems, ProblemLogLimits } from './problem-log.ts';

/** A name an import could not resolve, as filed in the review list. */
export type UnresolvedNameEntry = { kind: 'organization' | 'place'; name: string; occurrences: number; firstLine: number };

/**
 * What happened to each record read; every record gets exactly one outcome. `created` and
 * `updated` together are the report's `imported`.
 */
export type ImportOutcome = 'created' | 'updated' | 'merged' | 'rejected' | 'skipped' | 'unchanged';

/**
 * The report every importer returns (human form: formatImportReport; --json prints it as is).
 * read = imported + merged + rejected + skipped + unchanged, always; imported = created + updated.
 * In a dry run the counts say what WOULD have happened; nothing was written.
 */
export type ImportReport<Details extends Record<string, unknown> = Record<string, unknown>> = {
  source: string;
  dryRun: boolean;
  read: number;
  imported: number;
  merged: number;
  rejected: number;
  skipped: number;
  unchanged: number;
  /** Of `imported`: records that made a new program. */
  created: number;
  /** Of `imported`: records that changed an existing program (with history). */
  updated: number;
  /** Encoding the file was read in ('utf-8', 'utf-16le', 'utf-16be', 'windows-1252'). */
  encoding: string | null;
  fileSha256: string | null;
  /**
   * The problems, by line: all of them, or (`problemsTruncated`) the first 100 of each kind and
   * 1,000 in all, so memory does not grow with the file. `omittedProblems` counts the rest.
   */
  problems: ImportProblem[];
  /** Problems found in all, by severity (whether or not `problems` holds them all). */
  problemTotals: Record<ImportProblemSeverity, number>;
  /** True when `problems` does not hold every problem found. */
  problemsTruncated: boolean;
  /** Per kind of problem left out of `problems`: an example, how many in all, how many left out. */
  omittedProblems: OmittedProblems[];
  unresolvedNames: UnresolvedNameEntry[];
  /** Importer-specific figures (rules matched, totals by fiscal year…). */
  details: Details;
};

export type ImportReportBuilder = {
  /** Gives one record (or `count`) its outcome; a record read is counted by its outcome. */
  outcome(outcome: ImportOutcome, count?: number): void;
  problem(problem: ImportProblem): void;
  problems(problems: Iterable<ImportProblem>): void;
  /** Files a name for the report's review list (the database list is recordUnresolvedNames'). */
  unresolved(kind: UnresolvedNameEntry['kind'], name: string, line: number): void;
  /** Counts so far, e.g. for progress. */
  counts(): Readonly<Record<ImportOutcome, number>>;
  /**
   * The finished report. `read` is the number of records the reader produced; throws INTERNAL
   * when the outcomes do not add up to it (a record dropped or counted twice is a bug).
   */
  finish<Details extends Record<string, unknown>>(options: {
    read: number;
    encoding?: string | null;
    fileSha256?: string | null;
    details?: Details;
  }): ImportReport<Details>;
};

const severityOrder: Record<ImportProblemSeverity, number> = { error: 0, warning: 1, info: 2 };

const severityNoun: Record<ImportProblemSeverity, string> = { error: 'error', warning: 'warning', info: 'note' };

const count = (value: number) => value.toLocaleString('en-US');

/**
 * Starts the report of one import of `source` ('usaspending', 'iati', …). `problemLimits` bounds
 * the problems kept (default: 100 per kind, 1,000 in all); the others are counted.
 */
export function createImportReport(options: { source: string; dryRun: boolean; problemLimits?: ProblemLogLimits }): ImportReportBuilder {
  const counts: Record<ImportOutcome, number> = { created: 0, updated: 0, merged: 0, rejected: 0, skipped: 0, unchanged: 0 };
  const problems = createProblemLog(options.problemLimits ?? defaultProblemLimits);
  const names = new Map<string, UnresolvedNameEntry>();
  return {
    outcome(outcome, count = 1) {
      counts[outcome] += count;
    },
    problem(problem) {
      problems.add(problem);
    },
    problems(list) {
      for (const problem of list) problems.add(problem);
    },
    unresolved(kind, name, line) {
      const key = `${kind}:${normalizeName(name)}`;
      const entry = names.get(key);
      if (entry) entry.occurrences += 1;
      else names.set(key, { kind, name: name.trim(), occurrences: 1, firstLine: line });
    },
    counts: () => ({ ...counts }),
    finish({ read, encoding = null, fileSha256 = null, details }) {
      const imported = counts.created + counts.updated;
      const total = imported + counts.merged + counts.rejected + counts.skipped + counts.unchanged;
      if (total !== read) {
        throw new AppError({
          code: 'INTERNAL',
          message: `The import report does not reconcile: ${total} records accounted for, ${read} read`,
        });
      }
      const omittedProblems = problems.omitted();
      const sortedProblems = [...problems.kept()].sort(
        (left, right) => left.line - right.line || severityOrder[left.severity] - severityOrder[right.severity],
      );
      const unresolvedNames = [...names.values()].sort(
        (left, right) => left.kind.localeCompare(right.kind) || right.occurrences - left.occurrences || left.firstLine - right.firstLine,
      );
      return {
        source: options.source,
        dryRun: options.dryRun,
        read,
        imported,
        merged: counts.merged,
        rejected: counts.rejected,
        skipped: counts.skipped,
        unchanged: counts.unchanged,
        created: counts.created,
        updated: counts.updated,
        encoding,
        fileSha256,
        problems: sortedProblems,
        problemTotals: problems.totals(),
        problemsTruncated: omittedProblems.length > 0,
        omittedProblems,
        unresolvedNames,
        details: (details ?? {}) as never,
      };
    },
  };
}

/** Problems shown in the human summary; --json carries all the report kept. */
const shownProblems = 40;

/** Errors first, then warnings and notes, each by line. */
function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return [...problems].sort((left, right) => severityOrder[left.severity] - severityOrder[right.severity] || left.line - right.line);
}

/** The problems of a report that keeps them all, for a human: a count, the first 40, and how many more. */
export function formatProblemList(problems: ImportProblem[]): string[] {
  if (!problems.length) return [];
  const sorted = sortProblems(problems);
  const lines = [
    `${problems.length} problems:`,
    ...sorted.slice(0, shownProblems).map((problem) => `  line ${problem.line} ${problem.field} [${problem.severity}]: ${problem.message}`),
  ];
  if (sorted.length > shownProblems) lines.push(`  … and ${sorted.length - shownProblems} more (use --json for all)`);
  return lines;
}

/**
 * The human form of a report: counts, names to review, then problems (errors first).
 * `extraLines` come after the counts (e.g. "kept by rule: …").
 */
export function formatImportReport(report: ImportReport, options: { extraLines?: string[] } = {}): string {
  const lines = [
    `${report.dryRun ? 'Dry run (nothing written; counts say what would happen): ' : ''}read ${report.read} records: ${report.imported} imported (${report.created} new, ${report.updated} changed), ${report.merged} merged, ${report.rejected} rejected, ${report.skipped} skipped, ${report.unchanged} unchanged`,
    `source: ${report.source}${report.encoding ? `; encoding: ${report.encoding}` : ''}`,
    ...(options.extraLines ?? []),
  ];
  const organizations = report.unresolvedNames.filter((entry) => entry.kind === 'organization').length;
  const places = report.unresolvedNames.filter((entry) => entry.kind === 'place').length;
  if (organizations || places) lines.push(`names to review: ${organizations} organizations, ${places} places (ctip review names)`);
  const problems = sortProblems(report.problems);
  const totals = report.problemTotals;
  const total = totals.error + totals.warning + totals.info;
  if (total)
    lines.push(`${count(total)} problems (${count(totals.error)} errors, ${count(totals.warning)} warnings, ${count(totals.info)} notes):`);
  for (const problem of problems.slice(0, shownProblems)) {
    lines.push(`  ${problem.path ?? `line ${problem.line}`} ${problem.field} [${problem.severity}]: ${problem.message}`);
  }
  if (problems.length > shownProblems) {
    lines.push(
      `  … and ${count(problems.length - shownProblems)} more listed (use --json${report.problemsTruncated ? ' for the first of each kind' : ' for all'})`,
    );
  }
  for (const kind of report.omittedProblems) {
    lines.push(
      `  … and ${count(kind.omitted)} more ${severityNoun[kind.severity]}${kind.omitted === 1 ? '' : 's'} like this (${count(kind.total)} in all): ${kind.field}: ${kind.message}`,
    );
  }
  return lines.join('\n');
}
