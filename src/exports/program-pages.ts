import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { loadProgramDetails } from '../programs/program-read.ts';
import { findProgramIds } from '../programs/program-search.ts';
import { programQuerySchema, type ProgramDetail } from '../programs/program.schemas.ts';
import type { Viewer } from '../shared/actor.ts';

/** The filters of an export: those of GET /api/programs, without the paging parameters. */
export const exportQuerySchema = programQuerySchema.omit({ limit: true, cursor: true }).extend({
  // Accepted so that a search's address works as a download's, and ignored: a download holds every match.
  limit: z.string().max(100).optional().describe('Ignored: a download holds every matching program').meta({ example: '50' }),
  cursor: z.string().max(1000).optional().describe('Ignored: a download holds every matching program'),
});

export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** What every exporter takes: the same filters and viewer as the program list. */
export type ExportOptions = {
  db: Executor;
  query: ExportQuery;
  viewer: Viewer;
  /** Programs loaded per round trip; memory stays bounded by one page. */
  pageSize?: number;
};

const defaultPageSize = 500;

/**
 * Walks every program matching the filters, one page of full records at a time, through the
 * same search the API uses (so restricted records stay hidden from the public). Always yields
 * at least one page, possibly empty, so a caller can await the first page before answering.
 * Keyset pages do not lock anything: a program created during a long export may or may not
 * appear, but none appears twice.
 */
export async function* walkProgramPages(options: ExportOptions): AsyncGenerator<ProgramDetail[]> {
  const { db, query, viewer } = options;
  const limit = options.pageSize ?? defaultPageSize;
  let cursor: string | undefined;
  do {
    const page = await findProgramIds({ db, query: { ...query, limit, cursor }, viewer });
    yield await loadProgramDetails({ db, ids: page.ids });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** A filter value as a file-name part: letters, digits and hyphens only, at most 40 characters. */
function namePart(value: string | number): string {
  return String(value)
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/**
 * The file name of a download, saying what was filtered: ctip-programs-NPL-FY2004.csv; a download
 * of everything is named after the day it was made: ctip-programs-2026-11-28.csv.
 */
export function exportFileName(extension: 'csv' | 'json' | 'xml', query: Partial<ExportQuery> = {}, now: Date = new Date()): string {
  const { fiscalYear, fiscalYearFrom: from, fiscalYearTo: to } = query;
  const years =
    fiscalYear !== undefined
      ? `FY${fiscalYear}`
      : from !== undefined && to !== undefined
        ? `FY${from}-FY${to}`
        : from !== undefined
          ? `from-FY${from}`
          : to !== undefined
            ? `to-FY${to}`
            : undefined;
  const parts = [
    query.country,
    query.region && `region-${query.region}`,
    query.agency && `agency-${query.agency}`,
    query.partner !== undefined && `partner-${query.partner}`,
    query.assistanceType,
    query.pillar,
    query.status?.length ? query.status.join('-') : undefined,
    query.q && `search-${query.q}`,
    years,
  ]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .map(namePart)
    .filter(Boolean);
  const what = parts.length ? parts.join('-') : now.toISOString().slice(0, 10);
  return `ctip-programs-${what}.${extension}`;
}
