/**
 * Reviewed tables from the IATI codelists (IATI-Codelists-2.03 and -NonEmbedded, see
 * ../shared/data/iati) to ctip's vocabularies. Only certain mappings are here; what is not
 * listed is kept in sourceRecord and reported, never guessed.
 */
import type { programStatuses } from '../../programs/program.schemas.ts';

/** TransactionType: 2.x numeric codes and the 1.x letters, to the names stored in program_transactions. */
export const transactionTypes: Record<string, string> = {
  '1': 'incoming-funds',
  IF: 'incoming-funds',
  '2': 'commitment',
  C: 'commitment',
  '3': 'disbursement',
  D: 'disbursement',
  '4': 'expenditure',
  E: 'expenditure',
  '5': 'interest-payment',
  IR: 'interest-payment',
  '6': 'loan-repayment',
  LR: 'loan-repayment',
  '7': 'reimbursement',
  R: 'reimbursement',
  '8': 'purchase-of-equity',
  QP: 'purchase-of-equity',
  '9': 'sale-of-equity',
  QS: 'sale-of-equity',
  '10': 'credit-guarantee',
  CG: 'credit-guarantee',
  '11': 'incoming-commitment',
  '12': 'outgoing-pledge',
  '13': 'incoming-pledge',
};

/** 1.x files often put the type's name, not its code, in transaction-type text. */
export const transactionTypeNames: Record<string, string> = Object.fromEntries(
  [
    'incoming funds',
    'commitment',
    'disbursement',
    'expenditure',
    'interest repayment',
    'loan repayment',
    'reimbursement',
    'purchase of equity',
    'sale of equity',
    'credit guarantee',
  ].map((name) => [name, name === 'interest repayment' ? 'interest-payment' : name.replaceAll(' ', '-')]),
);

type ProgramStatus = (typeof programStatuses)[number];

/**
 * ActivityStatus → ctip status. 1.x used the same codes (4 was "Post-completion").
 * 3 Finalisation is still running; 6 Suspended has no ctip status and stays 'active'
 * (with a warning, and the code in sourceRecord).
 */
export const activityStatuses: Record<string, ProgramStatus> = {
  '1': 'proposed',
  '2': 'active',
  '3': 'active',
  '4': 'completed',
  '5': 'cancelled',
  '6': 'active',
};

/** OrganisationRole: 2.x codes and 1.x names. */
export const organisationRoles: Record<string, 'funding' | 'accountable' | 'extending' | 'implementing'> = {
  '1': 'funding',
  funding: 'funding',
  '2': 'accountable',
  accountable: 'accountable',
  '3': 'extending',
  extending: 'extending',
  '4': 'implementing',
  implementing: 'implementing',
};

/** ActivityDateType: 2.x codes and 1.x names. */
export const activityDateTypes: Record<string, 'start-planned' | 'start-actual' | 'end-planned' | 'end-actual'> = {
  '1': 'start-planned',
  'start-planned': 'start-planned',
  '2': 'start-actual',
  'start-actual': 'start-actual',
  '3': 'end-planned',
  'end-planned': 'end-planned',
  '4': 'end-actual',
  'end-actual': 'end-actual',
};

/**
 * IATI organisation identifiers of U.S. funders that are ctip agencies. Both forms are used:
 * the 1.x codelist's `US-n` and the registry's `US-GOV-n` (same numbers, from the
 * ForeignAssistance.gov agency list: 1 USAID, 11 State, 17 Labor; CDC (15) and NIH (16) are
 * HHS operating divisions). Other U.S. identifiers (Defense, Treasury, Peace Corps…) name
 * bodies ctip does not have and need --funding-agency.
 */
export const fundingAgencyByOrgRef: Record<string, string> = {
  'US-1': 'usaid',
  'US-GOV-1': 'usaid',
  'US-11': 'state',
  'US-GOV-11': 'state',
  'US-17': 'dol',
  'US-GOV-17': 'dol',
  'US-15': 'hhs',
  'US-GOV-15': 'hhs',
  'US-16': 'hhs',
  'US-GOV-16': 'hhs',
};

/**
 * Region vocabulary 1 (OECD DAC regions, the default) → UN M49 regions, only where the DAC
 * region names the same area (DAC lists cover ODA-eligible countries only, so a DAC region
 * may leave out a rich country M49 includes). Not mapped, kept in sourceRecord with a warning:
 * 88 States Ex-Yugoslavia, 589 Middle East, 689 South & Central Asia, 789 Far East Asia,
 * 998 Developing countries unspecified.
 */
export const dacRegionToM49: Record<string, string> = {
  '89': '150', // Europe, regional → Europe
  '189': '015', // North of Sahara → Northern Africa
  '289': '202', // South of Sahara → Sub-Saharan Africa
  '298': '002', // Africa, regional → Africa
  '380': '029', // West Indies → Caribbean
  '389': 'ctip-central-america-caribbean', // Caribbean & Central America
  '489': '005', // South America
  '498': '019', // America, regional → Americas
  '619': '143', // Central Asia
  '679': '034', // South Asia → Southern Asia
  '798': '142', // Asia, regional → Asia
  '889': '009', // Oceania
  '1027': '014', // Eastern Africa
  '1028': '017', // Middle Africa
  '1029': '018', // Southern Africa
  '1030': '011', // Western Africa
  '1031': '029', // Caribbean
  '1032': '013', // Central America
  '1033': '054', // Melanesia
  '1034': '057', // Micronesia
  '1035': '061', // Polynesia
};

/**
 * ISO 4217 minor units for the currencies whose unit is not 2 decimals. Amounts are stored in
 * the minor unit of their own currency (yen, not hundredths of a yen).
 */
export const currencyExponents: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

export function exponentOf(currency: string): number {
  return currencyExponents[currency] ?? 2;
}
