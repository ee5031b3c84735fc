/**
 * Implementing partners known by several spellings, kept as reviewed data: each entry names one
 * organization, its IATI OrganisationType code, whether it is faith-based, and every spelling
 * seen in the sources that certainly means it. Spellings were taken from the `recipient` and
 * `subgrantee` columns of the State TIP grant listing (funding_original.csv, Kelley & Heiss, MIT).
 *
 * Only spellings that name exactly one organization belong here. Lists ("IOM, ILO, UNICEF",
 * "DOJ/ICITAP & OPDAT") are split by the imports only when every part is a spelling listed here
 * (src/imports/shared/split-recipients.ts); programs ("Fulbright US Student"), places ("Embassy PAS", "Post") and
 * placeholders ("Individual", "TBD") are left for a person to map: an import files them as
 * unresolved names instead.
 *
 * Matching goes through `normalizeName`, so case, punctuation and spacing need no entries of
 * their own ("ILO/IPEC" and "ILO-IPEC" are one spelling); typos do.
 *
 * IATI OrganisationType codes used: 10 government, 21 international NGO, 22 national NGO,
 * 40 multilateral, 60 foundation, 70 private sector, 80 academic, training and research.
 * https://iatistandard.org/en/iati-standard/203/codelists/organisationtype/
 */
export type ReviewedOrganization = {
  /** Canonical name; it is an alias of itself. */
  name: string;
  typeCode: '10' | '11' | '15' | '21' | '22' | '23' | '24' | '30' | '40' | '60' | '70' | '71' | '72' | '73' | '80' | '90';
  faithBased?: boolean;
  /** ISO 3166-1 alpha-3 of the headquarters, when it is part of what identifies the organization. */
  countryCode?: string;
  aliases: string[];
};

/** Intergovernmental organizations (IATI 40, multilateral). */
const multilaterals: ReviewedOrganization[] = [
  {
    name: 'International Organization for Migration',
    typeCode: '40',
    aliases: ['IOM', 'International Organization for Migration (IOM)', 'IOM,', 'IOM: Geneva HQ', 'IOM Mission in Ukraine'],
  },
  {
    name: 'International Labour Organization',
    typeCode: '40',
    aliases: [
      'ILO',
      'ILO/IPEC',
      'ILO-IPEC',
      'ILO, IPEC',
      'ILO, International Program on the Elimination of Child Labor',
      'ILO - International Program on the Elimination of Child Labor',
      'International Labor Organization',
      'International Programme on the Elimination of Child Labour',
    ],
  },
  {
    name: 'United Nations Office on Drugs and Crime',
    typeCode: '40',
    aliases: [
      'UNODC',
      'United Nations Office on Drugs and Crime (UNODC)',
      // The UN Office for Drug Control and Crime Prevention became UNODC in 2002.
      'UNODCCP',
      'UNODCCP/CICP',
      'UNODCCP/Crime Center',
      'United Nations Office of Drug Control and Crime Prevention/Crime Center',
    ],
  },
  { name: "United Nations Children's Fund", typeCode: '40', aliases: ['UNICEF'] },
  {
    // Merged into UN Women in 2011; the grants name UNIFEM.
    name: 'United Nations Development Fund for Women',
    typeCode: '40',
    aliases: ['UNIFEM'],
  },
  { name: 'United Nations Development Programme', typeCode: '40', aliases: ['UNDP'] },
  {
    name: 'United Nations Inter-Agency Project on Human Trafficking',
    typeCode: '40',
    aliases: ['UNIAP', 'United Nations Inter-Agency Project on Human Trafficking (UNIAP)'],
  },
  {
    name: 'Organization for Security and Co-operation in Europe',
    typeCode: '40',
    aliases: [
      'OSCE',
      'Organization for Security and Cooperation in Europe (OSCE)',
      'Organization for Security and Co-operation in Europe (OSCE)',
    ],
  },
  {
    name: 'Organization of American States',
    typeCode: '40',
    aliases: ['OAS', 'Organization of the American States (OAS)', 'Organization of American States (OAS)'],
  },
  {
    name: 'International Centre for Migration Policy Development',
    typeCode: '40',
    aliases: [
      'ICMPD',
      'International Centre for Migration Policy Development (ICMPD)',
      'International Center for Migration Policy Development',
    ],
  },
  {
    name: 'Economic Community of West African States',
    typeCode: '40',
    aliases: ['ECOWAS', 'Economic Community of West African States (ECOWAS)'],
  },
];

