/**
 * What makes an IATI activity "about trafficking" for `--only-trafficking`: reviewed data, not
 * code. An activity is kept when any rule matches; the report names every rule that did.
 *
 * - sector: a DAC 5-digit purpose code (sector vocabulary 1, the default) from the IATI Sector
 *   codelist. 15180 and 15190 are broad (all violence against women and girls; all migration):
 *   they keep activities a reviewer may then drop, and the report says that a sector rule alone
 *   matched.
 * - tag: an SDG target (tag vocabulary 3) whose text names trafficking or forced/child labour;
 *   8.7 is the trafficking target, 5.2 and 16.2 name trafficking of women and children.
 * - keyword: a case-insensitive regular expression over every title and description narrative,
 *   in English, French, Spanish, Portuguese, German and Russian.
 */
export type TraffickingRule =
  | { id: string; kind: 'sector'; code: string; description: string }
  | { id: string; kind: 'tag'; vocabularies: string[]; code: string; description: string }
  | { id: string; kind: 'keyword'; language: string; pattern: string; description: string };

export const traffickingRules: TraffickingRule[] = [
  { id: 'sector-15180', kind: 'sector', code: '15180', description: 'DAC sector 15180 Ending violence against women and girls (broad)' },
  {
    id: 'sector-15190',
    kind: 'sector',
    code: '15190',
    description: 'DAC sector 15190 Facilitation of orderly, safe, regular and responsible migration and mobility (broad)',
  },
  {
    id: 'sdg-8.7',
    kind: 'tag',
    vocabularies: ['3'],
    code: '8.7',
    description: 'SDG target 8.7: forced labour, modern slavery, human trafficking, child labour',
  },
  {
    id: 'sdg-5.2',
    kind: 'tag',
    vocabularies: ['3'],
    code: '5.2',
    description: 'SDG target 5.2: violence against women and girls, including trafficking',
  },
  {
    id: 'sdg-16.2',
    kind: 'tag',
    vocabularies: ['3'],
    code: '16.2',
    description: 'SDG target 16.2: abuse, exploitation and trafficking of children',
  },
  {
    id: 'en-trafficking',
    kind: 'keyword',
    language: 'en',
    pattern:
      '(?<!(?:drugs?|narcotics?|arms|weapons?|firearms?|wildlife|timber|ivory)[- ])\\btraffick(?:ing|ed|ers?)\\b(?!\\s+(?:of\\s+)?(?:drugs|narcotics|arms|weapons|wildlife|timber|ivory))',
    description: 'English: trafficking (not of drugs, arms or wildlife)',
  },
  {
    id: 'en-modern-slavery',
    kind: 'keyword',
    language: 'en',
    pattern: '\\bmodern[- ]day slavery\\b|\\bmodern slavery\\b',
    description: 'English: modern slavery',
  },
  {
    id: 'en-forced-labour',
    kind: 'keyword',
    language: 'en',
    pattern: '\\bforced labou?r\\b|\\bbonded labou?r\\b|\\bdebt bondage\\b',
    description: 'English: forced or bonded labour, debt bondage',
  },
  {
    id: 'en-child-labour',
    kind: 'keyword',
    language: 'en',
    pattern: '\\bchild labou?r\\b|\\bworst forms of child labou?r\\b',
    description: 'English: child labour',
  },
  {
    id: 'en-sexual-exploitation',
    kind: 'keyword',
    language: 'en',
    pattern: '\\bcommercial sexual exploitation\\b',
    description: 'English: commercial sexual exploitation',
  },
  {
    id: 'fr-traite',
    kind: 'keyword',
    language: 'fr',
    pattern: "\\btraite (?:des |d['’])(?:êtres humains|personnes|enfants|femmes)\\b",
    description: 'French: traite des êtres humains / des personnes',
  },
  {
    id: 'fr-travail-force',
    kind: 'keyword',
    language: 'fr',
    pattern: '\\btravail forcé\\b|\\btravail des enfants\\b',
    description: 'French: travail forcé, travail des enfants',
  },
  {
    id: 'es-trata',
    kind: 'keyword',
    language: 'es',
    pattern: '\\btrata de (?:personas|seres humanos|mujeres|niñ[oa]s)\\b',
    description: 'Spanish: trata de personas',
  },
  {
    id: 'es-trabajo-forzoso',
    kind: 'keyword',
    language: 'es',
    pattern: '\\btrabajo forzos[oa]\\b|\\btrabajo infantil\\b',
    description: 'Spanish: trabajo forzoso, trabajo infantil',
  },
  {
    id: 'pt-trafico',
    kind: 'keyword',
    language: 'pt',
    pattern: '\\btráfico de (?:pessoas|seres humanos)\\b|\\btráfico humano\\b',
    description: 'Portuguese: tráfico de pessoas',
  },
  {
    id: 'pt-trabalho-forcado',
    kind: 'keyword',
    language: 'pt',
    pattern: '\\btrabalho (?:forçado|escravo|infantil)\\b',
    description: 'Portuguese: trabalho forçado, escravo, infantil',
  },
  {
    id: 'de-menschenhandel',
    kind: 'keyword',
    language: 'de',
    pattern: 'menschenhandel|zwangsarbeit|kinderarbeit',
    description: 'German: Menschenhandel, Zwangsarbeit, Kinderarbeit',
  },
  {
    id: 'ru-torgovlya-lyudmi',
    kind: 'keyword',
    language: 'ru',
    pattern: 'торговл[яиейю] людьми|принудительн[а-я]* труд',
    description: 'Russian: торговля людьми, принудительный труд',
  },
];
