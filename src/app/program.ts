import { Command } from 'commander';
import { registerAccountCommands } from '../accounts/accounts.cli.ts';
import { registerCoordinationCommands } from '../coordination/coordination.cli.ts';
import { registerClearanceCommands } from '../clearance/clearance.cli.ts';
import { registerAssessmentCommand } from '../assessment/assessment.cli.ts';
import { registerRecommendationCommands } from '../recommendations/recommendations.cli.ts';
import { registerStrategicPlanCommands } from '../strategic-plans/strategic-plans.cli.ts';
import { registerExportCommand } from '../exports/export.cli.ts';
import { registerCtipCsvCommands } from '../imports/ctip-csv/ctip-csv.cli.ts';
import { registerIatiImportCommand } from '../imports/iati/iati.cli.ts';
import { registerTipGrantsImportCommand } from '../imports/tip-grants/tip-grants.cli.ts';
import { registerForeignAssistanceImportCommand } from '../imports/foreignassistance/foreignassistance.cli.ts';
import { registerUsaspendingImportCommand } from '../imports/usaspending/usaspending.cli.ts';
import { registerProgramCommands } from '../programs/program.cli.ts';
import { registerReviewCommands } from '../review/review.cli.ts';
import type { RunCommand } from './command-server.ts';
import { registerServeCommand } from './serve.cli.ts';
import { registerStatsCommand } from '../stats/stats.cli.ts';
import { registerDatabaseCommands } from './database.cli.ts';
import { cliContext, setDatabasePreparation } from '../cli/cli-context.ts';
import { prepareDatabase } from './prepare-database.ts';

/**
 * The `ctip` command tree. A fresh tree per run: commander keeps parsed values on the command
 * objects, and the server runs several CLIs' commands at once. Help and usage errors go to the
 * running command's outputs, and commander never exits the process (the server's).
 */
export function buildCtipProgram(options: { runCommand: RunCommand }): Command {
  // Every command's database is migrated and carries the reference data the features seed.
  setDatabasePreparation(prepareDatabase);
  const program = new Command()
    .name('ctip')
    .description('ctip: the system of record for programs against trafficking in persons')
    .showHelpAfterError()
    .configureOutput({
      writeOut: (text) => cliContext().stdout.write(text),
      writeErr: (text) => cliContext().stderr.write(text),
      getOutHelpWidth: () => cliContext().stdout.columns ?? 80,
      getErrHelpWidth: () => cliContext().stderr.columns ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .exitOverride();

  registerServeCommand(program, options);
  registerDatabaseCommands(program);
  const importCommand = program.command('import').description('Import programs from a file');
  registerTipGrantsImportCommand(importCommand);
  registerUsaspendingImportCommand(importCommand);
  registerForeignAssistanceImportCommand(importCommand);
  registerIatiImportCommand(importCommand);
  registerCtipCsvCommands(program, importCommand);
  registerExportCommand(program);
  registerProgramCommands(program);
  registerStatsCommand(program);
  registerReviewCommands(program);
  registerCoordinationCommands(program);
  registerClearanceCommands(program);
  registerAssessmentCommand(program);
  registerRecommendationCommands(program);
  registerStrategicPlanCommands(program);
  registerAccountCommands(program);
  return program;
}
