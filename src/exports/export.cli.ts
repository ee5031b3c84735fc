import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { cliContext, reportCliError, resolveCliPath, withDatabase } from '../cli/cli-context.ts';
import { systemViewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { addProgramFilterOptions, parseQueryFlags } from '../programs/program.cli.ts';
import { exportProgramsCsv } from './export-csv.ts';
import { exportProgramsIati } from './export-iati.ts';
import { exportProgramsJson } from './export-json.ts';
import { exportQuerySchema, type ExportOptions } from './program-pages.ts';

const formats = { csv: exportProgramsCsv, json: exportProgramsJson, iati: exportProgramsIati } as const;
type Format = keyof typeof formats;

/** Opens the output file before any query runs, so a bad path fails fast with a clear message. */
async function openOutput(file: string): Promise<WriteStream> {
  const stream = createWriteStream(resolveCliPath(file));
  try {
    await once(stream, 'open');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'the folder does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : (error as Error).message;
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `Cannot write --out ${file}: ${reason}`,
      details: [{ field: 'out', message: reason }],
    });
  }
  return stream;
}

async function writeChunk(output: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!output.write(chunk)) await once(output, 'drain');
}

/**
 * Writes the export to the output; with `validate` (IATI only) the text is also kept and checked
 * against the schema afterwards, which needs the whole file in memory.
 */
async function runExport(
  format: Format,
  options: ExportOptions,
  output: NodeJS.WritableStream,
  validate: boolean,
): Promise<{ valid: boolean; errors: string[] } | undefined> {
  const kept: string[] = [];
  for await (const chunk of formats[format](options)) {
    await writeChunk(output, chunk);
    if (validate) kept.push(chunk);
  }
  if (!validate) return undefined;
  // Loaded only here: libxml2's WebAssembly start-up is not worth paying on every command.
  const { validateIatiXml } = await import('./validate-iati.ts');
  return validateIatiXml(kept.join(''));
}

async function exportAction(format: string, options: Record<string, string | boolean | undefined>): Promise<void> {
  if (!(format in formats)) throw new AppError({ code: 'VALIDATION_FAILED', message: `Unknown format '${format}': use csv, json or iati` });
  if (options.validate && format !== 'iati')
    throw new AppError({ code: 'VALIDATION_FAILED', message: '--validate applies to the iati format only' });
  const query = parseQueryFlags(exportQuerySchema, options);
  const out = typeof options.out === 'string' ? options.out : undefined;
  const output = out ? await openOutput(out) : cliContext().stdout;
  let validation: Awaited<ReturnType<typeof runExport>>;
  try {
    validation = await withDatabase(({ db }) =>
      runExport(format as Format, { db, query, viewer: systemViewer }, output, Boolean(options.validate)),
    );
  } finally {
    if (out) {
      (output as WriteStream).end();
      await once(output, 'close');
    }
  }
  if (validation && !validation.valid) {
    throw new AppError({
      code: 'INVALID_FILE',
      message: `The IATI export does not validate against the 2.03 schema (${validation.errors.length} errors)${out ? `; ${out} is kept for inspection` : ''}`,
      details: validation.errors.slice(0, 50).map((message) => ({ message })),
    });
  }
  if (validation && out) cliContext().stderr.write(`${out}: valid IATI 2.03\n`);
}

/** `ctip export csv|json|iati [filters] [--out FILE] [--validate]`: the downloads of the API, for operators (sees restricted programs). */
export function registerExportCommand(program: Command): void {
  addProgramFilterOptions(program.command('export'))
    .description('Export every program matching the filters as CSV, JSON or IATI 2.03 XML (stdout unless --out)')
    .argument('<format>', 'csv, json or iati')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--validate', 'iati only: check the file against the official IATI 2.03 schema; exit 3 when invalid')
    .option('--json', 'errors as JSON')
    .action(async (format: string, options: Record<string, string | boolean | undefined>) => {
      try {
        await exportAction(format, options);
      } catch (error) {
        reportCliError(error, { json: Boolean(options.json) });
      }
    });
}
