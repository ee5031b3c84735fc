import { Command } from 'commander';
import { registerAccountCommands } from '../accounts/accounts.cli.ts';
import { InvalidConfigError, loadConfig } from '../config/config.ts';
import { registerCoordinationCommands } from '../coordination/coordination.cli.ts';
import { registerClearanceCommands } from '../clearance/clearance.cli.ts';
import { registerAssessmentCommand } from '../assessment/assessment.cli.ts';
import { registerRecommendationAndPlanCommands } from '../recommendations/recommendations.cli.ts';
import { registerExportCommand } from '../exports/export.cli.ts';
import { registerCtipCsvCommands } from '../imports/ctip-csv/ctip-csv.cli.ts';
import { registerIatiImportCommand } from '../imports/iati/iati.cli.ts';
import { registerTipGrantsImportCommand } from '../imports/tip-grants/tip-grants.cli.ts';
import { registerForeignAssistanceImportCommand } from '../imports/foreignassistance/foreignassistance.cli.ts';
import { registerUsaspendingImportCommand } from '../imports/usaspending/usaspending.cli.ts';
import { registerProgramCommands } from '../programs/program.cli.ts';
import { registerReviewCommands } from '../review/review.cli.ts';
import { registerServeCommand } from './serve.cli.ts';
import { registerStatsCommand } from '../stats/stats.cli.ts';
import { registerDatabaseCommands } from './database.cli.ts';
import { setDatabasePreparation } from '../cli/cli-context.ts';
import { prepareDatabase } from './prepare-database.ts';

// Validate the configuration before anything else: every bad setting is printed, then exit.
try {
  loadConfig();
} catch (error) {
  if (error instanceof InvalidConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

// Every command's database is migrated and carries the reference data the features seed.
setDatabasePreparation(prepareDatabase);

const program = new Command()
  .name('ctip')
  .description('ctip: the system of record for programs against trafficking in persons')
  .showHelpAfterError()
  .exitOverride((error) => {
    // Usage errors exit with 2; --help and --version with 0.
    process.exit(error.exitCode === 0 ? 0 : 2);
  });

registerServeCommand(program);
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
registerRecommendationAndPlanCommands(program);
registerAccountCommands(program);

await program.parseAsync(process.argv);
