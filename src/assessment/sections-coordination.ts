import { recommendationStatusLabels, recommendationStatuses, type Recommendation } from '../recommendations/recommendations.schemas.ts';
import { count as figure, money, plural } from '../ui/format.ts';
import type { AssessmentData } from './assessment-data.ts';
import { cents, count, list, notice, paragraph, section, text } from './assessment-blocks.ts';
import type { Block, Section } from './assessment.types.ts';

function overlapBlocks(data: AssessmentData): Block[] {
  const report = data.overlap;
  const fy = `FY${data.fiscalYear}`;
  const { counts } = report;
  const findings = counts.fragmentation + counts.overlap + counts.duplication;
  if (findings === 0)
    return [
      paragraph(
        `The portfolio overlap report of ${fy} finds no fragmentation, overlap or duplication among ${plural(report.programsInRange, 'program')}.`,
      ),
    ];
  return [
    paragraph(
      `The portfolio overlap report of ${fy} examined ${plural(report.programsInRange, 'program')} (${money(report.obligatedCentsInRange)}). It finds ${plural(counts.fragmentation, 'area')} of fragmentation, ` +
        `${plural(counts.overlap, 'pair')} of overlapping programs and ${plural(counts.duplication, 'group')} of possible duplication (${plural(counts.duplicatedPrograms, 'program')}); the programs named in them hold ${money(report.obligatedCentsInvolved)}.`,
    ),
    list([
      `Fragmentation: ${report.definitions.fragmentation}`,
      `Overlap: ${report.definitions.overlap}`,
      `Duplication: ${report.definitions.duplication}`,
    ]),
    {
      kind: 'table',
      id: 'overlap-by-place',
      caption: `Findings by country or region, ${fy}`,
      columns: [
        { label: 'Country or region' },
        { label: 'Fragmentation', numeric: true },
        { label: 'Overlap', numeric: true },
        { label: 'Duplication', numeric: true },
        { label: 'Programs', numeric: true },
        { label: 'Obligated', numeric: true },
      ],
      rows: report.byCountry
        .slice(0, 15)
        .map((row) => [
          text(row.label),
          count(row.fragmentation),
          count(row.overlap),
          count(row.duplication),
          count(row.programs),
          cents(row.obligatedCents),
        ]),
      note: `${report.byCountry.length > 15 ? `The 15 places with the most findings of ${report.byCountry.length} are listed. ` : ''}${report.definitions.amounts}`,
    },
  ];
}

function planBlocks(data: AssessmentData): Block[] {
  if (!data.plans.length) return [notice(`No agency strategic plan covering FY${data.fiscalYear} is recorded.`)];
  return [
    list(
      data.plans.map((plan) => {
        const activities = plan.goals.flatMap((goal) => goal.activities);
        const programs = new Set(activities.flatMap((activity) => activity.programs.map((program) => program.id)));
        return `${plan.agency.name}, “${plan.title}” (FY${plan.fiscalYearFrom}–FY${plan.fiscalYearTo}): ${plural(plan.goals.length, 'goal')} — ${plan.goals.map((goal) => goal.title).join('; ')} — with ${plural(activities.length, 'activity', 'activities')} carried out by ${plural(programs.size, 'linked program')}.`;
      }),
    ),
  ];
}

