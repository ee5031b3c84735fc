import type { Command } from 'commander';
import { printResult, reportCliError, withDatabase } from '../cli/cli-context.ts';
import { cliActor } from '../cli/cli-actor.ts';
import { systemViewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { ReviewMapping } from './review.schemas.ts';
import { listNamesForReview, mapNameForReview } from './review.service.ts';

type MapOptions = { kind: string; name: string; organization?: string; country?: string; region?: string; json: boolean };

function mappingOf(options: MapOptions): ReviewMapping {
  if (options.kind === 'organization') {
    if (!options.organization || !/^\d+$/.test(options.organization))
      throw new AppError({
        code: 'VALIDATION_FAILED',
        message: '--kind organization needs --organization ID (a number; find it with ctip programs or GET /api/organizations?q=…)',
      });
    return { kind: 'organization', name: options.name, organizationId: Number(options.organization) };
  }
  if (options.kind === 'place')
    return { kind: 'place', name: options.name, countryCode: options.country?.toUpperCase(), regionCode: options.region };
  throw new AppError({ code: 'VALIDATION_FAILED', message: `--kind must be organization or place, not '${options.kind}'` });
}

/** Adds `ctip review names` and `ctip review map`. */
export function registerReviewCommands(program: Command): void {
  const review = program.command('review').description('The names imports could not resolve, and mapping them once for all later imports');
  review
    .command('names')
    .description('List the names waiting for review, most frequent first')
    .option('--kind <kind>', 'organization or place')
    .option('--json', 'print JSON', false)
    .action(async (options: { kind?: string; json: boolean }) => {
      try {
        if (options.kind && options.kind !== 'organization' && options.kind !== 'place')
          throw new AppError({ code: 'VALIDATION_FAILED', message: `--kind must be organization or place, not '${options.kind}'` });
        const kind = options.kind as 'organization' | 'place' | undefined;
        const names = await withDatabase(({ db }) => listNamesForReview({ db, viewer: systemViewer, kind }));
        printResult({
          json: options.json,
          data: { items: names },
          text: () =>
            names.length
              ? names
                  .map((entry) => `${entry.kind.padEnd(12)} ${String(entry.occurrences).padStart(5)}  ${entry.name}  (${entry.source})`)
                  .join('\n')
              : 'No names waiting for review.',
        });
      } catch (error) {
        reportCliError(error, { json: options.json });
      }
    });
  review
    .command('map')
    .description('Map a name to an organization (--organization ID) or a place (--country ISO3 | --region CODE)')
    .requiredOption('--kind <kind>', 'organization or place')
    .requiredOption('--name <name>', 'the name as the review list shows it')
    .option('--organization <id>', 'the organization the name means')
    .option('--country <code>', 'the ISO 3166-1 alpha-3 code the name means')
    .option('--region <code>', 'the region code (UN M49 such as 002, or ctip-…) the name means')
    .option('--json', 'print JSON', false)
    .action(async (options: MapOptions) => {
      try {
        const mapping = mappingOf(options);
        const result = await withDatabase(({ db }) => mapNameForReview({ db, actor: cliActor(), ...mapping }));
        const target = result.organizationId
          ? `organization ${result.organizationId}`
          : result.countryCode
            ? `country ${result.countryCode}`
            : `region ${result.regionCode}`;
        printResult({
          json: options.json,
          data: result,
          text: () =>
            `'${result.name}' now means ${target}${result.wasPending ? '; removed from the review list' : ''}. Later imports use it.`,
        });
      } catch (error) {
        reportCliError(error, { json: options.json });
      }
    });
}
