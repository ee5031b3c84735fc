import type { ProgramDetail } from '../../programs/program.schemas.ts';
import { systemViewer, type Viewer } from '../../shared/actor.ts';
import type { Executor } from '../../db/database.ts';
import { exportProgramsCsv } from '../export-csv.ts';
import { exportProgramsIati } from '../export-iati.ts';
import { exportProgramsJson } from '../export-json.ts';
import type { ExportQuery } from '../program-pages.ts';

/** A fixed clock, so two exports compare equal. */
export const fixedNow = new Date('2026-11-28T12:00:00.000Z');

export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

type Options = { db: Executor; query?: Partial<ExportQuery>; viewer?: Viewer; pageSize?: number };

const queryOf = (options: Options): ExportQuery => ({ sort: 'id', ...options.query });

export const exportCsvText = (options: Options) =>
  collect(
    exportProgramsCsv({ db: options.db, query: queryOf(options), viewer: options.viewer ?? systemViewer, pageSize: options.pageSize }),
  );

export const exportIatiText = (options: Options) =>
  collect(
    exportProgramsIati({
      db: options.db,
      query: queryOf(options),
      viewer: options.viewer ?? systemViewer,
      pageSize: options.pageSize,
      now: fixedNow,
    }),
  );

export const exportJsonText = (options: Options) =>
  collect(
    exportProgramsJson({
      db: options.db,
      query: queryOf(options),
      viewer: options.viewer ?? systemViewer,
      pageSize: options.pageSize,
      now: fixedNow,
    }),
  );

export async function exportJsonValue(options: Options): Promise<{ generatedAt: string; filters: unknown; programs: ProgramDetail[] }> {
  return JSON.parse(await exportJsonText(options));
}
