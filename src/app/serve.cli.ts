import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config/config.ts';
import { openDatabase } from '../db/database.ts';
import { prepareDatabase } from './prepare-database.ts';
import { importTipGrants } from '../imports/tip-grants/tip-grants.importer.ts';
import { reportCliError } from '../cli/cli-context.ts';
import { buildApp } from './app.ts';
import { startCommandServer, type RunCommand } from './command-server.ts';

const demoFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo/tip-grants/funding_original.csv');

/** `ctip serve [--demo]`: migrate, load reference data (and the demo data into an empty database), serve. */
export function registerServeCommand(program: Command, options: { runCommand: RunCommand }): void {
  const { runCommand } = options;
  program
    .command('serve')
    .description('Serve the API and pages on PORT (default 8080)')
    .option('--demo', 'load the real U.S. grant listing FY2001–2014 when the database has no programs')
    .action(async (options: { demo?: boolean }) => {
      try {
        const config = loadConfig();
        const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        await prepareDatabase({ handle });
        // Other `ctip` commands run in here while this process owns the embedded database.
        const commands = handle.kind === 'pglite' && !config.dataDir.startsWith('memory://') ? await startCommandServer({ handle, config, dataDir: config.dataDir, runCommand }) : undefined;
        if (options.demo) {
          const result = (await handle.db.execute(sql`SELECT count(*)::int AS count FROM programs`)) as unknown as { rows: { count: number }[] };
          if (Number(result.rows[0]?.count ?? 0) === 0) {
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
        let closing = false;
        const shutdown = async () => {
          if (closing) return;
          closing = true;
          await commands?.close();
          await app.close();
          await handle.close();
          process.exit(0);
        };
        process.on('SIGINT', shutdown);
        process.on('SIGTERM', shutdown);
        const address = await app.listen({ port: config.port, host: config.host });
        process.stdout.write(`ctip is serving on ${address} (${handle.kind} database)\n`);
      } catch (error) {
        reportCliError(error, { json: false });
      }
    });
}
