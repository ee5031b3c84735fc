import { readFileSync } from 'node:fs';
import { Command, Help } from 'commander';
import type { RunCommand } from './command-server.ts';
import { cliContext, setDatabasePreparation } from '../cli/cli-context.ts';

type Register = (program: Command, options: { runCommand: RunCommand }) => Promise<void>;

/**
 * The top-level commands, each with the module group that defines it. Only the group of the
 * command being run is loaded (its services, the database driver, Fastify or Chromium's client
 * come with it), so `ctip --help`, `ctip --version` and a mistyped command start in a fraction
 * of a second. `term` and `description` are what the top-level help lists; a test keeps them
 * equal to the commands' own.
 */
export const commandGroups: { commands: { name: string; term: string; description: string }[]; register: Register }[] = [
  {
    commands: [{ name: 'serve', term: 'serve [options]', description: 'Serve the API and pages on PORT (default 8080)' }],
    register: async (program, options) => (await import('./serve.cli.ts')).registerServeCommand(program, options),
  },
  {
    commands: [
      { name: 'db', term: 'db', description: 'Database maintenance' },
      {
        name: 'backup',
        term: 'backup [options]',
        description: 'Write a consistent backup of the database (plain SQL in pg_dump format) while the server runs',
      },
      {
        name: 'restore',
        term: 'restore [options] <file>',
        description: 'Restore a backup into an empty database (DATABASE_URL) or a new data directory (CTIP_DATA_DIR), all or nothing',
      },
    ],
    register: async (program) => (await import('./database.cli.ts')).registerDatabaseCommands(program),
  },
  {
    commands: [
      { name: 'import', term: 'import', description: 'Import programs from a file' },
      { name: 'template', term: 'template <format>', description: 'Print an import template' },
    ],
    register: async (program) => {
      const [tipGrants, usaspending, foreignAssistance, iati, ctipCsv] = await Promise.all([
        import('../imports/tip-grants/tip-grants.cli.ts'),
        import('../imports/usaspending/usaspending.cli.ts'),
        import('../imports/foreignassistance/foreignassistance.cli.ts'),
        import('../imports/iati/iati.cli.ts'),
        import('../imports/ctip-csv/ctip-csv.cli.ts'),
      ]);
      const importCommand = program.command('import').description('Import programs from a file');
      tipGrants.registerTipGrantsImportCommand(importCommand);
      usaspending.registerUsaspendingImportCommand(importCommand);
      foreignAssistance.registerForeignAssistanceImportCommand(importCommand);
      iati.registerIatiImportCommand(importCommand);
      ctipCsv.registerCtipCsvCommands(program, importCommand);
    },
  },
  {
    commands: [
      {
        name: 'export',
        term: 'export [options] <format>',
        description: 'Export every program matching the filters as CSV, JSON or IATI 2.03 XML (stdout unless --out)',
      },
    ],
    register: async (program) => (await import('../exports/export.cli.ts')).registerExportCommand(program),
  },
  {
    commands: [{ name: 'programs', term: 'programs', description: 'List and show programs' }],
    register: async (program) => (await import('../programs/program.cli.ts')).registerProgramCommands(program),
  },
  {
    commands: [{ name: 'stats', term: 'stats [options]', description: 'Headline figures of a fiscal year, or a breakdown with --by' }],
    register: async (program) => (await import('../stats/stats.cli.ts')).registerStatsCommand(program),
  },
  {
    commands: [
      { name: 'review', term: 'review', description: 'The names imports could not resolve, and mapping them once for all later imports' },
    ],
    register: async (program) => (await import('../review/review.cli.ts')).registerReviewCommands(program),
  },
  {
    commands: [
      {
        name: 'check',
        term: 'check [options] <file>',
        description: 'Check a draft program (JSON, the body of POST /api/programs) for overlap with funded programs',
      },
      {
        name: 'overlap',
        term: 'overlap [options]',
        description: 'Portfolio overlap report of a fiscal-year range (fragmentation, overlap, duplication)',
      },
    ],
    register: async (program) => (await import('../coordination/coordination.cli.ts')).registerCoordinationCommands(program),
  },
  {
    commands: [{ name: 'clearance', term: 'clearance', description: 'Interagency clearance of proposals among the SPOG member agencies' }],
    register: async (program) => (await import('../clearance/clearance.cli.ts')).registerClearanceCommands(program),
  },
  {
    commands: [
      {
        name: 'assessment',
        term: 'assessment [options]',
        description: 'Generate the annual Assessment of a fiscal year (HTML, Markdown, Word or PDF) from the public records',
      },
    ],
    register: async (program) => (await import('../assessment/assessment.cli.ts')).registerAssessmentCommand(program),
  },
  {
    commands: [
      { name: 'recommendations', term: 'recommendations', description: "The Assessment's recommendations and the responses to them" },
    ],
    register: async (program) => (await import('../recommendations/recommendations.cli.ts')).registerRecommendationCommands(program),
  },
  {
    commands: [
      { name: 'plans', term: 'plans', description: 'Agency strategic plans: goals, activities and the programs that carry them out' },
    ],
    register: async (program) => (await import('../strategic-plans/strategic-plans.cli.ts')).registerStrategicPlanCommands(program),
  },
  {
    commands: [
      { name: 'users', term: 'users', description: 'People who sign in: add, list, change role, disable' },
      { name: 'tokens', term: 'tokens', description: 'API tokens for scripts (Authorization: Bearer …)' },
      { name: 'audit', term: 'audit [options]', description: 'The audit trail, newest first: who changed what, when, through which door' },
    ],
    register: async (program) => (await import('../accounts/accounts.cli.ts')).registerAccountCommands(program),
  },
];

