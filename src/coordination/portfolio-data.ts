import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import { visibleProgramsSql } from '../policy/policy.ts';
import type { Viewer } from '../shared/actor.ts';
import { groupBy } from '../shared/group-by.ts';
import { agencyLabels } from './overlap-context.ts';
import { contentText, trigramsOf } from './trigrams.ts';

/** One program of the report's fiscal-year range, as the pair search needs it. */
export type PortfolioProgram = {
  id: number;
  title: string;
  agencyId: string;
  agencyLabel: string;
  /** Obligations in the report's range, exact. */
  obligatedCents: bigint;
  years: number[];
  places: { code: string; name: string }[];
  partners: { id: number; name: string }[];
  terms: { key: string; name: string }[];
  /** The title's content (contentText) as a number: programs with the same content share one id and one trigram set. */
  contentId: number;
  trigrams: Set<string>;
};

const programIdOf = (row: Record<string, unknown>) => Number(row.program_id);

/**
 * Loads the programs the viewer may see that have an obligation in [from, to], with their
 * obligations in that range (exact cents), places, partners, assistance types and pillars, in
 * five queries whatever their number.
 */
export async function loadPortfolio(options: { db: Executor; from: number; to: number; viewer: Viewer }): Promise<PortfolioProgram[]> {
  const { db, from, to, viewer } = options;
  const visible = visibleProgramsSql(viewer);
  const inRange = sql`SELECT DISTINCT o.program_id FROM program_obligations o JOIN programs p ON p.id = o.program_id
    WHERE o.fiscal_year BETWEEN ${from} AND ${to} AND ${visible}`;
  const programs = await selectRows(
    db,
    sql`SELECT p.id, p.title, p.funding_agency_id, sum(coalesce(o.amount_cents, 0))::text AS cents, array_agg(o.fiscal_year ORDER BY o.fiscal_year) AS years
        FROM programs p JOIN program_obligations o ON o.program_id = p.id AND o.fiscal_year BETWEEN ${from} AND ${to}
        WHERE ${visible} GROUP BY p.id ORDER BY p.id`,
  );
  const places = groupBy(
    await selectRows(
      db,
      sql`SELECT pl.program_id, coalesce('c:' || pl.country_code, 'r:' || pl.region_code) AS code, coalesce(c.name, r.name) AS name
      FROM program_places pl LEFT JOIN countries c ON c.code = pl.country_code LEFT JOIN regions r ON r.code = pl.region_code
      WHERE pl.program_id IN (${inRange})`,
    ),
    programIdOf,
    (row) => ({ code: String(row.code), name: String(row.name) }),
  );
  const partners = groupBy(
    await selectRows(
      db,
      sql`SELECT pp.program_id, o.id, o.name FROM program_partners pp JOIN organizations o ON o.id = pp.organization_id
      WHERE pp.program_id IN (${inRange})`,
    ),
    programIdOf,
    (row) => ({ id: Number(row.id), name: String(row.name) }),
  );
  const terms = groupBy(
    await selectRows(
      db,
      sql`SELECT t.program_id, t.vocabulary || ':' || t.code AS key, v.name FROM program_terms t
      JOIN vocabulary_terms v ON v.vocabulary = t.vocabulary AND v.code = t.code
      WHERE t.vocabulary IN ('assistance-type', 'pillar') AND t.program_id IN (${inRange})`,
    ),
    programIdOf,
    (row) => ({ key: String(row.key), name: String(row.name) }),
  );
  // Imported titles repeat a few hundred recipients: one trigram set per distinct content.
  const contents = new Map<string, { contentId: number; trigrams: Set<string> }>();
  const content = (text: string) => {
    const known = contents.get(text);
    if (known) return known;
    const made = { contentId: contents.size, trigrams: trigramsOf(text) };
    contents.set(text, made);
    return made;
  };
  const agencies = agencyLabels(await selectRows(db, sql`SELECT id, name, abbreviation, parent_id FROM agencies`));
  return programs.map((row) => {
    const id = Number(row.id);
    const programPlaces = places.get(id) ?? [];
    return {
      id,
      title: String(row.title),
      agencyId: String(row.funding_agency_id),
      agencyLabel: agencies.get(String(row.funding_agency_id))?.label ?? String(row.funding_agency_id),
      obligatedCents: BigInt(String(row.cents)),
      years: (row.years as unknown[]).map(Number),
      places: programPlaces,
      partners: partners.get(id) ?? [],
      terms: terms.get(id) ?? [],
      ...content(
        contentText(
          String(row.title),
          programPlaces.map((place) => place.name),
        ),
      ),
    };
  });
}
