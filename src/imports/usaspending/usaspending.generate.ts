import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { usaspendingColumns, type UsaspendingColumn } from './usaspending.columns.ts';

/**
 * Synthetic rows in the real layout of the USAspending assistance prime-award summary, for the
 * benchmark and the kill test (no real award rows are stored in the repository). Recipients are
 * fictional. Deterministic: row `index` is always the same.
 */
export type AwardFields = Partial<Record<UsaspendingColumn, string>>;

const listings = [
  '16.320: SERVICES FOR TRAFFICKING VICTIMS',
  '93.598: SERVICES TO VICTIMS OF A SEVERE FORM OF TRAFFICKING',
  '93.327: DEMONSTRATION GRANTS FOR DOMESTIC VICTIMS OF HUMAN TRAFFICKING',
];
const otherListings = [
  '10.557: WIC SPECIAL SUPPLEMENTAL NUTRITION PROGRAM',
  '84.027: SPECIAL EDUCATION GRANTS TO STATES',
  '93.778: MEDICAL ASSISTANCE PROGRAM',
  '20.205: HIGHWAY PLANNING AND CONSTRUCTION',
];
const states = [
  ['CA', 'CALIFORNIA'],
  ['TX', 'TEXAS'],
  ['NY', 'NEW YORK'],
  ['FL', 'FLORIDA'],
  ['OH', 'OHIO'],
  ['WA', 'WASHINGTON'],
] as const;

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One row as CSV text (with its line break), every column in layout order. */
export function awardLine(fields: AwardFields): string {
  return `${usaspendingColumns.map((column) => csvCell(fields[column] ?? '')).join(',')}\n`;
}

export const headerLine = `${usaspendingColumns.join(',')}\n`;

/** A plausible award; `trafficking` picks one of the three listings, else another program. */
export function syntheticAward(
  index: number,
  options: { trafficking: boolean; keyPrefix?: string; /** Distinct recipient names (default 5,000). */ recipients?: number },
): AwardFields {
  const doj = index % 2 === 0;
  const [stateCode, stateName] = states[index % states.length]!;
  const fiscalYear = 2015 + (index % 9);
  const start = `${fiscalYear - 1}-10-${String(1 + (index % 28)).padStart(2, '0')}`;
  const fain = `${doj ? '15POVC' : '90ZV'}${String(fiscalYear).slice(2)}GK${String(index).padStart(7, '0')}`;
  const uei = `SYN${index.toString(36).toUpperCase().padStart(9, '0')}`;
  const cents = 5_000_000 + ((index * 7919) % 150_000_000);
  const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const listing = options.trafficking ? listings[index % 3]! : otherListings[index % otherListings.length]!;
  return {
    assistance_award_unique_key: `${options.keyPrefix ?? 'ASST_NON'}_${fain}_${doj ? '1550' : '7590'}`,
    award_id_fain: fain,
    award_latest_action_date: `${start}`,
    award_latest_action_date_fiscal_year: String(fiscalYear),
    total_obligated_amount: amount,
    total_outlayed_amount: amount,
    total_funding_amount: amount,
    award_base_action_date: start,
    award_base_action_date_fiscal_year: String(fiscalYear),
    period_of_performance_start_date: start,
    period_of_performance_current_end_date: `${fiscalYear + 2}-09-30`,
    awarding_agency_code: doj ? '015' : '075',
    awarding_agency_name: doj ? 'Department of Justice' : 'Department of Health and Human Services',
    awarding_sub_agency_name: doj ? 'Office of Justice Programs' : 'Administration for Children and Families',
    funding_agency_code: doj ? '015' : '075',
    funding_agency_name: doj ? 'Department of Justice' : 'Department of Health and Human Services',
    funding_sub_agency_name: doj ? 'Office of Justice Programs' : 'Administration for Children and Families',
    recipient_uei: uei,
    recipient_name: `SYNTHETIC RECIPIENT ${index % (options.recipients ?? 5000)}`,
    recipient_country_code: 'USA',
    recipient_country_name: 'UNITED STATES',
    recipient_state_code: stateCode,
    recipient_state_name: stateName,
    primary_place_of_performance_scope: 'Single State',
    primary_place_of_performance_country_code: 'USA',
    primary_place_of_performance_country_name: 'UNITED STATES',
    primary_place_of_performance_state_name: stateName,
    cfda_numbers_and_titles: listing,
    assistance_type_code: '04',
    assistance_type_description: 'PROJECT GRANT (B)',
    prime_award_base_transaction_description: `SYNTHETIC AWARD ${index}: SERVICES AND HOUSING FOR VICTIMS, CASE MANAGEMENT AND TRAINING FOR PARTNERS`,
    record_type_code: '2',
    record_type_description: 'NON-AGGREGATE RECORD',
    usaspending_permalink: `https://www.usaspending.gov/award/ASST_NON_${fain}`,
    last_modified_date: '2024-11-02 09:15:31',
  };
}

/**
 * Writes a file of `rows` synthetic awards, `traffickingShare` (0–1) of them under the default
 * listings, spread evenly. Streams: memory stays flat for a million rows.
 */
export async function writeSyntheticFile(options: {
  filePath: string;
  rows: number;
  traffickingShare: number;
  keyPrefix?: string;
  /** Distinct recipient names (default 5,000). */
  recipients?: number;
  /** Also write the rows under the listings, without header, here (the benchmark's COPY input). */
  keptPath?: string;
}): Promise<{ bytes: number; traffickingRows: number }> {
  const out = createWriteStream(options.filePath);
  const kept = options.keptPath ? createWriteStream(options.keptPath) : undefined;
  const every = options.traffickingShare > 0 ? Math.round(1 / options.traffickingShare) : Infinity;
  let bytes = 0;
  let traffickingRows = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(headerLine);
  for (let index = 0; index < options.rows; index += 1) {
    const trafficking = index % every === 0;
    const line = awardLine(syntheticAward(index, { trafficking, keyPrefix: options.keyPrefix, recipients: options.recipients }));
    if (trafficking) {
      traffickingRows += 1;
      if (kept && !kept.write(line)) await once(kept, 'drain');
    }
    await write(line);
  }
  out.end();
  kept?.end();
  await Promise.all([once(out, 'finish'), ...(kept ? [once(kept, 'finish')] : [])]);
  return { bytes, traffickingRows };
}