/** ctip's version, from package.json. */
export function readCtipVersion(): string {
  const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return packageJson.version;
}

/** The command a command line runs: its first operand (`ctip help NAME` asks about NAME). */
function requestedCommand(argv: string[]): string | undefined {
  const operands = argv.filter((argument) => !argument.startsWith('-'));
  return operands[0] === 'help' ? operands[1] : operands[0];
}

const databaseNote = `
Commands that read or write data open the database first: on the embedded database (PGlite)
that takes a few seconds (migrations and reference data are checked); --help, --version and
mistyped commands do not open it. While \`ctip serve\` runs, commands run inside the server.`;

/**
 * The `ctip` command tree. A fresh tree per run: commander keeps parsed values on the command
 * objects, and the server runs several CLIs' commands at once. Help and usage errors go to the
 * running command's outputs, and commander never exits the process (the server's). The command
 * being run is defined in full; the others are listed by name for help and suggestions.
 */
export async function buildCtipProgram(options: { argv: string[]; runCommand: RunCommand }): Promise<Command> {
  // Every command's database is migrated and carries the reference data the features seed.
  setDatabasePreparation(async (preparation) => (await import('./prepare-database.ts')).prepareDatabase(preparation));
  const program = new Command()
    .name('ctip')
    .description('ctip: the system of record for programs against trafficking in persons')
    .version(readCtipVersion(), '-V, --version', 'print the version of ctip')
    // Program options only before the command: `ctip plans update … --version V` is the plan's version.
    .enablePositionalOptions()
    .showHelpAfterError()
    .addHelpText('after', databaseNote)
    .configureOutput({
      writeOut: (text) => cliContext().stdout.write(text),
      writeErr: (text) => cliContext().stderr.write(text),
      getOutHelpWidth: () => cliContext().stdout.columns ?? 80,
      getErrHelpWidth: () => cliContext().stderr.columns ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .exitOverride();

  const requested = requestedCommand(options.argv);
  const listed = new Map<Command, string>();
  for (const group of commandGroups) {
    if (group.commands.some((command) => command.name === requested)) {
      await group.register(program, { runCommand: options.runCommand });
      continue;
    }
    for (const command of group.commands) listed.set(program.command(command.name).description(command.description), command.term);
  }
  // Listed commands are not loaded: their help line is the table's.
  const help = new Help();
  program.configureHelp({ subcommandTerm: (command) => listed.get(command) ?? help.subcommandTerm(command) });
  // Commands in the order the table gives, loaded or not.
  const order = commandGroups.flatMap((group) => group.commands.map((command) => command.name));
  const commands = program.commands as Command[];
  commands.sort((a, b) => order.indexOf(a.name()) - order.indexOf(b.name()));
  return program;
}
