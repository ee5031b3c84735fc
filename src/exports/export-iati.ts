import type { ProgramDetail } from '../programs/program.schemas.ts';
import { formatCentsAsDollars } from './program-csv.format.ts';
import {
  fundingOrganisations,
  loadIatiContext,
  loadPartnerTypes,
  reportingOrganisation,
  type IatiContext,
  type IatiVocabularyUris,
} from './iati-context.ts';
import { activityStatusCodes, apportion, dacSectors, fiscalYearStart, placePercentages, type IatiOrganisation } from './iati-mapping.ts';
import { escapeXml, narrative, xmlElement } from './iati-xml.ts';
import { walkProgramPages, type ExportOptions } from './program-pages.ts';

export type IatiExportOptions = ExportOptions & {
  now?: Date;
  /** Where the ctip code lists are published; the API gives its own /api/assistance-types and /api/regions. */
  vocabularyUris?: IatiVocabularyUris;
};

const defaultVocabularyUris: IatiVocabularyUris = { assistanceTypes: 'urn:ctip:assistance-types', regions: 'urn:ctip:regions' };

/** The prefix of every activity identifier after the reporting organisation's ref. */
export function iatiIdentifier(reportingRef: string, programId: number): string {
  return `${reportingRef}-ctip-${programId}`;
}

function participatingOrg(organisation: IatiOrganisation, role: string): string {
  return xmlElement(
    'participating-org',
    { ref: organisation.ref, type: organisation.type || undefined, role },
    narrative(organisation.name),
  );
}

function organisationsXml(program: ProgramDetail, context: IatiContext, partnerTypes: Map<number, string | null>): string {
  const { funding, extending } = fundingOrganisations(context, program.fundingAgency.id);
  const implementing = program.partners.map((partner) =>
    participatingOrg({ type: partnerTypes.get(partner.organizationId) ?? '', name: partner.name }, '4'),
  );
  return [participatingOrg(funding, '1'), participatingOrg(extending, '3'), ...implementing].join('');
}

/** Start and end dates; a program without dates starts, as planned, with its first fiscal year. */
function datesXml(program: ProgramDetail, context: IatiContext): string {
  const begun = program.status === 'active' || program.status === 'completed';
  const dates: string[] = [];
  if (program.startDate) {
    const actual = begun && program.startDate <= context.today;
    dates.push(xmlElement('activity-date', { type: actual ? '2' : '1', 'iso-date': program.startDate }));
  } else {
    const firstYear = program.obligations[0]?.fiscalYear;
    const date = firstYear ? fiscalYearStart(firstYear) : program.createdAt.slice(0, 10);
    const note = firstYear
      ? `Start of fiscal year ${firstYear}, the first year with an obligation; the source gives no start date.`
      : 'Date the program was recorded in ctip; the source gives no start date.';
    dates.push(xmlElement('activity-date', { type: '1', 'iso-date': date }, narrative(note)));
  }
  if (program.endDate) {
    const actual = program.status === 'completed' && program.endDate <= context.today;
    dates.push(xmlElement('activity-date', { type: actual ? '4' : '3', 'iso-date': program.endDate }));
  }
  return dates.join('');
}

type Recipient = {
  element: 'recipient-country' | 'recipient-region';
  code: string;
  vocabulary?: string;
  uri?: string;
  name: string;
  weight: number | null;
};

/**
 * Countries as ISO alpha-2; UN M49 regions with vocabulary 2; ctip regions with vocabulary 99.
 * A historical country (Yugoslavia) has no code in IATI's country list: it is reported as the
 * M49 region it lay in, named in the narrative.
 */
function recipientOf(place: ProgramDetail['places'][number], context: IatiContext): Recipient {
  const weight = place.sharePercent;
  if (place.countryCode) {
    const country = context.countries.get(place.countryCode);
    if (country?.alpha2 && !country.historical) return { element: 'recipient-country', code: country.alpha2, name: place.name, weight };
    if (country?.regionCode)
      return { element: 'recipient-region', code: country.regionCode, vocabulary: '2', name: `${place.name} (historical country)`, weight };
    return {
      element: 'recipient-region',
      code: `country-${place.countryCode}`,
      vocabulary: '99',
      uri: context.vocabularyUris.regions,
      name: place.name,
      weight,
    };
  }
  const code = place.regionCode!;
  if (/^\d{3}$/.test(code)) return { element: 'recipient-region', code, vocabulary: '2', name: place.name, weight };
  return { element: 'recipient-region', code, vocabulary: '99', uri: context.vocabularyUris.regions, name: place.name, weight };
}

