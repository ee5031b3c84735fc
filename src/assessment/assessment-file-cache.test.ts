import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createRecommendation } from '../recommendations/recommendations.service.ts';
import { buildApp } from '../app/app.ts';
import { rateLimitOff } from '../http/rate-limit.ts';
import { systemViewer } from '../shared/actor.ts';
import { testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { buildAssessment } from './assessment-builder.ts';
import { createAssessmentFileCache } from './assessment-file-cache.ts';
import type { Assessment } from './assessment.types.ts';
import type { AssessmentFormat } from './render-assessment.ts';
import { excerptPath, prepareAssessmentDatabase } from './testing/assessment-fixture.ts';

/** A renderer that counts its calls and can be held open, standing in for Chromium. */
function countingRenderer() {
  const calls: string[] = [];
  let running = 0;
  let mostAtOnce = 0;
  let release: (() => void) | undefined;
  let gate: Promise<void> = Promise.resolve();
  return {
    calls,
    mostAtOnce: () => mostAtOnce,
    hold() {
      gate = new Promise<void>((resolve) => (release = resolve));
    },
    open() {
      release?.();
    },
    async render(assessment: Assessment, format: AssessmentFormat): Promise<Buffer> {
      calls.push(`${assessment.fiscalYear}.${format}`);
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await gate;
      running -= 1;
      if (format === 'pdf' && assessment.fiscalYear === 1999) throw new Error('Chromium crashed');
      return Buffer.from(`${format} of FY${assessment.fiscalYear} as of ${assessment.dataAsOf}`.padEnd(100, '.'));
    },
  };
}

describeEachDatabase(
  'Assessment files rendered once per content',
  { prepare: ({ db }) => prepareAssessmentDatabase(db, excerptPath) },
  (database) => {
    let fy2004: Assessment;
    let fy2005: Assessment;
    before(async () => {
      fy2004 = await buildAssessment({ db: database.db, fiscalYear: 2004, dataAsOf: '2026-11-28' });
      fy2005 = await buildAssessment({ db: database.db, fiscalYear: 2005, dataAsOf: '2026-11-28' });
    });

    it('the same report is rendered once; another year, format or "data as of" is rendered anew', async () => {
      const renderer = countingRenderer();
      const cache = createAssessmentFileCache({ render: renderer.render });
      const first = await cache.get(fy2004, 'pdf');
      const again = await cache.get(await buildAssessment({ db: database.db, fiscalYear: 2004, dataAsOf: '2026-11-28' }), 'pdf');
      assert.ok(first.bytes.equals(again.bytes));
      assert.equal(first.etag, again.etag);
      assert.deepEqual(renderer.calls, ['2004.pdf']);
      await cache.get(fy2004, 'docx');
      await cache.get(fy2005, 'pdf');
      const later = await cache.get(await buildAssessment({ db: database.db, fiscalYear: 2004, dataAsOf: '2026-11-29' }), 'pdf');
      assert.notEqual(later.etag, first.etag);
      assert.deepEqual(renderer.calls, ['2004.pdf', '2004.docx', '2005.pdf', '2004.pdf']);
    });

    it('changed data changes the key, so no stale file is served', async () => {
      const renderer = countingRenderer();
      const cache = createAssessmentFileCache({ render: renderer.render });
      const before = await cache.get(await buildAssessment({ db: database.db, fiscalYear: 2005, dataAsOf: '2026-11-28' }), 'docx');
      await createRecommendation({
        db: database.db,
        input: { fiscalYear: 2005, text: 'Fund reintegration follow-up.', ownerAgencyId: 'state-tip' },
        viewer: systemViewer,
        actor: testActor,
      });
      const after = await cache.get(await buildAssessment({ db: database.db, fiscalYear: 2005, dataAsOf: '2026-11-28' }), 'docx');
      assert.notEqual(after.etag, before.etag);
      assert.equal(renderer.calls.length, 2);
    });

    it('concurrent requests share one rendering, and renderings run one at a time', async () => {
      const renderer = countingRenderer();
      const cache = createAssessmentFileCache({ render: renderer.render, parallelRenders: 1 });
      renderer.hold();
      const requests = [cache.get(fy2004, 'pdf'), cache.get(fy2004, 'pdf'), cache.get(fy2005, 'pdf'), cache.get(fy2004, 'docx')];
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(cache.stats().rendering, 3);
      renderer.open();
      const results = await Promise.all(requests);
      assert.ok(results[0]!.bytes.equals(results[1]!.bytes));
      assert.deepEqual(renderer.calls.sort(), ['2004.docx', '2004.pdf', '2005.pdf']);
      assert.equal(renderer.mostAtOnce(), 1);
      assert.deepEqual(cache.stats().rendering, 0);
    });

    it('a failed rendering is not kept: the next request tries again', async () => {
      const renderer = countingRenderer();
      const cache = createAssessmentFileCache({ render: renderer.render });
      const empty = await buildAssessment({ db: database.db, fiscalYear: 1999, dataAsOf: '2026-11-28' });
      await assert.rejects(cache.get(empty, 'pdf'), /Chromium crashed/);
      await assert.rejects(cache.get(empty, 'pdf'), /Chromium crashed/);
      assert.equal(renderer.calls.length, 2);
      assert.equal(cache.stats().files, 0);
    });

    it('beyond its size the least recently used file is dropped', async () => {
      const renderer = countingRenderer();
      const cache = createAssessmentFileCache({ render: renderer.render, maxBytes: 250 });
      await cache.get(fy2004, 'pdf');
      await cache.get(fy2005, 'pdf');
      await cache.get(fy2004, 'pdf'); // used again: now the most recent
      await cache.get(fy2004, 'docx'); // a third file of 100 bytes: FY2005's PDF goes
      assert.deepEqual(cache.stats(), { files: 2, bytes: 200, rendering: 0 });
      await cache.get(fy2004, 'pdf');
      assert.equal(renderer.calls.filter((call) => call === '2004.pdf').length, 1);
      await cache.get(fy2005, 'pdf');
      assert.equal(renderer.calls.filter((call) => call === '2005.pdf').length, 2);
    });

    let app: FastifyInstance | undefined;
    after(async () => app?.close());

    it('downloads carry an entity tag; asking again with it answers 304 without a body', async () => {
      app = await buildApp({
        db: database.db,
        config: { bodyLimit: 65_536, apiToken: undefined, logLevel: 'silent', rateLimit: rateLimitOff },
        logger: false,
      });
      const first = await app.inject('/assessment/2004.md');
      assert.equal(first.statusCode, 200);
      const etag = first.headers.etag as string;
      assert.match(etag, /^"md-[\w-]+"$/);
      assert.equal(first.headers['cache-control'], 'no-cache');
      const again = await app.inject({ url: '/assessment/2004.md', headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      const stale = await app.inject({ url: '/assessment/2004.md', headers: { 'if-none-match': '"md-stale"' } });
      assert.equal(stale.statusCode, 200);
      assert.ok(stale.rawPayload.equals(first.rawPayload));
    });
  },
);
