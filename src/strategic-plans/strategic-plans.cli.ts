import type { Command } from 'commander';
import { runWithDatabase } from '../cli/cli-context.ts';
import { readInputText } from '../cli/cli-files.ts';
import { cliActor } from '../cli/cli-actor.ts';
import type { Database } from '../db/database.ts';
import { parseInput } from '../recommendations/recommendations.service.ts';
import { systemViewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { strategicPlanQuerySchema, type StrategicPlan } from './strategic-plans.schemas.ts';
import { createStrategicPlan, getStrategicPlan, listStrategicPlans, updateStrategicPlan } from './strategic-plans.service.ts';

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
  const text = readInputText(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError({ code: 'INVALID_FILE', message: `${file} is not valid JSON: ${(error as Error).message}` });
  }
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

/** Adds `ctip plans add|update|list`. */
export function registerStrategicPlanCommands(program: Command): void {
  const command = program.command('plans').description('Agency strategic plans: goals, activities and the programs that carry them out');
  command
    .command('add <file>')
    .description(
      'Record a strategic plan from a JSON file: { agencyId, title, fiscalYearFrom, fiscalYearTo, goals: [{ title, activities: [{ title, programIds }] }] }',
    )
    .option('--json', 'print JSON', false)
    .action(async (file: string, options: { json: boolean }) =>
      runWithDatabase({
        json: options.json,
        work: (db) => createStrategicPlan({ db, input: readJsonFile(file) as never, viewer: systemViewer, actor: cliActor() }),
        text: formatPlan,
      }),
    );
  command
    .command('update <id> <file>')
    .description(
      'Replace strategic plan ID with the plan in a JSON file (the same shape as for add). With --version, a plan changed since that version is refused (exit code 6); without it, the current version is read first and the file replaces whatever the plan holds now.',
    )
    .option('--version <version>', 'the version you edited, as `ctip plans list` shows it')
    .option('--json', 'print JSON', false)
    .action(async (id: string, file: string, options: { version?: string; json: boolean }) =>
      runWithDatabase({ json: options.json, work: (db) => updatePlanFromFile(db, id, file, options.version), text: formatPlan }),
    );
  command
    .command('list')
    .description('List strategic plans with their versions')
    .option('--fy, --fiscal-year <year>', 'plans whose period includes this fiscal year')
    .option('--agency <id>', 'plans of this agency')
    .option('--json', 'print JSON', false)
    .action(async (options: { fiscalYear?: string; agency?: string; json: boolean }) =>
      runWithDatabase({
        json: options.json,
        work: async (db) => ({
          items: await listStrategicPlans({
            db,
            viewer: systemViewer,
            ...parseInput(strategicPlanQuerySchema, { fiscalYear: options.fiscalYear, agency: options.agency }),
          }),
        }),
        text: (data) => (data.items.length ? data.items.map(formatPlan).join('\n') : 'No strategic plans recorded.'),
      }),
    );
}
