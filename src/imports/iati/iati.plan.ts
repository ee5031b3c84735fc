import { createHash } from 'node:crypto';
import { programInputSchema, type ProgramInput } from '../../programs/program.schemas.ts';
import type { ProgramNarrativeInput } from '../../programs/program-source-details.ts';
import type { ImportProblem } from '../shared/import-report.ts';
import type { ImportPlan } from '../shared/write-programs.ts';
import { problemAt, type ActivityDraft } from './iati.activity.ts';
import { activityStatuses } from './iati.codes.ts';
import { decideFundingAgency, isPlaceholder, partnerKey, partnerOrganisations } from './iati.organisations.ts';
import type { ResolvedPlace } from './iati.places.ts';
import { obligationsOf } from './iati.transactions.ts';

export const iatiSource = 'iati';

/** What one activity becomes: a program plan with its transactions and narratives, or a rejection. */
export type ActivityPlan =
  | { kind: 'plan'; plan: ImportPlan; narratives: ProgramNarrativeInput[]; problems: ImportProblem[] }
  | { kind: 'rejected'; problems: ImportProblem[] };

export type PlanContext = {
  fundingAgencyOption: string | undefined;
  partnerIds: Map<string, number>;
  places: ResolvedPlace[];
  matchedRules: string[];
  iatiVersion: string;
};

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

function decideStatus(draft: ActivityDraft, endDate: string | null, problems: ImportProblem[]): ProgramInput['status'] {
  if (draft.statusCode === '6')
    problems.push(
      problemAt(
        draft,
        'activity-status',
        "status 6 (Suspended) has no ctip equivalent; recorded as 'active', the code kept in sourceRecord",
        'warning',
      ),
    );
  if (draft.statusCode) return activityStatuses[draft.statusCode]!;
  const today = new Date().toISOString().slice(0, 10);
  const status = endDate && endDate < today ? 'completed' : 'active';
  problems.push(problemAt(draft, 'activity-status', `no activity status; '${status}' derived from the end date`, 'info'));
  return status;
}

function decideDates(draft: ActivityDraft, problems: ImportProblem[]): { startDate: string | null; endDate: string | null } {
  const startDate = draft.dates['start-actual'] ?? draft.dates['start-planned'] ?? null;
  let endDate = draft.dates['end-actual'] ?? draft.dates['end-planned'] ?? null;
  if (startDate && endDate && endDate < startDate) {
    problems.push(problemAt(draft, 'activity-date', `end ${endDate} is before start ${startDate}; end date left out`, 'warning'));
    endDate = null;
  }
  return { startDate, endDate };
}

function textFields(
  draft: ActivityDraft,
  problems: ImportProblem[],
): { title: string; description: string | null; narratives: ProgramNarrativeInput[] } {
  const [mainTitle, ...otherTitles] = draft.titles;
  const [mainDescription, ...otherDescriptions] = draft.descriptions;
  if (!mainTitle) problems.push(problemAt(draft, 'title', 'no title; the iati-identifier is used as the title', 'warning'));
  const title = mainTitle?.[1] ?? draft.identifier;
  if (title.length > 500) problems.push(problemAt(draft, 'title', `title of ${title.length} characters shortened to 500`, 'warning'));
  const description = mainDescription?.[1] ?? null;
  if (description && description.length > 20_000)
    problems.push(problemAt(draft, 'description', `description of ${description.length} characters shortened to 20,000`, 'warning'));
  return {
    title: truncate(title, 500),
    description: description ? truncate(description, 20_000) : null,
    narratives: [
      ...otherTitles.map(([language, text]) => ({ field: 'title' as const, language, text })),
      ...otherDescriptions.map(([language, text]) => ({ field: 'description' as const, language, text })),
    ],
  };
}

