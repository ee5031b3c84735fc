import type { Executor } from '../db/database.ts';
import { publicViewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { loadAssessmentData, type AssessmentData } from './assessment-data.ts';
import type { Assessment } from './assessment.types.ts';
import { buildDomesticSection, buildOutreachSection, buildProsecutionSection } from './sections-activities.ts';
import { buildCoordinationSection, buildRecommendationsSection } from './sections-coordination.ts';
import { buildInternationalSection } from './sections-international.ts';
import { buildNotesSection } from './sections-notes.ts';
import { buildSummarySection, computeHeadline } from './sections-summary.ts';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Checks an explicit "data as of" date: YYYY-MM-DD and a real day. */
export function parseDataAsOf(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!isoDate.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `The data-as-of date must be a day in the form YYYY-MM-DD, not '${value}'`,
      details: [{ field: 'dataAsOf', message: 'must be YYYY-MM-DD' }],
    });
  }
  return value;
}

/** Builds the report from the loaded data: pure, so the same data gives the same report. */
export function composeAssessment(data: AssessmentData, options: { dataAsOf?: string } = {}): Assessment {
  const headline = computeHeadline(data);
  return {
    fiscalYear: data.fiscalYear,
    title: `Assessment of U.S. Government Activities to Combat Trafficking in Persons, Fiscal Year ${data.fiscalYear}`,
    dataAsOf: options.dataAsOf ?? data.dataAsOf ?? 'no data recorded',
    headline,
    sections: [
      buildSummarySection(data, headline),
      buildInternationalSection(data),
      buildDomesticSection(data),
      buildProsecutionSection(data),
      buildOutreachSection(data),
      buildCoordinationSection(data),
      buildRecommendationsSection(data),
      buildNotesSection(data, headline),
    ],
  };
}

/**
 * The annual Assessment of a fiscal year, generated from the records. It is a published
 * document, so it reads as the public does (`publicViewer`): restricted proposals never enter
 * it. `dataAsOf` (YYYY-MM-DD) defaults to the latest change recorded in the data, not today, so
 * reruns on the same data give the same bytes.
 */
export async function buildAssessment(options: { db: Executor; fiscalYear: number; dataAsOf?: string }): Promise<Assessment> {
  if (!Number.isInteger(options.fiscalYear) || options.fiscalYear < 1990 || options.fiscalYear > 2100) {
    throw new AppError({
      code: 'VALIDATION_FAILED',
      message: `The fiscal year must be a whole number from 1990 to 2100, not '${options.fiscalYear}'`,
      details: [{ field: 'fy', message: 'must be 1990–2100' }],
    });
  }
  const dataAsOf = options.dataAsOf === undefined ? undefined : parseDataAsOf(options.dataAsOf);
  const data = await loadAssessmentData({ db: options.db, fiscalYear: options.fiscalYear, viewer: publicViewer });
  return composeAssessment(data, { dataAsOf });
}
