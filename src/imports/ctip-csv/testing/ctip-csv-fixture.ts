import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/database.ts';
import { selectRows } from '../../../db/select-rows.ts';
import { seedOrganizations } from '../../../organizations/seed-organizations.ts';
import { seedReferenceData } from '../../../reference/seed-reference.ts';

/** What prepareDatabase does after migrating: reference data, then reviewed organizations. */
export async function seedDatabase(db: Executor): Promise<void> {
  await seedReferenceData({ db });
  await seedOrganizations({ db });
}

/** Figures a reader would compare: programs, obligations, dollars, and how many amounts are unknown. */
export async function summarizeFigures(
  db: Executor,
): Promise<{ programs: number; obligations: number; obligatedCents: bigint; unknownAmounts: number; partners: number; places: number }> {
  const [figures] = await selectRows<Record<string, string | number>>(
    db,
    sql`SELECT
      (SELECT count(*)::int FROM programs) AS programs,
      (SELECT count(*)::int FROM program_obligations) AS obligations,
      (SELECT coalesce(sum(amount_cents), 0)::text FROM program_obligations) AS cents,
      (SELECT count(*)::int FROM program_obligations WHERE amount_cents IS NULL) AS unknown,
      (SELECT count(*)::int FROM program_partners) AS partners,
      (SELECT count(*)::int FROM program_places) AS places`,
  );
  const row = figures!;
  return {
    programs: Number(row.programs),
    obligations: Number(row.obligations),
    obligatedCents: BigInt(row.cents!),
    unknownAmounts: Number(row.unknown),
    partners: Number(row.partners),
    places: Number(row.places),
  };
}
