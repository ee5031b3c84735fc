import { money, plural } from '../ui/format.ts';
import type { MapValue } from '../ui/charts/index.ts';
import type { Breakdown } from '../stats/stats.schemas.ts';
import { sumCents } from '../shared/money.ts';
import { agencyParagraph, compileAgencyFacts } from './agency-paragraphs.ts';
import type { AssessmentData } from './assessment-data.ts';
import { bars, breakdownTable, cents, count, notice, paragraph, section, share, text } from './assessment-blocks.ts';
import type { Block, Section } from './assessment.types.ts';

/** Partner categories of the report, from the IATI organisation type; faith-based first. */
export const partnerCategories = [
  { key: 'faith-based', label: 'Faith-based organizations' },
  { key: 'international-organization', label: 'International organizations (multilateral)' },
  { key: 'ngo', label: 'Non-governmental organizations' },
  { key: 'government', label: 'Governments and public bodies' },
  { key: 'academic', label: 'Academic and research institutions' },
  { key: 'other', label: 'Other partners (foundations, private sector, other)' },
  { key: 'unknown-type', label: 'Partners of unrecorded type' },
  { key: 'none', label: 'Partner not specified' },
] as const;

/** The category of an organization: faith-based wins over its IATI type. */
export function partnerCategoryOf(type: { typeCode: string | null; faithBased: boolean } | undefined): string {
  if (!type) return 'none';
  if (type.faithBased) return 'faith-based';
  const code = type.typeCode;
  if (code === null) return 'unknown-type';
  if (code === '40') return 'international-organization';
  if (['21', '22', '23', '24'].includes(code)) return 'ngo';
  if (['10', '11', '15'].includes(code)) return 'government';
  if (code === '80') return 'academic';
  return 'other';
}

function partnerTypeTable(data: AssessmentData): Block {
  const breakdown = data.international.partner;
  const totals = new Map<string, { partners: number; cents: bigint }>();
  for (const row of breakdown.rows) {
    const category =
      row.key === 'none' ? 'none' : partnerCategoryOf(data.partnerTypes.get(Number(row.key)) ?? { typeCode: null, faithBased: false });
    const total = totals.get(category) ?? { partners: 0, cents: 0n };
    totals.set(category, { partners: total.partners + (row.key === 'none' ? 0 : 1), cents: total.cents + BigInt(row.obligatedCents) });
  }
  const rows = partnerCategories
    .filter((category) => totals.has(category.key))
    .map((category) => {
      const total = totals.get(category.key)!;
      return [text(category.label), count(total.partners), cents(total.cents), share(total.cents, breakdown.totalCents)];
    });
  return {
    kind: 'table',
    id: 'by-partner-type',
    caption: `International obligations by type of partner, FY${data.fiscalYear}`,
    columns: [
      { label: 'Type of partner' },
      { label: 'Partners', numeric: true },
      { label: 'Obligated', numeric: true },
      { label: 'Share', numeric: true },
    ],
    rows,
    note: 'A program’s amount is split equally among its prime partners (or all partners when none is prime), in whole cents. Faith-based organizations are counted apart from their organisation type. Types follow the IATI OrganisationType codelist.',
  };
}

function mapValues(data: AssessmentData, breakdown: Breakdown): MapValue[] {
  const byCode = new Map(data.countries.map((country) => [country.code, country]));
  return breakdown.rows.flatMap((row) => {
    const country = byCode.get(row.key);
    return country && BigInt(row.obligatedCents) > 0n
      ? [{ countryCode: country.code, numericCode: country.numericCode, name: country.name, cents: row.obligatedCents }]
      : [];
  });
}

function agencySection(data: AssessmentData): Section {
  const facts = compileAgencyFacts(data);
  return section('international-agencies', 'By agency', [
    breakdownTable({
      id: 'by-agency',
      caption: `International programs by funding agency, FY${data.fiscalYear}`,
      label: 'Funding agency',
      breakdown: data.international.agency,
    }),
    ...(facts.length
      ? facts.map((fact) => paragraph(agencyParagraph(fact, data.fiscalYear)))
      : [notice('No international program is recorded for this year.')]),
  ]);
}

function placeSections(data: AssessmentData): Section[] {
  const fy = `FY${data.fiscalYear}`;
  const countries = data.international.country.rows.filter((row) => /^[A-Z]{3}$/.test(row.key));
  const regional = data.international.country.rows.filter((row) => row.key.startsWith('region:'));
  const regionalCents = sumCents(regional.map((row) => row.obligatedCents));
  return [
    section('international-regions', 'By region', [
      breakdownTable({
        id: 'by-region',
        caption: `International obligations by region, ${fy}`,
        label: 'Region',
        breakdown: data.international.region,
      }),
      {
        kind: 'chart',
        chart: {
          type: 'bars',
          id: 'chart-by-region',
          title: `International obligations by region, ${fy}`,
          rows: bars(data.international.region.rows),
        },
      },
    ]),
    section('international-countries', 'Top countries', [
      paragraph(
        `${plural(countries.length, 'country', 'countries')} received international obligations in ${fy}; regional and global programs, recorded on their region and not spread over its countries, account for ${money(regionalCents)} more (${plural(regional.length, 'region')}).`,
      ),
      breakdownTable({
        id: 'top-countries',
        caption: `Top countries by international obligations, ${fy}`,
        label: 'Country',
        breakdown: data.international.country,
        rows: countries,
        limit: 15,
      }),
      {
        kind: 'chart',
        chart: {
          type: 'map',
          id: 'chart-map',
          title: `International obligations by country, ${fy}`,
          values: mapValues(data, data.international.country),
        },
      },
    ]),
  ];
}

function termSections(data: AssessmentData): Section[] {
  const fy = `FY${data.fiscalYear}`;
  return [
    section('international-assistance', 'By type of assistance', [
      breakdownTable({
        id: 'by-assistance-type',
        caption: `International programs by type of assistance, ${fy}`,
        label: 'Type of assistance',
        breakdown: data.international['assistance-type'],
      }),
      {
        kind: 'chart',
        chart: {
          type: 'bars',
          id: 'chart-by-assistance-type',
          title: `International obligations by type of assistance, ${fy}`,
          rows: bars(data.international['assistance-type'].rows),
        },
      },
    ]),
    section('international-pillars', 'By pillar', [
      breakdownTable({
        id: 'by-pillar',
        caption: `International programs by pillar, ${fy}`,
        label: 'Pillar',
        breakdown: data.international.pillar,
      }),
      {
        kind: 'chart',
        chart: {
          type: 'bars',
          id: 'chart-by-pillar',
          title: `International obligations by pillar, ${fy}`,
          rows: bars(data.international.pillar.rows),
        },
      },
    ]),
    section('international-partners', 'By type of partner', [partnerTypeTable(data)]),
  ];
}

/** International programs: by agency with a paragraph each, by region, top countries, assistance type, pillar, partner type. */
export function buildInternationalSection(data: AssessmentData): Section {
  const { international } = data.summary;
  return section(
    'international',
    'International programs',
    [
      paragraph(
        `International programs are those not placed in the United States. In FY${data.fiscalYear}, ${plural(international.programs, 'international program')} had obligations recorded, ${money(international.obligatedCents)} in all.`,
      ),
    ],
    [agencySection(data), ...placeSections(data), ...termSections(data)],
  );
}