function decideObligations(draft: ActivityDraft, problems: ImportProblem[]): ProgramInput['obligations'] {
  const { obligations, otherCurrencies, undated } = obligationsOf(draft.transactions);
  if (otherCurrencies.length) {
    problems.push(
      problemAt(
        draft,
        'transaction',
        `commitments in ${otherCurrencies.join(', ')} are kept in program transactions only: ctip holds no exchange rates, so they give no USD obligations`,
        'warning',
      ),
    );
  }
  if (undated)
    problems.push(
      problemAt(draft, 'transaction', `${undated} USD commitments without a date give no obligation (no fiscal year)`, 'warning'),
    );
  const inRange = obligations.filter((obligation) => obligation.fiscalYear >= 1990 && obligation.fiscalYear <= 2100);
  if (inRange.length < obligations.length)
    problems.push(problemAt(draft, 'transaction', 'USD commitments dated before FY1990 or after FY2100 give no obligation', 'warning'));
  return inRange;
}

/** A digest of what program_narratives will hold, so a re-import sees a change in them alone. */
function digestOf(narratives: ProgramNarrativeInput[]): string {
  return createHash('sha256').update(JSON.stringify(narratives)).digest('hex');
}

/**
 * Builds the program an activity describes. Rejected (with an error problem) when no ctip
 * agency funds it and no --funding-agency was given, or when the result is not a valid program.
 */
export function planActivity(draft: ActivityDraft, context: PlanContext): ActivityPlan {
  const problems: ImportProblem[] = [];
  const funding = decideFundingAgency(draft, context.fundingAgencyOption);
  if ('error' in funding) return { kind: 'rejected', problems: [problemAt(draft, 'participating-org', funding.error, 'error')] };
  const { title, description, narratives } = textFields(draft, problems);
  const dates = decideDates(draft, problems);
  for (const org of draft.organisations.filter((item) => item.role === 'implementing' && isPlaceholder(item))) {
    problems.push({
      line: org.line,
      path: draft.path,
      field: 'participating-org',
      message: `implementing organisation '${org.name}' is a placeholder; no partner recorded (kept in sourceRecord)`,
      severity: 'warning',
    });
  }
  const partners = [...new Set(partnerOrganisations(draft).flatMap((org) => context.partnerIds.get(partnerKey(org)) ?? []))].map(
    (organizationId) => ({ organizationId, role: 'prime' as const }),
  );
  const parsed = programInputSchema.safeParse({
    title,
    description,
    fundingAgencyId: funding.agencyId,
    status: decideStatus(draft, dates.endDate, problems),
    visibility: 'public',
    ...dates,
    partners,
    places: context.places,
    obligations: decideObligations(draft, problems),
  });
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'program'}: ${issue.message}`).join('; ');
    return { kind: 'rejected', problems: [...problems, problemAt(draft, 'iati-activity', `not a valid program: ${reasons}`, 'error')] };
  }
  const transactions = draft.transactions.map(({ transactionDate: _date, ...transaction }) => transaction);
  const sourceRecord = {
    iatiVersion: context.iatiVersion,
    identifier: draft.identifier,
    reportingOrg: draft.reportingOrg && { ref: draft.reportingOrg.ref, name: draft.reportingOrg.name, type: draft.reportingOrg.typeCode },
    organisations: draft.organisations.map(({ role, ref, name, typeCode }) => ({ role, ref, name, type: typeCode })),
    recipients: draft.places.map(({ kind, code, vocabulary, percentage }) => ({
      kind,
      code,
      ...(kind === 'region' ? { vocabulary } : {}),
      percentage,
    })),
    sectors: draft.sectors,
    tags: draft.tags,
    activityStatus: draft.statusCode,
    dates: draft.dates,
    defaultCurrency: draft.defaultCurrency,
    fundingAgency: { id: funding.agencyId, assignedBy: funding.assignedBy },
    traffickingRules: context.matchedRules,
    transactionDates: draft.transactions.map((transaction) => transaction.transactionDate),
    narrativesSha256: digestOf(narratives),
  };
  return {
    kind: 'plan',
    plan: { input: parsed.data, provenance: { source: iatiSource, sourceKey: draft.identifier, sourceRecord }, transactions },
    narratives,
    problems,
  };
}
