import type { ImportProblem, ImportProblemSeverity } from './import-problem.ts';

/** Problems of one kind the report left out, so nothing is dropped silently. */
export type OmittedProblems = {
  severity: ImportProblemSeverity;
  field: string;
  /** The first problem of the kind, as an example. */
  message: string;
  /** Problems of this kind in all. */
  total: number;
  /** Of them, not in `problems`. */
  omitted: number;
};

export type ProblemLogLimits = {
  /** Problems kept per kind (severity, field, message with its names and numbers blanked). */
  perKind: number;
  /** Problems kept in all. */
  total: number;
  /** Kinds told apart; later kinds are counted under "(other)" per severity. */
  kinds: number;
};

export const defaultProblemLimits: ProblemLogLimits = { perKind: 100, total: 1000, kinds: 500 };

type Kind = { severity: ImportProblemSeverity; field: string; message: string; total: number; kept: number };

/**
 * A problem's kind: the same message about another record (another identifier, line, amount
 * or currency) is the same kind. Quoted text and numbers are blanked.
 */
function kindKey(problem: ImportProblem): string {
  const shape = problem.message
    .replace(/'[^']*'|"[^"]*"|‘[^’]*’|“[^”]*”/g, "'…'")
    .replace(/\d+(?:[.,:/-]\d+)*/g, '#')
    .replace(/\b[A-Z]{3}\b/g, 'XXX');
  return `${problem.severity}|${problem.field}|${shape}`;
}

/**
 * Keeps the first problems of each kind and counts the rest, so a file with a warning on every
 * record costs memory per kind, not per record. Totals by severity stay exact.
 */
export function createProblemLog(limits: ProblemLogLimits = defaultProblemLimits) {
  const kept: ImportProblem[] = [];
  const kinds = new Map<string, Kind>();
  const totals: Record<ImportProblemSeverity, number> = { error: 0, warning: 0, info: 0 };
  function kindOf(problem: ImportProblem): Kind {
    let key = kindKey(problem);
    if (!kinds.has(key) && kinds.size >= limits.kinds) key = `${problem.severity}|(other)`;
    let kind = kinds.get(key);
    if (!kind) {
      kind = { severity: problem.severity, field: problem.field, message: problem.message, total: 0, kept: 0 };
      kinds.set(key, kind);
    }
    return kind;
  }
  return {
    add(problem: ImportProblem): void {
      totals[problem.severity] += 1;
      const kind = kindOf(problem);
      kind.total += 1;
      if (kind.kept < limits.perKind && kept.length < limits.total) {
        kind.kept += 1;
        kept.push(problem);
      }
    },
    kept: (): readonly ImportProblem[] => kept,
    totals: (): Record<ImportProblemSeverity, number> => ({ ...totals }),
    /** The kinds some of whose problems were left out, most frequent first. */
    omitted(): OmittedProblems[] {
      return [...kinds.values()]
        .filter((kind) => kind.total > kind.kept)
        .map((kind) => ({
          severity: kind.severity,
          field: kind.field,
          message: kind.message,
          total: kind.total,
          omitted: kind.total - kind.kept,
        }))
        .sort((left, right) => right.omitted - left.omitted);
    },
  };
}
