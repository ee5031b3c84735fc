import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { createRecommendation, respondToRecommendation } from '../recommendations/recommendations.service.ts';
import { createStrategicPlan } from '../strategic-plans/strategic-plans.service.ts';
import { systemViewer } from '../shared/actor.ts';
import { isChromiumInstalled } from '../testing/browser.ts';
import { testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { money } from '../ui/format.ts';
import { buildAssessment } from './assessment-builder.ts';
import { findDataAsOf } from './assessment-queries.ts';
import type { Assessment } from './assessment.types.ts';
import { renderAssessment } from './render-assessment.ts';
import { excerptPath, prepareAssessmentDatabase } from './testing/assessment-fixture.ts';
import { readZipEntries } from './zip-entries.ts';

const skipBrowser = !isChromiumInstalled() && !process.env.CI ? 'Chromium is not installed: run scripts/install-system-packages.sh' : false;
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const skipPdf =
  skipBrowser ||
  (!hasPdftotext && !process.env.CI ? 'pdftotext (poppler-utils) is not installed: run scripts/install-system-packages.sh' : false);

async function prepare(db: Parameters<typeof prepareAssessmentDatabase>[0]): Promise<void> {
  await prepareAssessmentDatabase(db, excerptPath);
  const actor = testActor;
  const old = await createRecommendation({
    db,
    input: { fiscalYear: 2003, ownerAgencyId: 'state-tip', text: 'Set indicators and targets for every program.' },
    viewer: systemViewer,
    actor,
  });
  await respondToRecommendation({
    db,
    id: old.id,
    input: { text: 'Indicators drafted for new awards.', resultingStatus: 'in_progress' },
    viewer: systemViewer,
    actor,
  });
  await createRecommendation({
    db,
    input: { fiscalYear: 2004, ownerAgencyId: 'doj', text: 'Record prosecutions <by case> & outcome.' },
    viewer: systemViewer,
    actor,
  });
  await createStrategicPlan({
    db,
    input: {
      agencyId: 'state-tip',
      title: 'Protect victims abroad',
      fiscalYearFrom: 2004,
      fiscalYearTo: 2006,
      goals: [{ title: 'Shelters in source countries', activities: [{ title: 'Fund shelters', programIds: [1] }] }],
    },
    viewer: systemViewer,
    actor,
  });
}

describeEachDatabase('Assessment formats', { prepare: ({ db }) => prepare(db) }, (database) => {
  let assessment: Assessment;
  before(async () => {
    assessment = await buildAssessment({ db: database.db, fiscalYear: 2004 });
  });

  it('the same data gives byte-identical HTML and Markdown; only the data-as-of date varies', async () => {
    const again = await buildAssessment({ db: database.db, fiscalYear: 2004 });
    for (const format of ['html', 'md'] as const) {
      const first = await renderAssessment(assessment, format);
      assert.ok(first.equals(await renderAssessment(again, format)), `${format} is byte-identical`);
      const dated = await renderAssessment(await buildAssessment({ db: database.db, fiscalYear: 2004, dataAsOf: '2005-01-31' }), format);
      assert.equal(dated.toString().replaceAll('2005-01-31', assessment.dataAsOf), first.toString(), `${format}: only the date differs`);
    }
    assert.equal(assessment.dataAsOf, await findDataAsOf({ db: database.db }), 'defaults to the latest change in the data');
  });

  it('HTML: standalone, escaped, a table of contents whose anchors all exist, a print stylesheet', async () => {
    const html = (await renderAssessment(assessment, 'html')).toString();
    assert.ok(html.startsWith('<!doctype html><html lang="en">'));
    assert.match(html, /@media print/);
    assert.doesNotMatch(html, /<script|<link /);
    assert.ok(html.includes('Record prosecutions &lt;by case> &amp; outcome.'), 'user text is escaped');
    const anchors = [...html.matchAll(/<a href="#([^"]+)">/g)].map((match) => match[1]!);
    assert.ok(anchors.length >= 20);
    for (const anchor of anchors) assert.ok(html.includes(`id="${anchor}"`), `#${anchor} exists`);
    assert.ok(html.includes('<svg'), 'charts are inline SVG');
  });

  it('says plainly what is not recorded, and carries recommendations, responses and plans', async () => {
    const markdown = (await renderAssessment(assessment, 'md')).toString();
    for (const phrase of [
      'Investigations, prosecutions and convictions are not recorded',
      'No proposal was circulated for clearance among the SPOG agencies in FY',
      'Trainings held and people trained are not recorded',
    ])
      assert.ok(markdown.includes(phrase), phrase);
    assert.ok(markdown.includes('Record prosecutions \\<by case\\> & outcome.'), "this year's recommendation, escaped for Markdown");
    assert.match(
      markdown,
      /Set indicators and targets for every program\. \(owner: .*; status: In progress\)\. Measures taken: .*Indicators drafted for new awards\./,
    );
    assert.match(markdown, /Protect victims abroad.*1 goal.*1 linked program/);
    const empty = (await renderAssessment(await buildAssessment({ db: database.db, fiscalYear: 1999 }), 'md')).toString();
    assert.match(empty, /No domestic program .* is recorded for FY1999/);
    assert.match(empty, /No recommendation of FY1999 is recorded/);
  });

  it(
    'DOCX: a valid package whose XML parts are all well-formed, with headings, tables and chart images',
    { skip: skipBrowser },
    async () => {
      const docx = await renderAssessment(assessment, 'docx');
      const entries = readZipEntries(docx);
      const names = entries.map((entry) => entry.name);
      for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml'])
        assert.ok(names.includes(part), part);
      for (const entry of entries.filter((item) => /\.(xml|rels)$/.test(item.name))) {
        const parser = new SaxesParser();
        assert.doesNotThrow(() => parser.write(entry.data.toString('utf8')).close(), `${entry.name} is well-formed`);
      }
      const document = entries.find((entry) => entry.name === 'word/document.xml')!.data.toString('utf8');
      assert.match(document, /<w:pStyle w:val="Heading1"\/>/);
      assert.match(document, /<w:pStyle w:val="Heading2"\/>/);
      assert.match(document, /<w:tbl>/);
      assert.ok(
        names.some((name) => /^word\/media\/.+\.png$/.test(name)) && names.some((name) => /^word\/media\/.+\.svg$/.test(name)),
        'SVG charts with PNG fallbacks',
      );
      const folder = mkdtempSync(path.join(os.tmpdir(), 'ctip-docx-'));
      try {
        writeFileSync(path.join(folder, 'a.docx'), docx);
        const unzip = spawnSync('unzip', ['-tq', path.join(folder, 'a.docx')], { encoding: 'utf8' });
        if (!unzip.error) assert.equal(unzip.status, 0, unzip.stdout + unzip.stderr);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  );

  it('PDF: tagged, with an outline, page numbers, and the headline figures in its text', { skip: skipPdf }, async () => {
    const pdf = await renderAssessment(assessment, 'pdf');
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.toString('latin1'), /\/StructTreeRoot/, 'tagged');
    assert.match(pdf.toString('latin1'), /\/Outlines/, 'outline');
    const text = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(text.status, 0, text.stderr);
    const { headline } = assessment;
    for (const figure of [
      money(headline.obligatedCents),
      money(headline.internationalCents),
      money(headline.domesticCents),
      `${headline.programs} programs`,
      'Page 1 of',
    ]) {
      assert.ok(text.stdout.includes(figure), `the PDF says ${figure}`);
    }
  });
});
