import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { encodeCsvRecord, programCsvColumns } from '../exports/program-csv.format.ts';
import { templateExampleRow } from '../imports/ctip-csv/ctip-csv.template.ts';
import { runCtipAsync, startCtipServer, type CtipServer } from '../testing/ctip-processes.ts';
import { buildProgramInput } from '../testing/fixtures.ts';

// Real processes on one PGlite data directory: `ctip serve` owns it, every other `ctip` command
// is carried out inside it. Before, each CLI opened its own copy of the database and the
// server's and the CLI's writes overwrote each other (a user added by the CLI could not sign in;
// after a restart one of three was gone while its audit event remained).
const temp = mkdtempSync(path.join(os.tmpdir(), 'ctip-owner-'));
const dataDir = path.join(temp, 'data');
const password = 'a long enough password for the owner test';

function csvFile(name: string, keys: string[]): string {
  const file = path.join(temp, name);
  writeFileSync(
    file,
    `${programCsvColumns.join(',')}\r\n${keys.map((key) => encodeCsvRecord({ ...templateExampleRow, program_key: key, title: `Imported ${key}` })).join('')}`,
  );
  return name;
}

/** Signs in through the real sign-in form, as a browser would; the session cookie, or undefined. */
async function signIn(url: string, email: string): Promise<string | undefined> {
  const form = await fetch(`${url}/sign-in`);
  const formCookie = /ctip_form=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')?.[1];
  const formToken = /<input type="hidden" name="_form" value="([^"]*)"/.exec(await form.text())?.[1];
  assert.ok(formCookie && formToken, 'the sign-in form carries its token');
  const response = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `ctip_form=${formCookie}` },
    body: new URLSearchParams({ email, password, returnTo: '/', _form: formToken }).toString(),
  });
  return response.status === 303 ? /ctip_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] || undefined : undefined;
}

async function ctip(args: string[], input?: string) {
  const result = await runCtipAsync({ args, dataDir, cwd: temp, input });
  assert.equal(result.code, 0, `ctip ${args.join(' ')}: ${result.stderr}${result.stdout}`);
  return result;
}

