import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/database.ts';
import type { CandidateFeatures } from '../src/coordination/overlap-candidates.ts';
import { buildDraftContext } from '../src/coordination/overlap-context.ts';
import { scoreCandidate } from '../src/coordination/overlap-score.ts';
import { trigramSimilarity, trigramsOf } from '../src/coordination/trigrams.ts';
import type { ProgramInput } from '../src/programs/program.schemas.ts';

/** Every program's features held in memory, with the trigrams of its title and description. */
export type LoadedFeatures = (CandidateFeatures & { titleTrigrams: Set<string>; descriptionTrigrams: Set<string> })[];

/** Loads the features of every program in one statement (the baseline's set-up, timed apart). */
export async function loadAllFeatures(db: Database): Promise<LoadedFeatures> {
  const result = (await db.execute(sql`SELECT p.id, p.title, coalesce(p.description, '') AS description, p.funding_agency_id,
      p.start_date::text AS start_date, p.end_date::text AS end_date,
      ARRAY(SELECT organization_id FROM program_partners x WHERE x.program_id = p.id) AS partner_ids,
      ARRAY(SELECT country_code FROM program_places x WHERE x.program_id = p.id AND country_code IS NOT NULL) AS countries,
      ARRAY(SELECT region_code FROM program_places x WHERE x.program_id = p.id AND region_code IS NOT NULL) AS regions,
      ARRAY(SELECT vocabulary || ':' || code FROM program_terms x WHERE x.program_id = p.id AND vocabulary IN ('assistance-type', 'pillar')) AS terms,
      ARRAY(SELECT fiscal_year FROM program_obligations x WHERE x.program_id = p.id) AS years,
      ARRAY(SELECT amount_cents::text FROM program_obligations x WHERE x.program_id = p.id AND amount_cents > 0) AS amounts
    FROM programs p`)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows.map((row) => ({
    id: Number(row.id),
    title: String(row.title),
    agencyId: String(row.funding_agency_id),
    partnerIds: (row.partner_ids as unknown[]).map(Number),
    countries: (row.countries as unknown[]).map(String),
    regions: (row.regions as unknown[]).map(String),
    terms: (row.terms as unknown[]).map(String),
    years: (row.years as unknown[]).map(Number),
    amounts: (row.amounts as unknown[]).map((amount) => BigInt(String(amount))),
    startDate: (row.start_date as string | null) ?? null,
    endDate: (row.end_date as string | null) ?? null,
    titleSimilarity: 0,
    descriptionSimilarity: 0,
    fullTextRank: 0,
    titleTrigrams: trigramsOf(String(row.title)),
    descriptionTrigrams: trigramsOf(String(row.description)),
  }));
}

/**
 * The brute-force check: every program scored in JavaScript with the same scoring as the check
 * (trigram similarity computed here, no full-text rank), no index, then the top `limit`.
 */
export async function checkBruteForce(db: Database, draft: ProgramInput, programs: LoadedFeatures, limit = 10): Promise<number[]> {
  const context = await buildDraftContext(db, draft);
  const title = trigramsOf(draft.title);
  const description = trigramsOf(draft.description ?? '');
  const scored = programs.map((program) => {
    const features = {
      ...program,
      titleSimilarity: trigramSimilarity(title, program.titleTrigrams),
      descriptionSimilarity: trigramSimilarity(description, program.descriptionTrigrams),
    };
    return scoreCandidate(context, features, 1);
  });
  return scored
    .sort((left, right) => right.exactScore - left.exactScore || left.programId - right.programId)
    .slice(0, limit)
    .map((match) => match.programId);
}
