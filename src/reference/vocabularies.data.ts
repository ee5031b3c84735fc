/**
 * The closed vocabularies programs are tagged with. Codes are stable kebab-case identifiers that
 * records, filters and exports store; names may be reworded without touching any record.
 * Sources: the fact sheet (seed/trafficking-in-persons-fact-sheet.txt) unless a note says otherwise.
 */

export type Pillar = 'prevention' | 'protection' | 'prosecution' | 'partnership';

export type VocabularyTerm = {
  code: string;
  name: string;
  description?: string;
  /** For assistance types: the pillar the activity serves by default. */
  pillar?: Pillar;
};

export const vocabularyNames = ['pillar', 'assistance-type', 'trafficking-form', 'target-group'] as const;
export type VocabularyName = (typeof vocabularyNames)[number];

/** The "3P" paradigm plus partnership, which the TIP Office added as a fourth P. */
const pillars: VocabularyTerm[] = [
  { code: 'prevention', name: 'Prevention', description: 'Stopping victimization before it happens' },
  { code: 'protection', name: 'Protection', description: 'Identifying, sheltering and assisting victims' },
  { code: 'prosecution', name: 'Prosecution', description: 'Investigating, prosecuting and punishing traffickers' },
  { code: 'partnership', name: 'Partnership', description: 'Coordination among governments, agencies and civil society' },
];

/** The fact sheet's list of assistance "that has had a positive impact", and the TIP Office's list. */
const assistanceTypes: VocabularyTerm[] = [
  {
    code: 'laws-drafting',
    name: 'Development or improvement of anti-trafficking laws',
    pillar: 'prosecution',
    description: 'Drafting or strengthening laws, legislative and policy reform',
  },
  { code: 'law-enforcement-equipment', name: 'Equipment for law enforcement', pillar: 'prosecution' },
  {
    code: 'training-officials',
    name: 'Training for government officials',
    pillar: 'prosecution',
    description: 'Police, prosecutors, judges, border and immigration officials',
  },
  { code: 'anti-corruption', name: 'Anti-corruption measures', pillar: 'prosecution' },
  {
    code: 'economic-alternatives',
    name: 'Economic alternative programs for vulnerable groups',
    pillar: 'prevention',
    description: 'Livelihoods, vocational training and links to legitimate work',
  },
  {
    code: 'education',
    name: 'Education programs',
    pillar: 'prevention',
    description: 'Addressing both the supply and the demand side of trafficking',
  },
  {
    code: 'awareness',
    name: 'Awareness and outreach',
    pillar: 'prevention',
    description: 'Campaigns for at-risk populations and policy makers',
  },
  { code: 'demand-deterrence', name: 'Deterrence of the demand for sex trafficking', pillar: 'prevention' },
  {
    code: 'training-medical-personnel',
    name: 'Training for medical personnel',
    pillar: 'protection',
    description: 'So that health workers recognize and refer victims',
  },
  {
    code: 'victim-identification',
    name: 'Victim identification',
    pillar: 'protection',
    description: 'Screening and referral of victims of a severe form of trafficking',
  },
  { code: 'shelters', name: 'Shelters, crisis centers and safe houses', pillar: 'protection', description: 'Establishment or renovation' },
  { code: 'hotlines', name: 'Hotlines', pillar: 'protection' },
  {
    code: 'return-reintegration',
    name: 'Return and reintegration assistance',
    pillar: 'protection',
    description: 'Voluntary and humane return, and reintegration of adult and child victims',
  },
  { code: 'psychological-services', name: 'Psychological services for victims', pillar: 'protection' },
  { code: 'legal-services', name: 'Legal services for victims', pillar: 'protection' },
  { code: 'medical-services', name: 'Medical services for victims', pillar: 'protection' },
  { code: 'counseling-services', name: 'Counseling services for victims', pillar: 'protection' },
  { code: 'ngo-capacity-building', name: 'Support and training for NGOs and service providers', pillar: 'partnership' },
  {
    code: 'regional-cooperation',
    name: 'Regional and bilateral cooperation',
    pillar: 'partnership',
    description: 'Regional and national strategies, cross-border cooperation',
  },
  // Research informs every pillar; it is filed under partnership because it is shared knowledge
  // (the grant listing itself tracks it apart from the three Ps).
  { code: 'research', name: 'Research and data collection', pillar: 'partnership' },
];

const traffickingForms: VocabularyTerm[] = [
  { code: 'sex-trafficking', name: 'Sex trafficking' },
  { code: 'forced-labor', name: 'Forced labor' },
  { code: 'domestic-servitude', name: 'Domestic servitude' },
  { code: 'debt-bondage', name: 'Debt bondage', description: 'Bonded labor' },
  { code: 'child-soldiers', name: 'Child soldiers', description: 'Unlawful recruitment or use of children in armed conflict' },
  { code: 'child-sex-tourism', name: 'Child sex tourism', description: 'Reached abroad by the PROTECT Act of 2003' },
  { code: 'commercial-sexual-exploitation-of-children', name: 'Commercial sexual exploitation of children' },
  { code: 'child-camel-jockeys', name: 'Child camel jockeys' },
  { code: 'worst-forms-of-child-labor', name: 'Worst forms of child labor', description: 'ILO Convention 182' },
  { code: 'forced-begging', name: 'Forced begging' },
  { code: 'forced-marriage', name: 'Forced marriage' },
  { code: 'organ-removal', name: 'Trafficking for organ removal' },
];

const targetGroups: VocabularyTerm[] = [
  { code: 'women', name: 'Women' },
  { code: 'children', name: 'Children' },
  { code: 'men', name: 'Men' },
  { code: 'trafficking-victims', name: 'Victims and survivors of trafficking' },
  { code: 'vulnerable-groups', name: 'Vulnerable and at-risk groups' },
  { code: 'migrants', name: 'Migrants' },
  { code: 'refugees', name: 'Refugees' },
  { code: 'internally-displaced-persons', name: 'Internally displaced persons' },
  { code: 'government-officials', name: 'Government officials' },
  { code: 'law-enforcement', name: 'Law enforcement officers' },
  { code: 'prosecutors-judges', name: 'Prosecutors and judges' },
  { code: 'medical-personnel', name: 'Medical personnel' },
  { code: 'service-providers', name: 'NGOs and service providers' },
  { code: 'employers', name: 'Employers' },
  { code: 'policy-makers', name: 'Policy makers' },
  { code: 'general-public', name: 'General public' },
];

/** Every vocabulary with its terms in display order (the order becomes `sortOrder`). */
export const vocabularies: Record<VocabularyName, VocabularyTerm[]> = {
  pillar: pillars,
  'assistance-type': assistanceTypes,
  'trafficking-form': traffickingForms,
  'target-group': targetGroups,
};