/** U.S. government bodies that receive TIP Office funds through interagency agreements (IATI 10). */
const usGovernment: ReviewedOrganization[] = [
  {
    name: 'U.S. Department of Justice',
    typeCode: '10',
    countryCode: 'USA',
    aliases: ['DOJ', 'USDOJ', 'US Department of Justice', 'Department of Justice', 'Dept. of Justice'],
  },
  {
    name: 'U.S. Department of Justice, Office of Overseas Prosecutorial Development, Assistance and Training (OPDAT)',
    typeCode: '10',
    countryCode: 'USA',
    aliases: [
      'OPDAT',
      'DOJ/OPDAT',
      'USDOJ/OPDAT',
      'DOJ, OPDAT',
      'Dept. of Justice OPDAT',
      'DOJ/Ovreseas Prosecutorial Development Assistance, and Training',
      'Overseas Prosecutorial Development, Assistance and Training',
      // Resident Legal Advisors are OPDAT's staff abroad.
      'USDOJ/OPDAT/RLA Office Bucharest',
    ],
  },
  {
    name: 'U.S. Department of Justice, International Criminal Investigative Training Assistance Program (ICITAP)',
    typeCode: '10',
    countryCode: 'USA',
    aliases: [
      'ICITAP',
      'DOJ/ICITAP',
      'USDOJ/ICITAP',
      'DOJ ICITAP',
      'US Department of Justice, ICITAP',
      'International Criminal Investigative Training Assistance Program',
      'International Criminal Investigative Training Assistance Program (ICITAP)',
      'International Criminal Investigative Training Assistance Program (ICITP)',
      'International Criminal Investigative Training',
      'ICTAP',
    ],
  },
];

