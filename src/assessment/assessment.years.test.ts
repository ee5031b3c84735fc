import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app/app.ts';
import { rateLimitOff } from '../http/rate-limit.ts';
import { isChromiumInstalled } from '../testing/browser.ts';
import { runCtipInProcess } from '../testing/cli-in-process.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { describeYears } from './assessment-years.ts';
import { excerptPath, prepareAssessmentDatabase } from './testing/assessment-fixture.ts';

const skipBrowser = !isChromiumInstalled() && !process.env.CI ? 'Chromium is not installed: run scripts/install-system-packages.sh' : false;
const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-assessment-years-'));
after(() => rmSync(folder, { recursive: true, force: true }));

// The excerpt's public programs have obligations in FY2002–FY2007, FY2009–FY2010 and FY2014: none in FY2008.
const covered = 'The data cover FY2002–FY2007, FY2009–FY2010, FY2014.';

describe('describeYears', () => {
  it('joins consecutive years into ranges, oldest first', () => {
    assert.equal(describeYears([2014, 2001, 2002, 2003, 2005, 2013]), 'FY2001–FY2003, FY2005, FY2013–FY2014');
    assert.equal(describeYears([]), '');
  });
});

describeEachDatabase(
  'an Assessment of a year without data',
  { prepare: ({ db }) => prepareAssessmentDatabase(db, excerptPath) },
  (database) => {
    let app: FastifyInstance;
    before(async () => {
      app = await buildApp({
        db: database.db,
        config: { bodyLimit: 65_536, apiToken: undefined, logLevel: 'silent', rateLimit: rateLimitOff },
        logger: false,
      });
    });
    after(async () => app?.close());

    it('is refused by the CLI with exit code 2, naming the years the data cover; nothing is written', async () => {
      const out = path.join(folder, 'fy2008.md');
      const result = await runCtipInProcess({
        args: ['assessment', '--fy', '2008', '--format', 'md', '--out', out],
        handle: database.handle,
      });
      assert.equal(result.code, 2);
      assert.equal(result.stderr, `error: There is no Assessment for FY2008: no program is recorded for that year. ${covered}\n`);
      assert.throws(() => readFileSync(out));
      const json = await runCtipInProcess({ args: ['assessment', '--fy', '1995', '--format', 'md'], handle: database.handle });
      assert.equal(json.code, 2);
      assert.match(json.stderr, /no Assessment for FY1995/);
    });

    it('is a 404 page and a 404 file naming the years the data cover', async () => {
      const page = await app.inject({ url: '/assessment?fiscalYear=2008', headers: { accept: 'text/html' } });
      assert.equal(page.statusCode, 404);
      assert.ok(page.body.includes('There is no Assessment for FY2008'), page.body.slice(0, 500));
      assert.ok(page.body.includes('FY2002–FY2007, FY2009–FY2010, FY2014'));
      for (const extension of ['html', 'md', 'pdf']) {
        const file = await app.inject(`/assessment/2008.${extension}`);
        assert.equal(file.statusCode, 404, extension);
        assert.ok(file.body.includes('FY2002–FY2007, FY2009–FY2010, FY2014'), extension);
      }
      assert.equal((await app.inject('/assessment?fiscalYear=2004')).statusCode, 200);
    });

    it('a year with data gives a PDF whose properties name the report, its author and ctip', { skip: skipBrowser }, async () => {
      const result = await runCtipInProcess({
        args: ['assessment', '--fy', '2004', '--format', 'pdf', '--out', path.join(folder, 'fy2004.pdf')],
        handle: database.handle,
        cwd: folder,
      });
      assert.equal(result.code, 0, result.stderr);
      const pdf = readFileSync(path.join(folder, 'fy2004.pdf')).toString('latin1');
      const info = /(\d+) 0 obj\n<<\/Title <([0-9A-F]+)>\n\/Author <([0-9A-F]+)>\n\/Subject <([0-9A-F]+)>\n\/Creator <([0-9A-F]+)>/.exec(
        pdf,
      );
      assert.ok(info, 'an information dictionary');
      assert.match(pdf, new RegExp(`/Info ${info[1]} 0 R\\n/Prev \\d+>>\\nstartxref\\n\\d+\\n%%EOF\\n$`));
      const text = (hex: string) => Buffer.from(hex.slice(4), 'hex').swap16().toString('utf16le');
      assert.equal(text(info[2]!), 'Assessment of U.S. Government Activities to Combat Trafficking in Persons, Fiscal Year 2004');
      assert.equal(text(info[3]!), "President's Interagency Task Force to Monitor and Combat Trafficking in Persons");
      assert.match(
        text(info[4]!),
        /^U\.S\. Government programs against trafficking in persons in fiscal year 2004 \(1 October 2003 to 30 September 2004\)/,
      );
      assert.equal(text(info[5]!), 'ctip');
    });
  },
);
