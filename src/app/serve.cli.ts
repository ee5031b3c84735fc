import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config/config.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { prepareDatabase } from './prepare-database.ts';
import { importTipGrants } from '../imports/tip-grants/tip-grants.importer.ts';
import { reportCliError } from '../cli/cli-context.ts';
import { buildApp } from './app.ts';
import { startCommandServer, type RunCommand } from './command-server.ts';
import { createShutdown, installShutdownSignals } from './shutdown.ts';

const demoFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo/tip-grants/funding_original.csv');

/** `ctip serve [--demo]`: migrate, load reference data (and the demo data into an empty database), serve. */
export function registerServeCommand(program: Command, options: { runCommand: RunCommand }): void {
  const { runCommand } = options;
  program
    .command('serve')
    .description('Serve the API and pages on PORT (default 8080)')
    .option('--demo', 'load the real U.S. grant listing FY2001–2014 when the database has no programs')
    .action(async (options: { demo?: boolean }) => {
      let handle: DatabaseHandle | undefined;
      try {
        const config = loadConfig();
        handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        await prepareDatabase({ handle });
        // Other `ctip` commands run in here while this process owns the embedded database.
        const commands =
          handle.kind === 'pglite' && !config.dataDir.startsWith('memory://')
            ? await startCommandServer({ handle, config, dataDir: config.dataDir, runCommand })
            : undefined;
        if (options.demo) {
          const [programs] = await selectRows<{ count: number }>(handle.db, sql`SELECT count(*)::int AS count FROM programs`);
          if (Number(programs?.count ?? 0) === 0) {
            process.stdout.write(`Loading the demo data from ${path.relative(process.cwd(), demoFile)}…\n`);
            const report = await importTipGrants({
              db: handle.db,
              filePath: demoFile,
              fundingAgencyId: 'state-tip',
              actor: { name: 'demo-loader', door: 'system' },
            });
            process.stdout.write(
              `Demo data: ${report.read} rows read, ${report.imported} imported, ${report.merged} merged, ${report.skipped} skipped, ${report.rejected} rejected.\n`,
            );
          }
        }
        const app = await buildApp({ db: handle.db, config });
        installShutdownSignals(
          createShutdown({
            app,
            // The command socket first: no new CLI command may start on a database about to close.
            closeDatabase: async () => {
              await commands?.close();
              await handle?.close();
            },
            timeoutMs: config.shutdownTimeoutMs,
            log: (line) => process.stdout.write(`${line}\n`),
          }),
        );
        const address = await app.listen({ port: config.port, host: config.host });
        process.stdout.write(`ctip is serving on ${address} (${handle.kind} database)\n`);
      } catch (error) {
        reportCliError(error, { json: false });
        // An open database (PGlite above all) would keep the refused process alive.
        await handle?.close().catch(() => {});
      }
    });
}
