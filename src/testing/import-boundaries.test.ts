import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const config = path.join(root, '.dependency-cruiser.cjs');
const cruiser = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** Runs the import-boundary linter (`npm run lint`) on `src` of the folder `cwd`. */
function lint(cwd: string) {
  const result = spawnSync(process.execPath, [cruiser, 'src', '--config', config, '--output-type', 'err'], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A tree with one wrong import per rule, beside modules that break none. */
const wrongTree: Record<string, string> = {
  'src/shared/money.ts': 'export const cents = 100;\n',
  'src/shared/leak.ts': "import { searchPrograms } from '../programs/programs.service.ts';\nexport const leak = searchPrograms;\n",
  'src/db/database.ts': "import { cents } from '../shared/money.ts';\nexport const db = cents;\n",
  'src/db/uses-policy.ts': "import { canSee } from '../policy/policy.ts';\nexport const x = canSee;\n",
  'src/policy/policy.ts': "import { db } from '../db/database.ts';\nexport const canSee = db > 0;\n",
  'src/policy/uses-http.ts': "import { contextOf } from '../http/request-context.ts';\nexport const y = contextOf;\n",
  'src/http/request-context.ts': "import { canSee } from '../policy/policy.ts';\nexport const contextOf = canSee;\n",
  'src/http/uses-ui.ts': "import { layout } from '../ui/layout.ts';\nexport const z = layout;\n",
  'src/ui/layout.ts':
    "import { contextOf } from '../http/request-context.ts';\nimport { searchPrograms } from '../programs/programs.service.ts';\nexport const layout = [contextOf, searchPrograms];\n",
  'src/cli/cli-context.ts': "import { buildApp } from '../app/app.ts';\nexport const withDatabase = buildApp;\n",
  'src/programs/programs.service.ts': "import { canSee } from '../policy/policy.ts';\nexport const searchPrograms = () => canSee;\n",
  'src/programs/programs.routes.ts':
    "import { buildApp } from '../app/app.ts';\nimport { fixture } from '../testing/fixtures.ts';\nexport const routes = [buildApp, fixture];\n",
  'src/programs/programs.test.ts':
    "import { buildApp } from '../app/app.ts';\nimport { fixture } from '../testing/fixtures.ts';\nexport const fine = [buildApp, fixture];\n",
  'src/stats/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
  'src/stats/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
  'src/testing/fixtures.ts': "import { searchPrograms } from '../programs/programs.service.ts';\nexport const fixture = searchPrograms;\n",
  'src/app/app.ts':
    "import { searchPrograms } from '../programs/programs.service.ts';\nimport { layout } from '../ui/layout.ts';\nexport const buildApp = () => [searchPrograms, layout];\n",
};

describe('import-boundary linter', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'ctip-boundaries-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('fails on each kind of wrong import, naming the rule and the import', () => {
    for (const [file, text] of Object.entries(wrongTree)) {
      mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      writeFileSync(path.join(folder, file), text);
    }
    writeFileSync(
      path.join(folder, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true },
      }),
    );
    const { code, output } = lint(folder);
    assert.notEqual(code, 0, output);
    const expected: [string, string][] = [
      ['shared-at-the-bottom', 'src/shared/leak.ts → src/programs/programs.service.ts'],
      ['db-above-shared', 'src/db/uses-policy.ts → src/policy/policy.ts'],
      ['policy-above-db', 'src/policy/uses-http.ts → src/http/request-context.ts'],
      ['http-toolkit-no-features', 'src/http/uses-ui.ts → src/ui/layout.ts'],
      ['ui-toolkit-no-features', 'src/ui/layout.ts → src/programs/programs.service.ts'],
      ['cli-toolkit-no-features', 'src/cli/cli-context.ts → src/app/app.ts'],
      ['features-never-import-app', 'src/programs/programs.routes.ts → src/app/app.ts'],
      ['no-test-code-in-production', 'src/programs/programs.routes.ts → src/testing/fixtures.ts'],
      ['no-cycles', 'src/stats/a.ts'],
    ];
    for (const [rule, where] of expected) {
      assert.ok(
        output.split('\n').some((line) => line.includes(`error ${rule}:`) && line.includes(where)),
        `expected ${rule} on ${where} in:\n${output}`,
      );
    }
    // What the layers allow is not reported: a test importing app/ and src/testing/, the UI using http/.
    assert.doesNotMatch(output, /programs\.test\.ts/);
    assert.doesNotMatch(output, /src\/ui\/layout\.ts → src\/http/);
    assert.doesNotMatch(output, /src\/app\/app\.ts →/);
  });

  test('passes on the real tree', () => {
    const { code, output } = lint(root);
    assert.equal(code, 0, output);
    assert.match(output, /no dependency violations found/);
  });
});
