import type { Command } from 'commander';
import type { z } from 'zod';
import { printResult, reportCliError, withDatabase } from '../cli/cli-context.ts';
import { invalidFlagsError } from '../cli/cli-validation.ts';
import { systemViewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { formatUsd } from '../shared/money.ts';
import { programQuerySchema } from './program.schemas.ts';
import { findPrograms, getProgramById, listProgramHistory } from './program.service.ts';

/**
 * The search filters as flags, the same for `ctip programs list` and `ctip export` (the names of
 * GET /api/programs' query, in kebab case).
 */
export function addProgramFilterOptions(command: Command): Command {
  return command
    .option('--fiscal-year <year>')
    .option('--fiscal-year-from <year>')
    .option('--fiscal-year-to <year>')
    .option('--agency <id>')
    .option('--country <alpha3>')
    .option('--include-regional <true|false>', 'with --country: also programs in regions containing it')
    .option('--region <code>')
    .option('--partner <organizationId>')
    .option('--assistance-type <code>')
    .option('--pillar <code>')
    .option('--status <list>')
    .option('--q <text>', 'full-text search')
    .option('--sort <key>', 'id, title, obligated or fiscalYear; prefix - for descending');
}

/** The flags `schema` (an API query schema) knows, validated by it; a bad one is named by its flag. */
export function parseQueryFlags<Schema extends z.ZodObject>(schema: Schema, options: Record<string, unknown>): z.infer<Schema> {
  const given = Object.fromEntries(Object.entries(options).filter(([key, value]) => key in schema.shape && value !== undefined));
  const parsed = schema.safeParse(given);
  if (!parsed.success) throw invalidFlagsError(parsed.error, { given });
  return parsed.data;
}

/** `ctip programs list|show`: the same data as /api/programs, with the operator's rights. */
export function registerProgramCommands(program: Command): void {
  const programs = program.command('programs').description('List and show programs');
  addProgramFilterOptions(programs.command('list').description('Search programs (same filters as GET /api/programs)'))
    .option('--limit <n>')
    .option('--cursor <cursor>')
    .option('--json', 'print JSON')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const json = Boolean(options.json);
      try {
        const query = parseQueryFlags(programQuerySchema, options);
        await withDatabase(async ({ db }) => {
          const page = await findPrograms({ db, query, viewer: systemViewer });
          printResult({
            json,
            data: page,
            text: () =>
              [
                `${page.total} programs${page.nextCursor ? ` (next page: --cursor ${page.nextCursor})` : ''}`,
                ...page.items.map(
                  (item) =>
                    `${String(item.id).padStart(6)}  FY${item.fiscalYears.join(',')}  ${formatUsd(BigInt(item.obligatedCents)).padStart(16)}${item.hasUnknownAmount ? '+?' : '  '}  ${item.title}`,
                ),
              ].join('\n'),
          });
        });
      } catch (error) {
        reportCliError(error, { json });
      }
    });
  programs
    .command('show <id>')
    .description('Show one program with its history')
    .option('--json', 'print JSON')
    .action(async (idText: string, options: { json?: boolean }) => {
      const json = Boolean(options.json);
      try {
        const id = Number(idText);
        if (!Number.isInteger(id) || id <= 0) throw new AppError({ code: 'VALIDATION_FAILED', message: `'${idText}' is not a program id` });
        await withDatabase(async ({ db }) => {
          const detail = await getProgramById({ db, id, viewer: systemViewer });
          const history = await listProgramHistory({ db, id, viewer: systemViewer });
          printResult({
            json,
            data: { ...detail, history },
            text: () =>
              [
                `#${detail.id} ${detail.title}`,
                `  funding agency: ${detail.fundingAgency.name}`,
                `  status: ${detail.status}, ${detail.visibility}, version ${detail.version}`,
                `  partners: ${detail.partners.map((partner) => `${partner.name} (${partner.role})`).join('; ') || '—'}`,
                `  places: ${detail.places.map((place) => place.name).join('; ') || '—'}`,
                ...detail.obligations.map(
                  (obligation) =>
                    `  FY${obligation.fiscalYear}: ${obligation.amountCents === null ? `unknown (${obligation.amountNote ?? 'not given'})` : formatUsd(BigInt(obligation.amountCents))}`,
                ),
                `  pillars: ${detail.pillars.join(', ') || '—'}; assistance: ${detail.assistanceTypes.join(', ') || '—'}`,
                `  source: ${detail.source}${detail.sourceKey ? ` (${detail.sourceKey})` : ''}`,
                `  history: ${history.map((entry) => `v${entry.version} ${entry.action} by ${entry.actor} via ${entry.door} at ${entry.changedAt}`).join('; ')}`,
              ].join('\n'),
          });
        });
      } catch (error) {
        reportCliError(error, { json });
      }
    });
}
