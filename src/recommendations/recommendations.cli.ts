import type { Command } from 'commander';
import { runWithDatabase } from '../cli/cli-context.ts';
import { cliActor } from '../cli/cli-actor.ts';
import { systemViewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { recommendationQuerySchema, recommendationStatusLabels, type Recommendation } from './recommendations.schemas.ts';
import { createRecommendation, listRecommendations, parseInput, respondToRecommendation } from './recommendations.service.ts';

/** One recommendation in a few lines, responses indented. */
export function formatRecommendation(item: Recommendation): string {
  const head = `#${item.id} FY${item.fiscalYear} [${recommendationStatusLabels[item.status]}] ${item.ownerAgency.name}: ${item.text}`;
  return [
    head,
    ...item.responses.map(
      (response) =>
        `    ${response.respondedAt.slice(0, 10)} ${response.responder} → ${recommendationStatusLabels[response.resultingStatus]}: ${response.text}`,
    ),
  ].join('\n');
}

/** Adds `ctip recommendations add|respond|list`. */
export function registerRecommendationCommands(program: Command): void {
  const command = program.command('recommendations').description("The Assessment's recommendations and the responses to them");
  command
    .command('add')
    .description('Record a recommendation')
    .requiredOption('--fy, --fiscal-year <year>', 'fiscal year of the Assessment that makes it')
    .requiredOption('--agency <id>', 'owner agency id (see GET /api/agencies)')
    .requiredOption('--text <text>', 'the recommendation')
    .option('--json', 'print JSON', false)
    .action(async (options: { fiscalYear: string; agency: string; text: string; json: boolean }) =>
      runWithDatabase({
        json: options.json,
        work: (db) =>
          createRecommendation({
            db,
            input: { fiscalYear: options.fiscalYear as unknown as number, ownerAgencyId: options.agency, text: options.text },
            viewer: systemViewer,
            actor: cliActor(),
          }),
        text: formatRecommendation,
      }),
    );
  command
    .command('respond <id>')
    .description('Append a response (what was done) and the status it results in')
    .requiredOption('--status <status>', Object.keys(recommendationStatusLabels).join(' | '))
    .requiredOption('--text <text>', 'what was done')
    .option('--json', 'print JSON', false)
    .action(async (id: string, options: { status: string; text: string; json: boolean }) =>
      runWithDatabase({
        json: options.json,
        work: async (db) => {
          if (!/^\d+$/.test(id))
            throw new AppError({ code: 'VALIDATION_FAILED', message: `The recommendation id must be a number, not '${id}'` });
          return respondToRecommendation({
            db,
            id: Number(id),
            input: { text: options.text, resultingStatus: options.status as never },
            viewer: systemViewer,
            actor: cliActor(),
          });
        },
        text: formatRecommendation,
      }),
    );
  command
    .command('list')
    .description('List recommendations with their responses')
    .option('--fy, --fiscal-year <year>', 'only those of this fiscal year')
    .option('--json', 'print JSON', false)
    .action(async (options: { fiscalYear?: string; json: boolean }) =>
      runWithDatabase({
        json: options.json,
        work: async (db) => ({
          items: await listRecommendations({ db, ...parseInput(recommendationQuerySchema, { fiscalYear: options.fiscalYear }) }),
        }),
        text: (data) => (data.items.length ? data.items.map(formatRecommendation).join('\n') : 'No recommendations recorded.'),
      }),
    );
}
