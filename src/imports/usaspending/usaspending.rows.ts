import type { PlaceResolver } from '../../reference/place-resolver.ts';
import { formatUsd } from '../../shared/money.ts';
import { parseDecimalAmount } from '../shared/decimal-amount.ts';
import type { ImportProblem } from '../shared/import-report.ts';
import type { TransactionInput } from '../shared/write-programs.ts';
import { mapUsaspendingAgency } from './usaspending.agencies.ts';
import type { UsaspendingColumn } from './usaspending.columns.ts';

/** A row of the download, read by column name. */
export type UsaspendingRow = { line: number; get: (column: UsaspendingColumn) => string };

/** One award read into ctip terms; organizations are resolved later, per batch. */
export type AwardDraft = {
  key: string;
  fiscalYear: number;
  fundingAgencyId: string;
  listings: string[];
  recipient: { uei: string | null; name: string | null };
  place: { countryCode: string } | { unresolved: string } | null;
  obligation: { amountCents: number | null; amountNote: string | null };
  transactions: TransactionInput[];
  startDate: string | null;
  endDate: string | null;
  title: string;
  description: string;
  /** The non-empty fields of the row, for provenance. */
  record: Record<string, string>;
};

export type RowOutcome =
  | { kind: 'skipped' }
  | { kind: 'rejected'; problems: ImportProblem[]; unmappedAgency?: string }
  | { kind: 'award'; problems: ImportProblem[]; award: AwardDraft };

/** Recipient names USAspending prints instead of a recipient. */
const placeholderRecipients = /^(multiple recipients|redacted due to pii|miscellaneous foreign awardees|private individual)$/i;

/** The assistance listing numbers (CFDA, "16.320") an award names in cfda_numbers_and_titles. */
export function listingsOf(cell: string): string[] {
  return [...cell.matchAll(/(?:^|[;,]\s*)(\d{2}\.\d{3})\b/g)].map((match) => match[1]!);
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})/;

