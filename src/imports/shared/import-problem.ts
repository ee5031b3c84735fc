// The problem types on their own: the report and its problem log both build on them.

export type ImportProblemSeverity = 'error' | 'warning' | 'info';

/**
 * A problem found while reading or importing, as data. `line` is the physical line the record
 * starts on (1 is the header in CSV; file-wide problems use 1 too). XML importers also give
 * `path`, the element path (e.g. "/iati-activities/iati-activity[3]/transaction[2]/value").
 */
export type ImportProblem = { line: number; field: string; message: string; severity: ImportProblemSeverity; path?: string };
