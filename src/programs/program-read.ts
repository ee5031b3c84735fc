import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { selectRows } from '../db/select-rows.ts';
import type { ProgramDetail, ProgramSummary } from './program.schemas.ts';
import { groupBy } from '../shared/group-by.ts';
import { centsText, sumCents } from '../shared/money.ts';

type Row = Record<string, unknown>;

function toIsoString(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

function toDateString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/**
 * Loads full records for the given ids (in the given order), with partners, places,
 * obligations and terms, in five queries whatever the number of ids.
 */
export async function loadProgramDetails(options: { db: Executor; ids: number[] }): Promise<ProgramDetail[]> {
  const { db, ids } = options;
  if (ids.length === 0) return [];
  const idArray = sql`${`{${ids.join(',')}}`}::int[]`;
  // One query after another: inside a transaction they share one connection anyway.
  const programRows = await selectRows(
    db,
    // Named columns, not p.*: the stored search document (search_vector) is for the overlap check only.
    sql`SELECT p.id, p.title, p.description, p.funding_agency_id, p.status, p.visibility, p.start_date, p.end_date, p.target_groups,
          p.source, p.source_key, p.source_record, p.version, p.created_at, p.updated_at, a.name AS agency_name FROM programs p JOIN agencies a ON a.id = p.funding_agency_id
          WHERE p.id = ANY(${idArray})`,
  );
  const partnerRows = await selectRows(
    db,
    sql`SELECT pp.program_id, pp.organization_id, pp.role, o.name FROM program_partners pp
          JOIN organizations o ON o.id = pp.organization_id
          WHERE pp.program_id = ANY(${idArray}) ORDER BY pp.role, o.name`,
  );
  const placeRows = await selectRows(
    db,
    sql`SELECT pl.program_id, pl.country_code, pl.region_code, pl.share_percent,
            coalesce(c.name, r.name) AS name
          FROM program_places pl
          LEFT JOIN countries c ON c.code = pl.country_code
          LEFT JOIN regions r ON r.code = pl.region_code
          WHERE pl.program_id = ANY(${idArray}) ORDER BY pl.id`,
  );
  const obligationRows = await selectRows(
    db,
    sql`SELECT program_id, fiscal_year, amount_cents::text AS amount_cents, amount_note FROM program_obligations
          WHERE program_id = ANY(${idArray}) ORDER BY fiscal_year`,
  );
  const termRows = await selectRows(
    db,
    sql`SELECT program_id, vocabulary, code FROM program_terms WHERE program_id = ANY(${idArray}) ORDER BY code`,
  );
  const byProgram = (rows: Row[]) => groupBy(rows, (row) => Number(row.program_id));
  const partners = byProgram(partnerRows);
  const places = byProgram(placeRows);
  const obligations = byProgram(obligationRows);
  const terms = byProgram(termRows);
  const details = new Map<number, ProgramDetail>();
  for (const row of programRows) {
    const id = Number(row.id);
    const programObligations = (obligations.get(id) ?? []).map((obligation) => ({
      fiscalYear: Number(obligation.fiscal_year),
      amountCents: obligation.amount_cents === null ? null : String(obligation.amount_cents),
      amountNote: (obligation.amount_note as string | null) ?? null,
    }));
    const termsOf = (vocabulary: string) =>
      (terms.get(id) ?? []).filter((term) => term.vocabulary === vocabulary).map((term) => String(term.code));
    details.set(id, {
      id,
      title: String(row.title),
      description: (row.description as string | null) ?? null,
      fundingAgency: { id: String(row.funding_agency_id), name: String(row.agency_name) },
      status: row.status as ProgramDetail['status'],
      visibility: row.visibility as ProgramDetail['visibility'],
      startDate: toDateString(row.start_date),
      endDate: toDateString(row.end_date),
      partners: (partners.get(id) ?? []).map((partner) => ({
        organizationId: Number(partner.organization_id),
        name: String(partner.name),
        role: partner.role as 'prime' | 'sub',
      })),
      places: (places.get(id) ?? []).map((place) => ({
        countryCode: (place.country_code as string | null) ?? null,
        regionCode: (place.region_code as string | null) ?? null,
        name: String(place.name),
        sharePercent: toNumberOrNull(place.share_percent),
      })),
      obligations: programObligations,
      obligatedCents: centsText(sumCents(programObligations.map((obligation) => obligation.amountCents))),
      hasUnknownAmount: programObligations.some((obligation) => obligation.amountCents === null),
      assistanceTypes: termsOf('assistance-type'),
      pillars: termsOf('pillar'),
      traffickingForms: termsOf('trafficking-form'),
      targetGroups: (row.target_groups as string[] | null) ?? [],
      source: String(row.source),
      sourceKey: (row.source_key as string | null) ?? null,
      sourceRecord: row.source_record ?? null,
      version: Number(row.version),
      createdAt: toIsoString(row.created_at),
      updatedAt: toIsoString(row.updated_at),
    });
  }
  return ids.flatMap((id) => details.get(id) ?? []);
}

/** The compact form of a record used in lists. */
export function summarizeProgram(detail: ProgramDetail): ProgramSummary {
  return {
    id: detail.id,
    title: detail.title,
    fundingAgencyId: detail.fundingAgency.id,
    fundingAgencyName: detail.fundingAgency.name,
    status: detail.status,
    visibility: detail.visibility,
    fiscalYears: detail.obligations.map((obligation) => obligation.fiscalYear),
    obligatedCents: detail.obligatedCents,
    hasUnknownAmount: detail.hasUnknownAmount,
    partners: detail.partners.map((partner) => partner.name),
    places: detail.places.map((place) => place.name),
  };
}