describe('ctip commands while ctip serve owns the embedded database', () => {
  let server: CtipServer;
  let token = '';
  const emails: string[] = [];
  /** Programs the API acknowledged: id → the title and version it answered with. */
  const acknowledged = new Map<number, { title: string; version: number }>();

  async function apiWrite(method: 'POST' | 'PUT', title: string, id?: number): Promise<void> {
    const response = await fetch(`${server.url}/api/programs${id ? `/${id}` : ''}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(id ? { 'if-match': `"v${acknowledged.get(id)!.version}"` } : {}),
      },
      body: JSON.stringify(buildProgramInput({ title })),
    });
    assert.ok(response.ok, `${method} ${title}: ${response.status} ${await response.clone().text()}`);
    const body = (await response.json()) as { id: number; version: number; title: string };
    acknowledged.set(body.id, { title: body.title, version: body.version });
  }

  async function addUser(email: string, role = 'admin') {
    await ctip(
      [
        'users',
        'add',
        '--email',
        email,
        '--name',
        `User ${email}`,
        '--role',
        role,
        ...(role === 'agency_editor' ? ['--agency', 'state-tip'] : []),
        '--password-stdin',
      ],
      password,
    );
    emails.push(email);
  }

  before(async () => {
    server = await startCtipServer({ dataDir });
  });
  after(async () => {
    await server?.kill();
    rmSync(temp, { recursive: true, force: true });
  });

  it('listens for commands on a socket in the data directory that only its user may open', () => {
    const socket = statSync(path.join(dataDir, 'ctip.sock'));
    assert.ok(socket.isSocket());
    assert.equal(socket.mode & 0o777, 0o600);
  });

  it('`ctip users add` creates a user who can sign in at once', async () => {
    await addUser('admin@agency.gov');
    assert.ok(await signIn(server.url, 'admin@agency.gov'), 'signed in without a restart');
  });

  it('CLI writes (users, tokens, an import) and API program edits interleave', async () => {
    const created = await ctip([
      'tokens',
      'create',
      '--user',
      'admin@agency.gov',
      '--name',
      'owner test',
      '--scopes',
      'read,write',
      '--json',
    ]);
    token = (JSON.parse(created.stdout) as { token: string }).token;
    await apiWrite('POST', 'Written through the API 1');
    await addUser('editor@state.gov', 'agency_editor');
    const [firstId] = [...acknowledged.keys()];
    await apiWrite('PUT', 'Written through the API 1, edited', firstId);
    // A relative path means the folder the user ran ctip in, not the server's.
    const imported = await ctip(['import', 'csv', csvFile('five.csv', ['a', 'b', 'c', 'd', 'e']), '--json']);
    assert.equal((JSON.parse(imported.stdout) as { imported: number }).imported, 5);
    for (const number of [1, 2, 3]) {
      await addUser(`user${number}@agency.gov`);
      await apiWrite('POST', `Written through the API after user ${number}`);
    }
    await ctip(['tokens', 'create', '--user', 'editor@state.gov', '--name', 'second', '--json']);
    const listed = JSON.parse((await ctip(['users', 'list', '--json'])).stdout) as { items: { email: string }[] };
    assert.deepEqual(listed.items.map((user) => user.email).sort(), [...emails].sort());
    for (const email of emails) assert.ok(await signIn(server.url, email), `${email} signs in`);
  });

  it('a web write made during a CLI --dry-run import survives', async () => {
    const keys = Array.from({ length: 1500 }, (_, index) => `dry-${index}`);
    const dryRun = runCtipAsync({ args: ['import', 'csv', csvFile('dry.csv', keys), '--dry-run', '--json'], dataDir, cwd: temp });
    let done = false;
    void dryRun.then(() => (done = true));
    let writes = 0;
    while (!done || writes === 0) {
      await apiWrite('POST', `Written during the dry run ${writes}`);
      writes += 1;
    }
    const result = await dryRun;
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { dryRun: boolean; imported: number };
    assert.equal(report.dryRun, true);
    assert.equal(report.imported, 1500);
    for (const [id, expected] of acknowledged) {
      const response = await fetch(`${server.url}/api/programs/${id}`);
      assert.equal(response.status, 200, `program ${id}`);
      assert.equal(((await response.json()) as { title: string }).title, expected.title);
    }
  });

  it('`ctip serve` on the owned directory exits with 7; DATABASE_URL commands are never sent to it', async () => {
    const second = await runCtipAsync({ args: ['serve'], dataDir });
    assert.equal(second.code, 7, second.stderr);
    const url = process.env.CTIP_TEST_POSTGRES_URL;
    if (!url) return;
    // A PostgreSQL server takes many processes: the command runs here, on that server (a bad
    // database name shows it never reached the embedded one).
    const direct = await runCtipAsync({
      args: ['users', 'list'],
      dataDir,
      environment: { DATABASE_URL: url.replace(/\/[^/]*$/, '/ctip_no_such_database') },
    });
    assert.notEqual(direct.code, 0);
    assert.match(direct.stderr, /ctip_no_such_database/);
  });

  it('after a restart every acknowledged write is there and the audit trail and the tables agree', async () => {
    assert.equal(await server.stop(), 0);
    assert.equal(existsSync(path.join(dataDir, 'ctip.sock')), false, 'the socket is removed on shutdown');
    server = await startCtipServer({ dataDir });
    for (const [id, expected] of acknowledged) {
      const response = await fetch(`${server.url}/api/programs/${id}`);
      assert.equal(response.status, 200, `program ${id} after the restart`);
      const body = (await response.json()) as { title: string; version: number };
      assert.deepEqual({ title: body.title, version: body.version }, expected);
    }
    for (const email of emails) assert.ok(await signIn(server.url, email), `${email} signs in after the restart`);
    assert.equal(await server.stop(), 0);

    const handle = await openDatabase({ dataDir });
    try {
      const rows = <T>(query: SQL) => selectRows<T>(handle.db, query);
      const users = await rows<{ id: number; email: string }>(sql`SELECT id, email FROM users ORDER BY id`);
      assert.deepEqual(users.map((user) => user.email).sort(), [...emails].sort());
      const userEvents = await rows<{ entity_id: string }>(
        sql`SELECT entity_id FROM audit_events WHERE entity_type = 'user' AND action = 'create' ORDER BY entity_id::int`,
      );
      assert.deepEqual(
        userEvents.map((event) => Number(event.entity_id)),
        users.map((user) => user.id),
        'one create event per user, none without its user',
      );
      const tokens = await rows<{ id: number }>(sql`SELECT id FROM api_tokens ORDER BY id`);
      const tokenEvents = await rows<{ entity_id: string }>(
        sql`SELECT entity_id FROM audit_events WHERE entity_type = 'api-token' AND action = 'create' ORDER BY entity_id::int`,
      );
      assert.equal(tokens.length, 2);
      assert.deepEqual(
        tokenEvents.map((event) => Number(event.entity_id)),
        tokens.map((row) => row.id),
      );
      const programs = await rows<{ id: number; version: number; history: number; source_key: string | null }>(
        sql`SELECT p.id, p.version, p.source_key, (SELECT count(*)::int FROM program_history h WHERE h.program_id = p.id) AS history FROM programs p ORDER BY p.id`,
      );
      assert.equal(programs.length, acknowledged.size + 5, 'the API writes and the five imported; nothing of the dry run');
      for (const program of programs) assert.equal(program.history, program.version, `program ${program.id}: one history row per version`);
      const runs = await rows<{ count: number }>(sql`SELECT count(*)::int AS count FROM import_runs`);
      assert.equal(runs[0]!.count, 1, 'the import is recorded once, the dry run not at all');
    } finally {
      await handle.close();
    }
  });
});