function recipientsXml(program: ProgramDetail, context: IatiContext): string {
  const recipients = program.places.map((place) => recipientOf(place, context));
  const percentages = placePercentages(recipients.map((recipient) => recipient.weight));
  // Countries come before regions in the schema's sequence.
  const ordered = recipients.map((recipient, index) => ({ ...recipient, percentage: percentages[index]! }));
  return ['recipient-country', 'recipient-region']
    .flatMap((element) => ordered.filter((recipient) => recipient.element === element))
    .map((recipient) =>
      xmlElement(
        recipient.element,
        { code: recipient.code, vocabulary: recipient.vocabulary, 'vocabulary-uri': recipient.uri, percentage: recipient.percentage },
        narrative(recipient.name),
      ),
    )
    .join('');
}

function sectorsXml(program: ProgramDetail, context: IatiContext): string {
  const dac = dacSectors(program).map((sector) =>
    xmlElement('sector', { vocabulary: '1', code: sector.code, percentage: sector.percentage }),
  );
  const shares = apportion(program.assistanceTypes.map(() => 1));
  const ctip = program.assistanceTypes.map((code, index) =>
    xmlElement(
      'sector',
      { vocabulary: '99', 'vocabulary-uri': context.vocabularyUris.assistanceTypes, code, percentage: shares[index] },
      narrative(context.assistanceTypeNames.get(code) ?? code),
    ),
  );
  return [...dac, ...ctip].join('');
}

function transactionsXml(program: ProgramDetail): string {
  return program.obligations
    .filter((obligation) => obligation.amountCents !== null)
    .map((obligation) => {
      const date = fiscalYearStart(obligation.fiscalYear);
      return xmlElement(
        'transaction',
        {},
        xmlElement('transaction-type', { code: '2' }),
        xmlElement('transaction-date', { 'iso-date': date }),
        `<value currency="USD" value-date="${date}">${formatCentsAsDollars(obligation.amountCents!)}</value>`,
        xmlElement('description', {}, narrative(`Obligation of fiscal year ${obligation.fiscalYear}`)),
      );
    })
    .join('');
}

function descriptionsXml(program: ProgramDetail): string {
  const general = program.description?.trim() || program.title;
  const unknown = program.obligations.filter((obligation) => obligation.amountCents === null);
  const notes = unknown.map((obligation) => `fiscal year ${obligation.fiscalYear}: ${obligation.amountNote ?? 'not given'}`);
  return [
    xmlElement('description', { type: '1' }, narrative(general)),
    program.targetGroups.length
      ? xmlElement('description', { type: '3' }, narrative(`Target groups: ${program.targetGroups.join(', ')}`))
      : '',
    notes.length
      ? xmlElement(
          'description',
          { type: '4' },
          narrative(`Obligations of unknown amount, not reported as transactions: ${notes.join('; ')}`),
        )
      : '',
  ].join('');
}

/** One <iati-activity> for a program, elements in the order the 2.03 schema requires. */
export function iatiActivityXml(program: ProgramDetail, context: IatiContext, partnerTypes: Map<number, string | null>): string {
  const reporter = reportingOrganisation(context, program.fundingAgency.id);
  return xmlElement(
    'iati-activity',
    { 'last-updated-datetime': program.updatedAt, 'xml:lang': 'en', 'default-currency': 'USD' },
    `<iati-identifier>${escapeXml(iatiIdentifier(reporter.ref, program.id))}</iati-identifier>`,
    xmlElement(
      'reporting-org',
      { ref: reporter.ref, type: reporter.type, 'secondary-reporter': reporter.secondary ? '1' : undefined },
      narrative(reporter.name),
    ),
    xmlElement('title', {}, narrative(program.title)),
    descriptionsXml(program),
    organisationsXml(program, context, partnerTypes),
    xmlElement('activity-status', { code: activityStatusCodes[program.status] }),
    datesXml(program, context),
    recipientsXml(program, context),
    sectorsXml(program, context),
    xmlElement(
      'tag',
      { vocabulary: '3', code: '8.7' },
      narrative('SDG target 8.7: end forced labour, modern slavery and human trafficking'),
    ),
    transactionsXml(program),
  );
}

/**
 * Streams every matching program as an IATI 2.03 activity file. Reference data is read once;
 * partner types once per page.
 */
export async function* exportProgramsIati(options: IatiExportOptions): AsyncGenerator<string> {
  const now = options.now ?? new Date();
  const context = await loadIatiContext({ db: options.db, vocabularyUris: options.vocabularyUris ?? defaultVocabularyUris, now });
  let chunk = `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${now.toISOString()}">\n`;
  for await (const page of walkProgramPages(options)) {
    const partnerTypes = await loadPartnerTypes(options.db, page);
    for (const program of page) chunk += `${iatiActivityXml(program, context, partnerTypes)}\n`;
    yield chunk;
    chunk = '';
  }
  yield '</iati-activities>\n';
}
