import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { schema } from '../../db/database.ts';
import { recordUnresolvedNames } from '../../organizations/organization.service.ts';
import type { OrganizationResolver } from '../../organizations/organization-resolver.ts';
import { replaceProgramNarratives, type ProgramNarrativeInput } from '../../programs/program-source-details.ts';
import type { Actor } from '../../shared/actor.ts';
import type { ImportReportBuilder } from '../shared/import-report.ts';
import type { SeenKeys } from '../shared/seen-keys.ts';
import { writeImportPlans, type ImportPlan } from '../shared/write-programs.ts';
import { interpretActivity, problemAt, type ActivityDraft } from './iati.activity.ts';
import { decideFundingAgency, partnerOrganisations, resolvePartners } from './iati.organisations.ts';
import { resolvePlaces, type PlaceLookups } from './iati.places.ts';
import { iatiSource, planActivity } from './iati.plan.ts';
import type { TraffickingMatcher } from './iati.trafficking.ts';
import type { IatiFileHeader, XmlElement } from './iati.xml-reader.ts';

/** What lives for the whole file: the transaction, lookups, and what the report accumulates. */
export type BatchContext = {
  db: Executor;
  actor: Actor;
  report: ImportReportBuilder;
  fundingAgencyOption: string | undefined;
  onlyTrafficking: boolean;
  matcher: TraffickingMatcher;
  placeLookups: PlaceLookups;
  resolver: OrganizationResolver;
  /** iati-identifier → where it first appeared in this file (in a temporary table: memory stays flat). */
  seen: SeenKeys;
  /** The first keptListLimit kept activities (--only-trafficking); the others are counted. */
  kept: { identifier: string; path: string; line: number; rules: string[] }[];
  keptNotListed: number;
  rulesMatched: Record<string, number>;
  transactions: number;
};

type Candidate = { draft: ActivityDraft; rules: string[] };

/** Kept activities listed by name in the report; memory must not grow with the file. */
export const keptListLimit = 1000;

/** Reads the batch's activities; rejects those without an identifier or repeating one, skips those the rules leave out. */
async function selectCandidates(context: BatchContext, header: IatiFileHeader, activities: XmlElement[]): Promise<Candidate[]> {
  const { report } = context;
  const drafts: ActivityDraft[] = [];
  for (const activity of activities) {
    const { draft, problems } = interpretActivity(activity, header);
    report.problems(problems);
    if (draft) drafts.push(draft);
    else report.outcome('rejected');
  }
  const earlier = await context.seen.find(drafts.map((draft) => draft.identifier));
  const firsts: [string, string][] = [];
  const candidates: Candidate[] = [];
  for (const draft of drafts) {
    const first = earlier.get(draft.identifier);
    if (first) {
      report.problem(
        problemAt(
          draft,
          'iati-identifier',
          `iati-identifier '${draft.identifier}' already appeared at ${first}; identifiers must be unique, this one is not imported`,
          'error',
        ),
      );
      report.outcome('rejected');
      continue;
    }
    const location = `${draft.path} (line ${draft.line})`;
    earlier.set(draft.identifier, location);
    firsts.push([draft.identifier, location]);
    const texts = [...draft.titles, ...draft.descriptions].map(([, text]) => text);
    const rules = context.matcher({ sectors: draft.sectors, tags: draft.tags, texts });
    if (context.onlyTrafficking && rules.length === 0) {
      report.outcome('skipped');
      continue;
    }
    if (context.onlyTrafficking) {
      if (context.kept.length < keptListLimit)
        context.kept.push({ identifier: draft.identifier, path: draft.path, line: draft.line, rules });
      else context.keptNotListed += 1;
      for (const rule of rules) context.rulesMatched[rule] = (context.rulesMatched[rule] ?? 0) + 1;
    }
    candidates.push({ draft, rules });
  }
  await context.seen.add(firsts);
  return candidates;
}

/** Program ids of the given source keys. */
async function idsOf(db: Executor, keys: string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let start = 0; start < keys.length; start += 500) {
    const rows = await db
      .select({ id: schema.programs.id, sourceKey: schema.programs.sourceKey })
      .from(schema.programs)
      .where(and(eq(schema.programs.source, iatiSource), inArray(schema.programs.sourceKey, keys.slice(start, start + 500))));
    for (const row of rows) ids.set(row.sourceKey!, row.id);
  }
  return ids;
}

/**
 * Imports one batch inside the file's transaction: interpret, select, resolve partners and
 * places, plan, then write the programs (created, updated with history, or unchanged) and the
 * transactions and narratives of those created or updated.
 */
export async function importBatch(context: BatchContext, header: IatiFileHeader, activities: XmlElement[]): Promise<void> {
  const { db, report } = context;
  const candidates = await selectCandidates(context, header, activities);
  const funded = candidates.filter(({ draft }) => !('error' in decideFundingAgency(draft, context.fundingAgencyOption)));
  const partners = await resolvePartners({
    db,
    resolver: context.resolver,
    organisations: funded.flatMap(({ draft }) => partnerOrganisations(draft)),
  });
  for (const org of partners.unreviewed) report.unresolved('organization', org.name ?? org.ref!, org.line);
  const plans: ImportPlan[] = [];
  const narratives = new Map<string, ProgramNarrativeInput[]>();
  const unresolvedPlaces: { name: string; occurrences: number }[] = [];
  for (const { draft, rules } of candidates) {
    const places = resolvePlaces(draft.places, context.placeLookups);
    for (const place of places.unresolved) {
      const name = place.name ?? place.code;
      report.unresolved('place', name, place.line);
      unresolvedPlaces.push({ name, occurrences: 1 });
    }
    const planned = planActivity(draft, {
      fundingAgencyOption: context.fundingAgencyOption,
      partnerIds: partners.ids,
      places: places.places,
      matchedRules: rules,
      iatiVersion: header.version,
    });
    report.problems(planned.problems);
    if (planned.kind === 'rejected') {
      report.outcome('rejected');
      continue;
    }
    report.problems(places.problems);
    plans.push(planned.plan);
    narratives.set(draft.identifier, planned.narratives);
  }
  await recordUnresolvedNames({ db, kind: 'place', source: iatiSource, names: unresolvedPlaces });
  const written = await writeImportPlans({ db, source: iatiSource, plans, actor: context.actor });
  const changed = [...written].filter(([, outcome]) => outcome !== 'unchanged').map(([key]) => key);
  const ids = await idsOf(db, changed);
  await replaceProgramNarratives({ db, items: changed.map((key) => ({ programId: ids.get(key)!, narratives: narratives.get(key)! })) });
  for (const outcome of written.values()) report.outcome(outcome);
  context.transactions += plans.reduce((sum, plan) => sum + (plan.transactions?.length ?? 0), 0);
}
