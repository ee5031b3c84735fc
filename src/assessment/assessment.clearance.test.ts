import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { selectRows } from '../db/select-rows.ts';
import { decideClearance, replyAsProposer, respondToClearance } from '../clearance/clearance.service.ts';
import { createOpenClearance } from '../clearance/testing/clearance-fixtures.ts';
import { publicViewer, systemViewer, type Viewer } from '../shared/actor.ts';
import { fiscalYearOf } from '../shared/money.ts';
import { testActor } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-database.ts';
import { buildAssessment } from './assessment-builder.ts';
import { loadAssessmentData } from './assessment-data.ts';
import type { Assessment } from './assessment.types.ts';
import { renderAssessmentMarkdown } from './render-markdown.ts';
import { excerptPath, findTable, prepareAssessmentDatabase } from './testing/assessment-fixture.ts';

function staffOf(agencyId: string): Viewer {
  return {
    kind: 'user',
    user: {
      id: 0,
      email: `${agencyId}@example.org`,
      name: agencyId,
      role: 'agency_editor',
      agencyId,
      agencyIds: [agencyId],
      organizationId: null,
      scopes: ['read', 'write'],
    },
  };
}

function sectionText(assessment: Assessment, id: string): string {
  const found = assessment.sections.flatMap((section) => section.subsections).find((section) => section.id === id);
  assert.ok(found, `section ${id}`);
  return JSON.stringify(found.blocks);
}

/**
 * The interagency-coordination section reports the clearance reviews circulated in the fiscal
 * year, counted from the records; restricted proposals appear as counts, never by name.
 */
describeEachDatabase(
  'Assessment: clearance reviews of the year',
  { prepare: ({ db }) => prepareAssessmentDatabase(db, excerptPath) },
  (database) => {
    const thisYear = fiscalYearOf(new Date());
    const titles: string[] = [];

    before(async () => {
      const { db } = database;
      const first = await createOpenClearance(db);
      const second = await createOpenClearance(db);
      const third = await createOpenClearance(db);
      const older = await createOpenClearance(db);
      await respondToClearance({
        db,
        reviewId: first.reviewId,
        input: { kind: 'concurrence', text: 'Concur.' },
        actor: testActor,
        viewer: staffOf('dol'),
      });
      await respondToClearance({
        db,
        reviewId: first.reviewId,
        input: { kind: 'objection', text: 'Overlaps.' },
        actor: testActor,
        viewer: staffOf('hhs'),
      });
      await respondToClearance({
        db,
        reviewId: first.reviewId,
        input: { kind: 'comment', text: 'Answered; a comment now.' },
        actor: testActor,
        viewer: staffOf('hhs'),
      });
      await respondToClearance({
        db,
        reviewId: second.reviewId,
        input: { kind: 'objection', text: 'Duplicates ours.' },
        actor: testActor,
        viewer: staffOf('usaid'),
      });
      await replyAsProposer({ db, reviewId: first.reviewId, text: 'Different beneficiaries.', actor: testActor, viewer: systemViewer });
      await decideClearance({
        db,
        reviewId: first.reviewId,
        input: { decision: 'clear', reasons: 'Objection answered.' },
        actor: testActor,
        viewer: systemViewer,
      });
      await decideClearance({
        db,
        reviewId: second.reviewId,
        input: { decision: 'return', reasons: 'Duplicates a USAID award.' },
        actor: testActor,
        viewer: systemViewer,
      });
      // The first is published after clearance; the third stays a restricted, open proposal; the
      // fourth was circulated in an earlier fiscal year.
      await db.execute(sql`UPDATE programs SET visibility = 'public' WHERE id = ${first.programId}`);
      await db.execute(sql`UPDATE clearance_reviews SET circulated_at = '2019-12-01T12:00:00Z' WHERE id = ${older.reviewId}`);
      for (const { programId } of [first, second, third]) {
        const [program] = await selectRows<{ title: string }>(db, sql`SELECT title FROM programs WHERE id = ${programId}`);
        titles.push(program!.title);
      }
    });

    it('counts the year’s reviews, outcomes and positions as the records say', async () => {
      const { db } = database;
      const data = await loadAssessmentData({ db, fiscalYear: thisYear, viewer: publicViewer });
      // Independent of the summary's SQL: the fiscal year computed in JavaScript from the raw rows.
      const raw = await selectRows<{ id: number; status: string; circulated_at: string | Date }>(
        db,
        sql`SELECT id, status, circulated_at FROM clearance_reviews`,
      );
      const ofYear = raw.filter((row) => fiscalYearOf(new Date(row.circulated_at)) === thisYear);
      assert.equal(data.clearance.circulated, ofYear.length);
      assert.equal(ofYear.length, 3);
      assert.deepEqual(
        [data.clearance.cleared, data.clearance.returned, data.clearance.open],
        ['cleared', 'returned']
          .map((status) => ofYear.filter((row) => row.status === status).length)
          .concat(ofYear.filter((row) => ['circulating', 'answered'].includes(row.status)).length),
      );
      const asked = await selectRows<{ review_id: number }>(db, sql`SELECT review_id FROM clearance_circulations`);
      const yearIds = new Set(ofYear.map((row) => row.id));
      assert.equal(data.clearance.requests, asked.filter((row) => yearIds.has(row.review_id)).length);
      assert.ok(data.clearance.requests >= 3 * 3, 'each proposal went to the several SPOG members');
      // hhs's comment supersedes its objection; usaid's objection stands.
      assert.deepEqual(data.clearance.positions, { concurrence: 1, comment: 1, objection: 1, unanswered: data.clearance.requests - 3 });
      assert.equal(data.clearance.responses, 4);
      assert.equal(data.clearance.reviewsWithObjection, 1);
      assert.equal(data.clearance.replies, 1);
      assert.equal(data.clearance.medianDaysToDecision, 0);
      assert.equal(data.clearance.decidedAfterDueDate, 0);
      assert.deepEqual(
        data.clearance.clearedPrograms.map((program) => program.title),
        [titles[0]],
      );

      const earlier = await loadAssessmentData({ db, fiscalYear: 2020, viewer: publicViewer });
      assert.deepEqual([earlier.clearance.circulated, earlier.clearance.open], [1, 1]);
    });

    it('prints counts and the published program, never a pending or returned proposal', async () => {
      const assessment = await buildAssessment({ db: database.db, fiscalYear: thisYear, dataAsOf: '2026-11-28' });
      const text = sectionText(assessment, 'coordination-clearance');
      assert.match(
        text,
        /circulated 3 proposals to the other SPOG member agencies for clearance: 1 cleared, 1 returned to the proposing agency and 1 awaiting a decision/,
      );
      const table = findTable(assessment, 'clearance-by-agency');
      assert.deepEqual(table.rows, [
        [{ text: 'Office to Monitor and Combat Trafficking in Persons' }, { count: 3 }, { count: 1 }, { count: 1 }, { count: 1 }],
      ]);
      const markdown = renderAssessmentMarkdown(assessment);
      assert.ok(markdown.includes(titles[0]!), 'the cleared, published program is named');
      assert.ok(!markdown.includes(titles[1]!) && !markdown.includes(titles[2]!), 'returned and pending proposals are not named');
    });

    it('says plainly when no proposal was circulated in the year', async () => {
      const assessment = await buildAssessment({ db: database.db, fiscalYear: 2004, dataAsOf: '2026-11-28' });
      assert.match(
        sectionText(assessment, 'coordination-clearance'),
        /No proposal was circulated for clearance among the SPOG agencies in FY2004/,
      );
    });
  },
);
