import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { readCtipVersion } from './program.ts';

const root = path.resolve(import.meta.dirname, '../..');
// Inside the project, as dist/ is: the built files find node_modules from there.
mkdirSync(path.join(root, 'tmp'), { recursive: true });
const outdir = mkdtempSync(path.join(root, 'tmp', 'build-test-'));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ctip-build-test-'));
const environment = {
  ...process.env,
  CTIP_DATA_DIR: dataDir,
  DATABASE_URL: '',
  CTIP_LOG_LEVEL: 'silent',
  PORT: '0',
  HOST: '127.0.0.1',
};

function runBuilt(args: string[]) {
  return spawnSync(process.execPath, [path.join(outdir, 'main.js'), ...args], { cwd: root, env: environment, encoding: 'utf8' });
}

describe('the build (scripts/build.mjs)', () => {
  before(() => {
    const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), outdir], { cwd: root, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
  });
  after(() => {
    rmSync(outdir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('answers --version and --help', () => {
    const version = runBuilt(['--version']);
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), readCtipVersion());
    const help = runBuilt(['--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /assessment \[options\]/);
    assert.match(help.stdout, /open the database first/);
  });

  test('every file the source finds beside itself is found from the built files', () => {
    const located = readdirSync(outdir)
      .filter((name) => name.endsWith('.js'))
      .flatMap((name) => {
        const code = readFileSync(path.join(outdir, name), 'utf8');
        const sources = [...code.matchAll(/new URL\("([^"]+)", import\.meta\.url\)\.href/g)].map((match) => match[1]!);
        return sources.map((source) => new URL(source, `file://${outdir}/${name}`).href);
      });
    // The migrations, the IATI schema, the stylesheet, the demo data and package.json are read through these.
    assert.ok(located.some((url) => url.endsWith('/src/db/database.ts')));
    assert.ok(located.some((url) => url.endsWith('/src/exports/validate-iati.ts')));
    assert.ok(located.some((url) => url.endsWith('/src/ui/stylesheets.ts')));
    assert.ok(located.some((url) => url.endsWith('/src/app/serve.cli.ts')));
    for (const url of located) assert.ok(existsSync(fileURLToPath(url)), url);
  });

  test('serves from the built files: migrations applied, the stylesheet and a page', async () => {
    const server = spawn(process.execPath, [path.join(outdir, 'main.js'), 'serve'], {
      cwd: root,
      env: environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout.on('data', (chunk) => (output += chunk));
    server.stderr.on('data', (chunk) => (output += chunk));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', () => {
          const match = /serving on (http:\/\/[\d.]+:\d+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        server.on('exit', () => reject(new Error(`the built server exited:\n${output}`)));
      });
      const ready = await fetch(`${base}/readyz`);
      assert.equal(ready.status, 200, await ready.clone().text());
      assert.equal(((await ready.json()) as { status: string }).status, 'ready');
      const css = await fetch(`${base}/assets/site.css`);
      assert.equal(css.status, 200);
      assert.equal(await css.text(), readFileSync(path.join(root, 'src/ui/site.css'), 'utf8'));
      const page = await fetch(`${base}/about`);
      assert.equal(page.status, 200);
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  });
});
