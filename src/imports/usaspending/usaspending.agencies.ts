/**
 * Reviewed mapping from USAspending agency names to ctip agencies. USAspending names agencies at
 * two levels (toptier "awarding_agency_name", sub-tier "awarding_sub_agency_name"); the sub-tier
 * entry wins when ctip has that office, otherwise the department. Codes are the CGAC/FREC
 * toptier codes USAspending prints in awarding_agency_code. Add a line here (reviewed) rather than
 * guessing: an award whose agencies map to nothing is rejected and named in the report.
 */
export const toptierAgencies: { code: string; name: string; agencyId: string }[] = [
  { code: '015', name: 'Department of Justice', agencyId: 'doj' },
  { code: '075', name: 'Department of Health and Human Services', agencyId: 'hhs' },
  { code: '019', name: 'Department of State', agencyId: 'state' },
  { code: '072', name: 'Agency for International Development', agencyId: 'usaid' },
  { code: '1601', name: 'Department of Labor', agencyId: 'dol' },
  { code: '070', name: 'Department of Homeland Security', agencyId: 'dhs' },
];

/**
 * Sub-tier agencies ctip records separately. The Office of Justice Programs (OVC, BJA make the
 * 16.320 awards) and HHS's Administration for Children and Families (93.598, 93.327) have no
 * agency of their own in ctip yet, so they map to their department through `toptierAgencies`.
 */
export const subtierAgencies: { name: string; agencyId: string }[] = [
  { name: 'Federal Bureau of Investigation', agencyId: 'doj-fbi' },
  { name: 'Bureau of International Labor Affairs', agencyId: 'dol-ilab' },
  { name: 'U.S. Immigration and Customs Enforcement', agencyId: 'dhs-ice' },
];

const byCode = new Map(toptierAgencies.map((entry) => [entry.code, entry.agencyId]));
const byName = new Map(toptierAgencies.map((entry) => [entry.name.toLowerCase(), entry.agencyId]));
const bySubtier = new Map(subtierAgencies.map((entry) => [entry.name.toLowerCase(), entry.agencyId]));

/** The ctip agency of an agency as USAspending names it, or undefined when the table has none. */
export function mapUsaspendingAgency(agency: { code: string; name: string; subName: string }): string | undefined {
  const sub = bySubtier.get(agency.subName.trim().toLowerCase());
  if (sub) return sub;
  return byCode.get(agency.code.trim()) ?? byName.get(agency.name.trim().toLowerCase());
}

/** The trafficking-related assistance listings (CFDA numbers) imported by default. */
export const defaultListings: Record<string, string> = {
  '16.320': 'Services for Trafficking Victims (DOJ, Office for Victims of Crime)',
  '93.598': 'Services to Victims of a Severe Form of Trafficking (HHS, Administration for Children and Families)',
  '93.327': 'Demonstration Grants for Domestic Victims of Human Trafficking (HHS, Administration for Children and Families)',
};