function dateOf(text: string): string | null {
  const match = isoDate.exec(text.trim());
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

function fiscalYearOfDate(date: string): number {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return month >= 10 ? year + 1 : year;
}

function problem(line: number, field: string, message: string, severity: ImportProblem['severity']): ImportProblem {
  return { line, field, message, severity };
}

/**
 * The fiscal year the award's obligation is attributed to: the summary gives one total per
 * award, so it goes to the fiscal year of the base action (when the award was made), from
 * award_base_action_date_fiscal_year, else the base action date, else the period start.
 */
function readFiscalYear(row: UsaspendingRow, problems: ImportProblem[]): number | undefined {
  const given = row.get('award_base_action_date_fiscal_year').trim();
  if (/^\d{4}$/.test(given)) return Number(given);
  const date = dateOf(row.get('award_base_action_date')) ?? dateOf(row.get('period_of_performance_start_date'));
  if (!date) return undefined;
  problems.push(problem(row.line, 'award_base_action_date_fiscal_year', `empty; fiscal year taken from the date ${date}`, 'info'));
  return fiscalYearOfDate(date);
}

function readAgency(row: UsaspendingRow, problems: ImportProblem[]): string | { unmapped: string } {
  const funding = {
    code: row.get('funding_agency_code'),
    name: row.get('funding_agency_name'),
    subName: row.get('funding_sub_agency_name'),
  };
  const awarding = {
    code: row.get('awarding_agency_code'),
    name: row.get('awarding_agency_name'),
    subName: row.get('awarding_sub_agency_name'),
  };
  const fundingId = funding.name.trim() || funding.code.trim() ? mapUsaspendingAgency(funding) : undefined;
  const awardingId = mapUsaspendingAgency(awarding);
  if (fundingId && awardingId && fundingId !== awardingId) {
    problems.push(
      problem(row.line, 'funding_agency_name', `funded by ${fundingId}, awarded by ${awardingId}; ctip records the funding agency`, 'info'),
    );
  }
  const id = fundingId ?? awardingId;
  if (id) return id;
  const name =
    [funding.subName || funding.name, awarding.subName || awarding.name].map((text) => text.trim()).find(Boolean) ?? '(no agency named)';
  return { unmapped: name };
}

function readPlace(row: UsaspendingRow, places: PlaceResolver, problems: ImportProblem[]): AwardDraft['place'] {
  const code = row.get('primary_place_of_performance_country_code').trim();
  const name = row.get('primary_place_of_performance_country_name').trim();
  // U.S. states and territories reported with country USA are domestic: the country is the USA.
  const countryCode = (code && places.resolveCountryCode(code)) || (name && places.resolveCountryCode(name)) || undefined;
  if (countryCode) return { countryCode };
  if (!code && !name) {
    problems.push(
      problem(row.line, 'primary_place_of_performance_country_code', 'no place of performance given; imported without a place', 'warning'),
    );
    return null;
  }
  problems.push(
    problem(
      row.line,
      'primary_place_of_performance_country_code',
      `'${[code, name].filter(Boolean).join(' ')}' is not a known country; imported without a place and filed for review`,
      'warning',
    ),
  );
  return { unresolved: name || code };
}

/** The obligation of the fiscal year, and the source's totals as transactions. */
function readMoney(
  row: UsaspendingRow,
  key: string,
  fiscalYear: number,
  problems: ImportProblem[],
): Pick<AwardDraft, 'obligation' | 'transactions'> | undefined {
  const text = row.get('total_obligated_amount');
  const parsed = parseDecimalAmount(text);
  if (parsed.kind === 'invalid') {
    problems.push(problem(row.line, 'total_obligated_amount', `'${parsed.text}' is not an amount`, 'error'));
    return undefined;
  }
  const valueDate = dateOf(row.get('award_base_action_date'));
  const transactions: TransactionInput[] = [];
  let obligation: AwardDraft['obligation'];
  if (parsed.kind === 'empty') {
    problems.push(problem(row.line, 'total_obligated_amount', 'no obligation given; stored as unknown', 'warning'));
    obligation = { amountCents: null, amountNote: 'No obligation given in the USAspending summary' };
  } else {
    if (parsed.roundedFrom)
      problems.push(
        problem(row.line, 'total_obligated_amount', `'${parsed.roundedFrom}' has more than two decimals; rounded to cents`, 'warning'),
      );
    transactions.push({
      transactionType: 'commitment',
      valueDate,
      fiscalYear,
      amountMinor: parsed.minor,
      currency: 'USD',
      description: 'total_obligated_amount (net of deobligations)',
      sourceLocation: `${key}/total_obligated_amount`,
    });
    if (parsed.minor < 0n) {
      const note = `Net deobligation of ${formatUsd(-parsed.minor)}: the award's total obligation is negative`;
      problems.push(
        problem(
          row.line,
          'total_obligated_amount',
          `${note}; the fiscal year's obligation is stored as unknown, the negative total kept as a transaction`,
          'warning',
        ),
      );
      obligation = { amountCents: null, amountNote: note };
    } else {
      if (parsed.minor === 0n)
        problems.push(
          problem(row.line, 'total_obligated_amount', 'the total obligation is $0 (fully deobligated?); stored as zero', 'info'),
        );
      obligation = { amountCents: Number(parsed.minor), amountNote: null };
    }
  }
  const outlays = parseDecimalAmount(row.get('total_outlayed_amount'));
  if (outlays.kind === 'amount') {
    transactions.push({
      transactionType: 'disbursement',
      valueDate: null,
      fiscalYear: null,
      amountMinor: outlays.minor,
      currency: 'USD',
      description: 'total_outlayed_amount (cumulative, undated in the summary)',
      sourceLocation: `${key}/total_outlayed_amount`,
    });
  }
  return { obligation, transactions };
}

function recordOf(row: UsaspendingRow, columns: readonly UsaspendingColumn[]): Record<string, string> {
  return Object.fromEntries(columns.map((column) => [column, row.get(column).trim()]).filter(([, value]) => value !== ''));
}

function describe(row: UsaspendingRow, key: string): { title: string; description: string } {
  const text = row.get('prime_award_base_transaction_description').trim();
  const fain = row.get('award_id_fain').trim() || row.get('award_id_uri').trim() || key;
  const short = text.length > 150 ? `${text.slice(0, 149).trimEnd()}…` : text;
  return {
    title: short ? `${short} (${fain})` : `Award ${fain}`,
    description: [text, `Assistance listings: ${row.get('cfda_numbers_and_titles').trim()}.`, row.get('usaspending_permalink').trim()]
      .filter(Boolean)
      .join('\n\n'),
  };
}

/**
 * Reads one row of the download into an outcome; never throws on bad data. `listings` is the
 * set kept; rows under other listings are skipped before anything else is read.
 */
export function interpretRow(
  row: UsaspendingRow,
  options: { listings: Set<string>; places: PlaceResolver; columns: readonly UsaspendingColumn[] },
): RowOutcome {
  const listings = listingsOf(row.get('cfda_numbers_and_titles'));
  if (!listings.some((listing) => options.listings.has(listing))) return { kind: 'skipped' };
  const { line } = row;
  const key = row.get('assistance_award_unique_key').trim();
  if (!key)
    return {
      kind: 'rejected',
      problems: [problem(line, 'assistance_award_unique_key', 'the award has no unique key; it cannot be matched on re-import', 'error')],
    };
  const problems: ImportProblem[] = [];
  const fiscalYear = readFiscalYear(row, problems);
  if (!fiscalYear || fiscalYear < 1990 || fiscalYear > 2100) {
    return {
      kind: 'rejected',
      problems: [
        ...problems,
        problem(
          line,
          'award_base_action_date',
          'no base action date or fiscal year between 1990 and 2100: the obligation cannot be placed in a fiscal year',
          'error',
        ),
      ],
    };
  }
  const agency = readAgency(row, problems);
  if (typeof agency !== 'string') {
    const message = `agency '${agency.unmapped}' is not in the USAspending agency table (src/imports/usaspending/usaspending.agencies.ts); add it there once reviewed`;
    return {
      kind: 'rejected',
      problems: [...problems, problem(line, 'funding_agency_name', message, 'error')],
      unmappedAgency: agency.unmapped,
    };
  }
  const money = readMoney(row, key, fiscalYear, problems);
  if (!money) return { kind: 'rejected', problems };
  const uei = row.get('recipient_uei').trim().toUpperCase() || null;
  let name: string | null = row.get('recipient_name').trim() || row.get('recipient_name_raw').trim() || null;
  if (name && placeholderRecipients.test(name)) {
    problems.push(
      problem(line, 'recipient_name', `the recipient is given as '${name}'; imported without an implementing partner`, 'warning'),
    );
    name = null;
  } else if (!uei && name) problems.push(problem(line, 'recipient_uei', 'no UEI; the recipient is matched by name only', 'info'));
  else if (!name) problems.push(problem(line, 'recipient_name', 'no recipient named; imported without an implementing partner', 'warning'));
  const startDate = dateOf(row.get('period_of_performance_start_date'));
  const endDate = dateOf(row.get('period_of_performance_current_end_date'));
  const award: AwardDraft = {
    key,
    fiscalYear,
    fundingAgencyId: agency,
    listings,
    recipient: { uei: name ? uei : null, name },
    place: readPlace(row, options.places, problems),
    ...money,
    startDate,
    endDate: endDate && startDate && endDate < startDate ? null : endDate,
    ...describe(row, key),
    record: recordOf(row, options.columns),
  };
  if (award.endDate === null && endDate)
    problems.push(
      problem(
        line,
        'period_of_performance_current_end_date',
        `ends (${endDate}) before it starts (${startDate}); end date left unknown`,
        'warning',
      ),
    );
  return { kind: 'award', problems, award };
}