/** Nongovernmental organizations working internationally (IATI 21). */
const internationalNgos: ReviewedOrganization[] = [
  {
    name: 'The Asia Foundation',
    typeCode: '21',
    aliases: ['TAF', 'The Asia Foundation (TAF)', 'Asia Foundation'],
  },
  {
    name: 'Academy for Educational Development',
    typeCode: '21',
    aliases: ['AED', 'Academy for Educational Development (AED)'],
  },
  {
    name: 'American Center for International Labor Solidarity (Solidarity Center)',
    typeCode: '21',
    aliases: [
      'ACILS',
      'Solidarity Center',
      'American Center for International Labor Solidarity',
      'American Center for International Labor Solidarity (ACILS)',
      'American Center for International Labor Solidarity (Solidarity Center)',
    ],
  },
  {
    name: 'Institute of International Education',
    typeCode: '21',
    aliases: [
      'IIE',
      'Institute for International Education',
      'Institute of International Education (IIE)',
      'Humphrey Fellow/IIE',
      'IIE - Humphrey Program',
      'IIE - Humphrey',
      'IIE - Fulbright US Student',
    ],
  },
  {
    name: 'Catholic Relief Services',
    typeCode: '21',
    faithBased: true,
    aliases: ['CRS', 'Catholic Relief Services (CRS)', 'Catholic Relief Services (CRS', 'Catholic Relief Service'],
  },
  { name: 'World Vision', typeCode: '21', faithBased: true, aliases: ['World Vision International'] },
  {
    name: 'International Justice Mission',
    typeCode: '21',
    faithBased: true,
    aliases: ['IJM', 'International Justice Mission (IJM)', 'International Justive Mission (IJM)'],
  },
  {
    name: 'World Hope International',
    typeCode: '21',
    faithBased: true,
    aliases: ['World Hope International (WHI)', 'WHI'],
  },
  {
    name: 'International Catholic Migration Commission',
    typeCode: '21',
    faithBased: true,
    aliases: ['ICMC', 'International Catholic Migration Commission (ICMC)', 'Catholic Migration Commission (ICMC)'],
  },
  { name: 'Winrock International', typeCode: '21', aliases: ['Winrock'] },
  {
    name: 'International Research and Exchanges Board',
    typeCode: '21',
    aliases: ['IREX', 'IREX;', 'International Research and Exchanges Board (IREX)', 'International Research and Exchanges Board (IREB)'],
  },
  {
    name: 'American Bar Association',
    typeCode: '21',
    aliases: [
      'ABA',
      'American Bar Association (ABA)',
      'American Bar Association Fund for Justice and Education',
      'American Bar Association Fund for Justice and Education (ABA)',
      'American Bar Association Fund for Justice',
      'American Bar Association Fun for Justice',
    ],
  },
  {
    name: 'Save the Children',
    typeCode: '21',
    aliases: ['Save the Children USA', 'Save the Children Federation', 'Save the Children Federation, USA'],
  },
  {
    name: 'International Rescue Committee',
    typeCode: '21',
    aliases: ['IRC', 'International Rescue Committee (IRC)'],
  },
  { name: 'Partners of the Americas', typeCode: '21', aliases: [] },
  { name: 'Pan American Development Foundation', typeCode: '21', aliases: [] },
  // The listing's Terre des Hommes grants (Albania, Nepal) are those of the Lausanne foundation.
  { name: 'Terre des Hommes', typeCode: '21', aliases: ['Terre des Hommes Foundation'] },
  { name: 'World Learning', typeCode: '21', aliases: [] },
  { name: 'World Education', typeCode: '21', aliases: [] },
  { name: 'Vital Voices Global Partnership', typeCode: '21', aliases: ['Vital Voices'] },
  { name: 'Free the Slaves', typeCode: '21', aliases: ['Free the Slaves (FTS)'] },
  { name: 'Anti-Slavery International', typeCode: '21', aliases: [] },
  { name: 'Meridian International Center', typeCode: '21', aliases: ['Meridian'] },
  { name: 'Heartland Alliance for Human Needs and Human Rights', typeCode: '21', aliases: [] },
  {
    name: 'Coalition Against Trafficking in Women',
    typeCode: '21',
    aliases: ['CATW', 'Coalition Against Trafficking in Women (CAT-W)'],
  },
  { name: 'Visayan Forum Foundation', typeCode: '22', countryCode: 'PHL', aliases: ['Visayan Forum Foundation (VFF)', 'VFF'] },
  { name: 'MiraMed Institute', typeCode: '21', aliases: ['MiraMed'] },
  {
    name: 'Cooperative Housing Foundation International',
    typeCode: '21',
    aliases: ['CHF', 'Cooperative Housing Foundation International (CHF)'],
  },
  {
    name: 'International Organization for Adolescents',
    typeCode: '21',
    aliases: ['IOFA', 'International Organization for Adolescents (IOFA)'],
  },
  { name: 'Shared Hope International', typeCode: '21', aliases: [] },
];

/** NGOs working in the United States (IATI 22), named in the domestic rows. */
const domesticNgos: ReviewedOrganization[] = [
  { name: 'Polaris Project', typeCode: '22', countryCode: 'USA', aliases: ['The Polaris Project'] },
  {
    name: 'Coalition to Abolish Slavery and Trafficking',
    typeCode: '22',
    countryCode: 'USA',
    aliases: ['CAST', 'Coalition to Abolish Slavery & Trafficking', 'Coalition to Abolish Slavery and Trafficking (CAST)'],
  },
  {
    name: 'United States Conference of Catholic Bishops',
    typeCode: '22',
    countryCode: 'USA',
    faithBased: true,
    aliases: ['USCCB', 'US Conference of Catholic Bishops', 'U.S. Conference of Catholic Bishops'],
  },
  { name: 'The Salvation Army', typeCode: '22', countryCode: 'USA', faithBased: true, aliases: ['Salvation Army'] },
  { name: 'Urban Institute', typeCode: '80', countryCode: 'USA', aliases: [] },
];

/** Every reviewed organization, with the spellings that resolve to it. */
export const reviewedOrganizations: ReviewedOrganization[] = [...multilaterals, ...usGovernment, ...internationalNgos, ...domesticNgos];
