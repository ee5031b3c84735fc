import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { loadProgramDetails } from '../programs/program-read.ts';
import { findProgramIds } from '../programs/program-search.ts';
import { programQuerySchema, type ProgramDetail } from '../programs/program.schemas.ts';
import type { Viewer } from '../shared/actor.ts';

/** The filters of an export: those of GET /api/programs, without the paging parameters. */
export const exportQuerySchema = programQuerySchema.omit({ limit: true, cursor: true });

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

/** The file name of a download made today: ctip-programs-2026-11-28.csv. */
export function exportFileName(extension: 'csv' | 'json' | 'xml', now: Date = new Date()): string {
  return `ctip-programs-${now.toISOString().slice(0, 10)}.${extension}`;
}
