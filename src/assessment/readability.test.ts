import assert from 'node:assert/strict';
import { test } from 'node:test';
import { breakdownTable, groupLines, notice, paragraph, programTitle, section } from './assessment-blocks.ts';
import { assessmentCss } from './assessment-css.ts';
import type { Assessment } from './assessment.types.ts';
import { renderAssessmentHtml } from './render-html.tsx';
import { cellText } from './render-shared.ts';

/** Issue 13, item 16 (and item 1 in the report's tables): what a reader of the printed Assessment sees. */

const headline = {
  programs: 0,
  obligatedCents: '0',
  internationalPrograms: 0,
  internationalCents: '0',
  countriesNamed: 0,
  countriesReached: 0,
  countriesAndRegions: 0,
  domesticPrograms: 0,
  domesticCents: '0',
  unknownAmountPrograms: 0,
  regionalPrograms: 0,
  previousYear: null,
  fourYears: { from: 2001, to: 2004, obligatedCents: '0', programs: 0 },
};

test('a section with no records is one line and takes no page of its own', () => {
  const assessment: Assessment = {
    fiscalYear: 2004,
    title: 'Assessment',
    dataAsOf: '2026-01-01',
    headline,
    sections: [
      section('summary', 'Summary', [paragraph('Figures.')]),
      section('domestic', 'Domestic programs', [notice('No domestic program is recorded for FY2004.')]),
    ],
  };
  const html = renderAssessmentHtml(assessment);
  assert.match(html, /<section aria-labelledby="domestic-heading" class="level-1 empty">/);
  assert.match(html, /<section aria-labelledby="summary-heading" class="level-1">/);
  assert.match(assessmentCss, /section\.level-1\.empty \{ break-before: auto; \}/);
  assert.match(assessmentCss, /thead \{ display: table-header-group; break-inside: avoid; break-after: avoid; \}/);
  assert.match(assessmentCss, /h2, h3, caption, figcaption \{ break-after: avoid; \}/);
});

test('repeated source rows are one entry with their count; a missing recipient says the source names none', () => {
  const lines = [...Array.from({ length: 19 }, () => ({ title: 'UNIFEM — India, FY2005', cents: 100n })), { title: 'Other', cents: null }];
  const groups = groupLines(lines, (line) => line.title);
  assert.deepEqual(
    groups.map((group) => [group.line.title, group.programs, group.cents]),
    [
      ['UNIFEM — India, FY2005', 19, 1900n],
      ['Other', 1, null],
    ],
  );
  assert.equal(programTitle('Unnamed recipient — Nepal, FY2004'), 'Recipient not named in the source — Nepal, FY2004');
  assert.equal(programTitle('UNIFEM — India, FY2005'), 'UNIFEM — India, FY2005');
});

test('a table row none of whose programs has a known amount reads "not known", and the note counts them', () => {
  const block = breakdownTable({
    id: 't',
    caption: 'By partner',
    label: 'Partner',
    breakdown: {
      dimension: 'partner',
      fiscalYearFrom: 2002,
      fiscalYearTo: 2002,
      method: 'allocated',
      totalUsd: 10,
      totalCents: '1000',
      programsWithoutAmount: 7,
      rows: [
        {
          key: '1',
          kind: 'country',
          label: 'Known',
          programs: 1,
          obligatedUsd: 10,
          obligatedCents: '1000',
          programsWithoutAmount: 0,
          amountKnown: true,
        },
        {
          key: '2',
          kind: 'country',
          label: 'Yugoslavia',
          programs: 7,
          obligatedUsd: 0,
          obligatedCents: '0',
          programsWithoutAmount: 7,
          amountKnown: false,
        },
      ],
    },
  });
  assert.ok(block.kind === 'table');
  assert.deepEqual(block.rows[1]!.map(cellText), ['Yugoslavia', '7', 'not known', 'not known']);
  assert.match(block.note ?? '', /7 programs have no known amount/);
});
