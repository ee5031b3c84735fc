import { randomBytes } from 'node:crypto';
import pg from 'pg';

async function runAdminStatement(adminUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  // A server stopping under a forced drop must not crash the process with an unhandled 'error'.
  admin.on('error', () => {});
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * A new, empty database on a throwaway PostgreSQL server (tests and benchmarks): its URL, and
 * `drop()`, which removes it even with connections still open. The name is `prefix` and random
 * hex, so it needs no quoting. `template` copies that database instead (a migrated one).
 */
export async function createServerDatabase(options: {
  adminUrl: string;
  prefix: string;
  template?: string;
}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${options.prefix}_${randomBytes(6).toString('hex')}`;
  if (options.template !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.template))
    throw new Error(`Not a plain database name: ${options.template}`);
  await runAdminStatement(options.adminUrl, `CREATE DATABASE ${name}${options.template ? ` TEMPLATE ${options.template}` : ''}`);
  const url = new URL(options.adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => runAdminStatement(options.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
