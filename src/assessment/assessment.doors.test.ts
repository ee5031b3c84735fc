import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app/app.ts';
import { rateLimitOff } from '../http/rate-limit.ts';
import { prepareDatabase } from '../app/prepare-database.ts';
import { runCtipInProcess } from '../testing/cli-in-process.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { buildAssessment } from './assessment-builder.ts';
import { renderAssessment } from './render-assessment.ts';
import { excerptPath, prepareAssessmentDatabase } from './testing/assessment-fixture.ts';

describeEachDatabase('Assessment page and downloads', { prepare: ({ db }) => prepareAssessmentDatabase(db, excerptPath) }, (database) => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildApp({
      db: database.db,
      config: { bodyLimit: 65_536, apiToken: undefined, logLevel: 'silent', rateLimit: rateLimitOff },
      logger: false,
    });
  });
  after(async () => app?.close());

  it('/assessment?fiscalYear=2004 shows the headline and links every format', async () => {
    const page = await app.inject('/assessment?fiscalYear=2004');
    assert.equal(page.statusCode, 200);
    for (const extension of ['html', 'md', 'docx', 'pdf']) assert.ok(page.body.includes(`href="/assessment/2004.${extension}"`), extension);
    assert.match(page.body, /<option value="2004" selected/);
    assert.equal((await app.inject('/assessment')).statusCode, 200, 'defaults to the latest year');
  });

  it('/assessment/2004.md and .html are the renderers’ bytes, with the right types', async () => {
    const expected = await renderAssessment(await buildAssessment({ db: database.db, fiscalYear: 2004 }), 'md');
    const markdown = await app.inject('/assessment/2004.md');
    assert.equal(markdown.statusCode, 200);
    assert.match(markdown.headers['content-type'] as string, /^text\/markdown/);
    assert.match(markdown.headers['content-disposition'] as string, /attachment; filename="ctip-assessment-fy2004\.md"/);
    assert.ok(markdown.rawPayload.equals(expected));
    const html = await app.inject('/assessment/2004.html');
    assert.match(html.headers['content-type'] as string, /^text\/html/);
    assert.match(html.body, /<nav aria-labelledby="contents-heading"/);
  });

  it('bad years and formats get a 400 or 404 page, never a crash', async () => {
    assert.equal((await app.inject('/assessment?fiscalYear=20x4')).statusCode, 400);
    assert.equal((await app.inject('/assessment?fiscalYear=1800')).statusCode, 400);
    assert.equal((await app.inject('/assessment/2004.exe')).statusCode, 400);
    assert.equal((await app.inject('/assessment/0999.md')).statusCode, 400);
  });
});

// The command tree in this process (src/testing/cli-in-process.ts), on a database prepared as `ctip` prepares it.
describeEachDatabase('ctip assessment', { prepare: prepareDatabase }, (database) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ctip-assessment-cli-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const run = (args: string[]) => runCtipInProcess({ args, handle: database.handle });
  // An Assessment is made only for a year with programs: load the excerpt's.
  before(async () => {
    const loaded = await run(['import', 'tip-grants', excerptPath]);
    assert.equal(loaded.code, 0, loaded.stderr);
  });

  it('refuses bad flags with a clear message and exit code 2', async () => {
    for (const [args, message] of [
      [['assessment', '--fy', 'soon'], /--fiscal-year soon/],
      [['assessment', '--fy', '2004', '--format', 'rtf'], /--format rtf: must be one of html, md, docx, pdf/],
      [['assessment', '--fy', '2004', '--format', 'pdf'], /give --out FILE/],
      [['assessment', '--fy', '2004', '--data-as-of', '2004-02-30'], /YYYY-MM-DD/],
    ] as const) {
      const result = await run([...args]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/);
    }
  });

  it('writes the Markdown of a year to a file, with the explicit data-as-of date', async () => {
    const out = path.join(dataDir, 'fy2004.md');
    const result = await run(['assessment', '--fy', '2004', '--format', 'md', '--out', out, '--data-as-of', '2005-01-31']);
    assert.equal(result.code, 0, result.stderr);
    const markdown = readFileSync(out, 'utf8');
    assert.match(markdown, /^# Assessment of U\.S\. Government Activities to Combat Trafficking in Persons, Fiscal Year 2004/);
    assert.match(markdown, /Data as of 2005-01-31\./);
    const listed = await run(['recommendations', 'list', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), { items: [] });
  });

  it('ctip recommendations add|respond and plans add|list record through the same services', async () => {
    const added = await run(['recommendations', 'add', '--fy', '2004', '--agency', 'doj', '--text', 'Record case outcomes.', '--json']);
    assert.equal(added.code, 0, added.stderr);
    const id = String(JSON.parse(added.stdout).id);
    const responded = await run(['recommendations', 'respond', id, '--status', 'implemented', '--text', 'Done.']);
    assert.equal(responded.code, 0, responded.stderr);
    assert.match(responded.stdout, /\[Implemented\].*\n.*Done\./);
    const badStatus = await run(['recommendations', 'respond', id, '--status', 'finished', '--text', 'x']);
    assert.equal(badStatus.code, 2);
    assert.match(badStatus.stderr, /resultingStatus/);
    const planFile = path.join(dataDir, 'plan.json');
    writeFileSync(
      planFile,
      JSON.stringify({
        agencyId: 'doj',
        title: 'Justice plan',
        fiscalYearFrom: 2004,
        fiscalYearTo: 2005,
        goals: [{ title: 'Prosecute traffickers' }],
      }),
    );
    const plan = await run(['plans', 'add', planFile]);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match((await run(['plans', 'list', '--fy', '2005'])).stdout, /Justice plan/);
    writeFileSync(planFile, '{ not json');
    const broken = await run(['plans', 'add', planFile]);
    assert.equal(broken.code, 3);
    assert.match(broken.stderr, /is not valid JSON/);
  });
});
