import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { printResult, reportCliError, withDatabase, resolveCliPath } from '../cli/cli-context.ts';
import { cliActor } from '../cli/cli-actor.ts';
import type { Database } from '../db/database.ts';
import { systemViewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import {
  recommendationQuerySchema,
  recommendationStatusLabels,
  strategicPlanQuerySchema,
  type Recommendation,
  type StrategicPlan,
} from './recommendations.schemas.ts';
import { createRecommendation, listRecommendations, parseInput, respondToRecommendation } from './recommendations.service.ts';
import {
  createStrategicPlan,
  getStrategicPlan,
  listStrategicPlans,
  updateStrategicPlan,
} from '../strategic-plans/strategic-plans.service.ts';

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

function formatPlan(plan: StrategicPlan): string {
  const lines = [
    `#${plan.id} ${plan.agency.name}, FY${plan.fiscalYearFrom}–FY${plan.fiscalYearTo}: ${plan.title} (version ${plan.version})`,
  ];
  plan.goals.forEach((goal, index) => {
    lines.push(`  Goal ${index + 1}. ${goal.title}`);
    for (const activity of goal.activities)
      lines.push(
        `    - ${activity.title}${activity.programs.length ? ` (programs ${activity.programs.map((program) => program.id).join(', ')})` : ''}`,
      );
  });
  return lines.join('\n');
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolveCliPath(file), 'utf8');
  } catch (error) {
    throw new AppError({ code: 'INVALID_FILE', message: `Cannot read ${file}: ${(error as Error).message}` });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError({ code: 'INVALID_FILE', message: `${file} is not valid JSON: ${(error as Error).message}` });
  }
}

/** Runs a command's work with the database and prints its result; errors map to exit codes. */
async function run<T>(json: boolean, work: (db: Database) => Promise<T>, text: (data: T) => string): Promise<void> {
  try {
    const data = await withDatabase(({ db }) => work(db));
    printResult({ json, data, text: () => text(data) });
  } catch (error) {
    reportCliError(error, { json });
  }
}

function registerRecommendationCommands(program: Command): void {
  const command = program.command('recommendations').description("The Assessment's recommendations and the responses to them");
  command
    .command('add')
    .description('Record a recommendation')
    .requiredOption('--fy, --fiscal-year <year>', 'fiscal year of the Assessment that makes it')
    .requiredOption('--agency <id>', 'owner agency id (see GET /api/agencies)')
    .requiredOption('--text <text>', 'the recommendation')
    .option('--json', 'print JSON', false)
    .action(async (options: { fiscalYear: string; agency: string; text: string; json: boolean }) =>
      run(
        options.json,
        (db) =>
          createRecommendation({
            db,
            input: { fiscalYear: options.fiscalYear as unknown as number, ownerAgencyId: options.agency, text: options.text },
            viewer: systemViewer,
            actor: cliActor(),
          }),
        formatRecommendation,
      ),
    );
  command
    .command('respond <id>')
    .description('Append a response (what was done) and the status it results in')
    .requiredOption('--status <status>', Object.keys(recommendationStatusLabels).join(' | '))
    .requiredOption('--text <text>', 'what was done')
    .option('--json', 'print JSON', false)
    .action(async (id: string, options: { status: string; text: string; json: boolean }) =>
      run(
        options.json,
        async (db) => {
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
        formatRecommendation,
      ),
    );
  command
    .command('list')
    .description('List recommendations with their responses')
    .option('--fy, --fiscal-year <year>', 'only those of this fiscal year')
    .option('--json', 'print JSON', false)
    .action(async (options: { fiscalYear?: string; json: boolean }) =>
      run(
        options.json,
        async (db) => ({
          items: await listRecommendations({ db, ...parseInput(recommendationQuerySchema, { fiscalYear: options.fiscalYear }) }),
        }),
        (data) => (data.items.length ? data.items.map(formatRecommendation).join('\n') : 'No recommendations recorded.'),
      ),
    );
}

/** A plan id typed on the command line, or VALIDATION_FAILED. */
function planIdOf(id: string): number {
  if (!/^\d{1,9}$/.test(id) || Number(id) < 1)
    throw new AppError({ code: 'VALIDATION_FAILED', message: `The plan id must be a number, not '${id}'` });
  return Number(id);
}

/**
 * Replaces plan `id` with the file's plan. With `version` (as `plans list` shows it), a plan
 * changed since is refused; without it, the current version is read first, so the file
 * replaces whatever the plan holds now.
 */
async function updatePlanFromFile(db: Database, id: string, file: string, version: string | undefined): Promise<StrategicPlan> {
  const planId = planIdOf(id);
  const input = readJsonFile(file) as never;
  const expectedVersion = version ?? (await getStrategicPlan({ db, id: planId, viewer: systemViewer })).version;
  return updateStrategicPlan({ db, id: planId, input, expectedVersion, viewer: systemViewer, actor: cliActor() });
}

function registerPlanCommands(program: Command): void {
  const command = program.command('plans').description('Agency strategic plans: goals, activities and the programs that carry them out');
  command
    .command('add <file>')
    .description(
      'Record a strategic plan from a JSON file: { agencyId, title, fiscalYearFrom, fiscalYearTo, goals: [{ title, activities: [{ title, programIds }] }] }',
    )
    .option('--json', 'print JSON', false)
    .action(async (file: string, options: { json: boolean }) =>
      run(
        options.json,
        (db) => createStrategicPlan({ db, input: readJsonFile(file) as never, viewer: systemViewer, actor: cliActor() }),
        formatPlan,
      ),
    );
  command
    .command('update <id> <file>')
    .description(
      'Replace strategic plan ID with the plan in a JSON file (the same shape as for add). With --version, a plan changed since that version is refused (exit code 6); without it, the current version is read first and the file replaces whatever the plan holds now.',
    )
    .option('--version <version>', 'the version you edited, as `ctip plans list` shows it')
    .option('--json', 'print JSON', false)
    .action(async (id: string, file: string, options: { version?: string; json: boolean }) =>
      run(options.json, (db) => updatePlanFromFile(db, id, file, options.version), formatPlan),
    );
  command
    .command('list')
    .description('List strategic plans with their versions')
    .option('--fy, --fiscal-year <year>', 'plans whose period includes this fiscal year')
    .option('--agency <id>', 'plans of this agency')
    .option('--json', 'print JSON', false)
    .action(async (options: { fiscalYear?: string; agency?: string; json: boolean }) =>
      run(
        options.json,
        async (db) => ({
          items: await listStrategicPlans({
            db,
            viewer: systemViewer,
            ...parseInput(strategicPlanQuerySchema, { fiscalYear: options.fiscalYear, agency: options.agency }),
          }),
        }),
        (data) => (data.items.length ? data.items.map(formatPlan).join('\n') : 'No strategic plans recorded.'),
      ),
    );
}

/** Adds `ctip recommendations add|respond|list` and `ctip plans add|update|list`. */
export function registerRecommendationAndPlanCommands(program: Command): void {
  registerRecommendationCommands(program);
  registerPlanCommands(program);
}