function clearanceBlocks(data: AssessmentData): Block[] {
  const summary = data.clearance;
  const fy = `FY${data.fiscalYear}`;
  if (summary.circulated === 0) return [notice(`No proposal was circulated for clearance among the SPOG agencies in ${fy}.`)];
  const { positions } = summary;
  const timing =
    summary.medianDaysToDecision === null
      ? ''
      : ` A decision took ${plural(summary.medianDaysToDecision, 'day')} from circulation (median); ${plural(summary.decidedAfterDueDate, 'decision')} came after the due date.`;
  const blocks: Block[] = [
    paragraph(
      `In ${fy} the agencies circulated ${plural(summary.circulated, 'proposal')} to the other SPOG member agencies for clearance: ` +
        `${figure(summary.cleared)} cleared, ${figure(summary.returned)} returned to the proposing agency and ${figure(summary.open)} awaiting a decision.${timing}`,
    ),
    paragraph(
      `The member agencies were asked ${plural(summary.requests, 'time')} and recorded ${plural(summary.responses, 'response')}; their latest positions are ` +
        `${plural(positions.concurrence, 'concurrence')}, ${plural(positions.comment, 'comment')} and ${plural(positions.objection, 'objection')} ` +
        `(${figure(positions.unanswered)} without an answer). ${plural(summary.reviewsWithObjection, 'proposal')} met at least one objection; ` +
        `the proposing agencies replied ${plural(summary.replies, 'time')}.`,
    ),
    {
      kind: 'table',
      id: 'clearance-by-agency',
      caption: `Clearance reviews by proposing agency, ${fy}`,
      columns: [
        { label: 'Proposing agency' },
        { label: 'Circulated', numeric: true },
        { label: 'Cleared', numeric: true },
        { label: 'Returned', numeric: true },
        { label: 'Open', numeric: true },
      ],
      rows: summary.byProposer.map((row) => [
        text(row.agencyName),
        count(row.circulated),
        count(row.cleared),
        count(row.returned),
        count(row.open),
      ]),
      note: 'Reviews are counted in the fiscal year they were circulated, whenever they were decided. Proposals are pre-decisional: only their number is reported.',
    },
  ];
  if (summary.clearedPrograms.length) {
    blocks.push(
      paragraph('Cleared and published programs:'),
      list(summary.clearedPrograms.map((program) => `${program.title} (${program.agencyName})`)),
    );
  }
  return blocks;
}

/** Interagency coordination: the overlap report, the clearance reviews of the year, strategic plans. */
export function buildCoordinationSection(data: AssessmentData): Section {
  return section(
    'coordination',
    'Interagency coordination',
    [],
    [
      section('coordination-overlap', 'Overlap, fragmentation and duplication', overlapBlocks(data)),
      section('coordination-clearance', 'Clearance reviews', clearanceBlocks(data)),
      section('coordination-plans', 'Agency strategic plans', planBlocks(data)),
    ],
  );
}

function recommendationLine(item: Recommendation): string {
  return `${item.text} (owner: ${item.ownerAgency.name}; status: ${recommendationStatusLabels[item.status]})`;
}

function measuresBlocks(previous: Recommendation[], fiscalYear: number): Block[] {
  if (!previous.length) return [notice(`No recommendation of FY${fiscalYear - 1} is recorded.`)];
  const rows = recommendationStatuses.map((status) => [
    text(recommendationStatusLabels[status]),
    count(previous.filter((item) => item.status === status).length),
  ]);
  const items = previous.map((item) => {
    const responses = item.responses.map(
      (response) =>
        `${response.respondedAt.slice(0, 10)}, ${response.responder}: ${response.text} (${recommendationStatusLabels[response.resultingStatus]})`,
    );
    return `${recommendationLine(item)}. ${responses.length ? `Measures taken: ${responses.join(' — ')}` : 'No measure recorded.'}`;
  });
  return [
    {
      kind: 'table',
      id: 'previous-recommendations-status',
      caption: `Status of the FY${fiscalYear - 1} recommendations`,
      columns: [{ label: 'Status' }, { label: 'Recommendations', numeric: true }],
      rows,
    },
    list(items),
  ];
}

/** This year's recommendations, and the measures taken on last year's. */
export function buildRecommendationsSection(data: AssessmentData): Section {
  const { current, previous } = data.recommendations;
  const fy = data.fiscalYear;
  return section(
    'recommendations',
    'Recommendations',
    [],
    [
      section(
        'recommendations-current',
        `Recommendations of FY${fy}`,
        current.length ? [list(current.map(recommendationLine))] : [notice(`No recommendation of FY${fy} is recorded.`)],
      ),
      section('recommendations-previous', `Measures taken on the FY${fy - 1} recommendations`, measuresBlocks(previous, fy)),
    ],
  );
}
