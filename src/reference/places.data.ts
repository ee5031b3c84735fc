/**
 * Reviewed place data that the npm packages do not carry: code fixes, historical countries and
 * the program regions (State Department bureaus, SADC, the Mekong…) that UN M49 lacks.
 * Aliases (other spellings) live in place-aliases.data.ts.
 */

/** A country whose ISO code changed or that no longer exists; kept so old records still resolve. */
export type HistoricalCountry = {
  code: string;
  alpha2: string;
  numericCode: string;
  name: string;
  officialName: string;
  /** The M49 sub-region it lay in, so regional roll-ups of old records still work. */
  regionCode: string;
  note: string;
};

/**
 * ISO 3166-3 withdrawn codes. Alpha-2 and numeric codes were reused (CS was Czechoslovakia, then
 * Serbia and Montenegro; 891 was both Yugoslavia and Serbia and Montenegro), so the resolver
 * matches historical rows only by name and alpha-3.
 */
export const historicalCountries: HistoricalCountry[] = [
  {
    code: 'YUG',
    alpha2: 'YU',
    numericCode: '891',
    name: 'Yugoslavia',
    officialName: 'Federal Republic of Yugoslavia',
    regionCode: '039',
    note: 'ISO kept YU/YUG for the Federal Republic until it became Serbia and Montenegro in 2003',
  },
  {
    code: 'SCG',
    alpha2: 'CS',
    numericCode: '891',
    name: 'Serbia and Montenegro',
    officialName: 'State Union of Serbia and Montenegro',
    regionCode: '039',
    note: '2003–2006; split into Serbia (SRB) and Montenegro (MNE)',
  },
  {
    code: 'SUN',
    alpha2: 'SU',
    numericCode: '810',
    name: 'Soviet Union',
    officialName: 'Union of Soviet Socialist Republics',
    regionCode: '151',
    note: 'dissolved 1991',
  },
  {
    code: 'CSK',
    alpha2: 'CS',
    numericCode: '200',
    name: 'Czechoslovakia',
    officialName: 'Czech and Slovak Federative Republic',
    regionCode: '151',
    note: 'split 1993 into Czechia (CZE) and Slovakia (SVK)',
  },
  {
    code: 'DDR',
    alpha2: 'DD',
    numericCode: '278',
    name: 'East Germany',
    officialName: 'German Democratic Republic',
    regionCode: '155',
    note: 'joined Germany (DEU) in 1990',
  },
  {
    code: 'ANT',
    alpha2: 'AN',
    numericCode: '530',
    name: 'Netherlands Antilles',
    officialName: 'Netherlands Antilles',
    regionCode: '029',
    note: 'dissolved 2010 into CUW, SXM and BES',
  },
];

/**
 * world-countries calls Kosovo 'UNK' (the UN mission's code); the code in use by the EU, the
 * U.S. government and most data sets is the user-assigned 'XKX'.
 */
export const countryCodeOverrides: Record<string, string> = { UNK: 'XKX' };

/** M49 leaves out Kosovo and Taiwan; give them the sub-region the UN lists their neighbours in. */
export const regionCodeOverrides: Record<string, string> = { XKX: '039', TWN: '030' };

/** Which countries a custom region covers: whole regions, plus and minus single countries. */
export type RegionMembers = { regions?: string[]; countries?: string[]; exceptCountries?: string[] };

/** A region that sources name but M49 does not have. */
export type CustomRegion = {
  code: string;
  name: string;
  kind: 'state-bureau' | 'program-region';
  /** The smallest region that contains every member (checked by a test). */
  parentCode: string;
  members: RegionMembers;
  note: string;
};

/**
 * The six regional bureaus of the U.S. Department of State, which organize the State TIP grant
 * listing and most U.S. foreign-assistance reporting. Boundaries as of the mid-2000s onward.
 */
export const stateBureauRegions: CustomRegion[] = [
  {
    code: 'ctip-state-af',
    name: 'Africa (State Department bureau)',
    kind: 'state-bureau',
    parentCode: '002',
    // Sudan is in M49's Northern Africa but has always been covered by the Africa bureau.
    members: { regions: ['202'], countries: ['SDN'] },
    note: 'Bureau of African Affairs: sub-Saharan Africa plus Sudan',
  },
  {
    code: 'ctip-state-eap',
    name: 'East Asia and Pacific',
    kind: 'state-bureau',
    parentCode: '001',
    members: { regions: ['030', '035', '009'] },
    note: 'Bureau of East Asian and Pacific Affairs',
  },
  {
    code: 'ctip-state-eur',
    name: 'Europe and Eurasia',
    kind: 'state-bureau',
    parentCode: '001',
    // Greenland is part of the Kingdom of Denmark and handled with it.
    members: { regions: ['150'], countries: ['ARM', 'AZE', 'GEO', 'TUR', 'CYP', 'GRL'] },
    note: 'Bureau of European and Eurasian Affairs; Central Asia moved to South and Central Asia in 2006',
  },
  {
    code: 'ctip-state-nea',
    name: 'Near East',
    kind: 'state-bureau',
    parentCode: '001',
    members: {
      countries: [
        'DZA',
        'BHR',
        'EGY',
        'IRN',
        'IRQ',
        'ISR',
        'JOR',
        'KWT',
        'LBN',
        'LBY',
        'MAR',
        'OMN',
        'PSE',
        'QAT',
        'SAU',
        'SYR',
        'TUN',
        'ARE',
        'YEM',
        'ESH',
      ],
    },
    note: 'Bureau of Near Eastern Affairs: North Africa and the Middle East',
  },
  {
    code: 'ctip-state-sca',
    name: 'South and Central Asia',
    kind: 'state-bureau',
    parentCode: '142',
    // Iran is in M49's Southern Asia but belongs to the Near East bureau.
    members: { regions: ['034', '143'], exceptCountries: ['IRN'] },
    note: 'Bureau of South and Central Asian Affairs (Central Asia since 2006)',
  },
  {
    code: 'ctip-state-wha',
    name: 'Western Hemisphere',
    kind: 'state-bureau',
    parentCode: '019',
    members: { regions: ['019'], exceptCountries: ['GRL'] },
    note: 'Bureau of Western Hemisphere Affairs',
  },
];

/** Program regions found in the State TIP grant listing's `regional` column and similar sources. */
export const programRegions: CustomRegion[] = [
  {
    code: 'ctip-mekong',
    name: 'Greater Mekong Subregion',
    kind: 'program-region',
    parentCode: 'ctip-state-eap',
    members: { countries: ['KHM', 'CHN', 'LAO', 'MMR', 'THA', 'VNM'] },
    note: 'the six COMMIT countries; China takes part through Yunnan and Guangxi',
  },
  {
    code: 'ctip-sadc',
    name: 'Southern African Development Community',
    kind: 'program-region',
    parentCode: '202',
    members: {
      countries: ['AGO', 'BWA', 'COM', 'COD', 'SWZ', 'LSO', 'MDG', 'MWI', 'MUS', 'MOZ', 'NAM', 'SYC', 'ZAF', 'TZA', 'ZMB', 'ZWE'],
    },
    note: 'current 16 members; Seychelles was out 2004–2008, Comoros joined 2017',
  },
  {
    code: 'ctip-african-union',
    name: 'African Union',
    kind: 'program-region',
    parentCode: '002',
    // The 55 member states: every independent African state plus the Sahrawi Republic; the
    // French, British and other territories in M49's Africa are not members.
    members: { regions: ['002'], exceptCountries: ['REU', 'MYT', 'SHN', 'IOT', 'ATF'] },
    note: '55 member states',
  },
  {
    code: 'ctip-pacific-islands',
    name: 'Pacific Islands',
    kind: 'program-region',
    parentCode: '009',
    members: { regions: ['054', '057', '061'] },
    note: 'Melanesia, Micronesia and Polynesia: Oceania without Australia and New Zealand',
  },
  {
    code: 'ctip-gulf',
    name: 'Gulf Cooperation Council countries',
    kind: 'program-region',
    parentCode: '145',
    members: { countries: ['BHR', 'KWT', 'OMN', 'QAT', 'SAU', 'ARE'] },
    note: 'the six GCC states',
  },
  {
    code: 'ctip-south-asia-gulf',
    name: 'South Asia and the Gulf',
    kind: 'program-region',
    parentCode: '142',
    members: { regions: ['034'], countries: ['BHR', 'KWT', 'OMN', 'QAT', 'SAU', 'ARE'] },
    note: 'labour-migration corridor: M49 Southern Asia plus the GCC states',
  },
  {
    code: 'ctip-rcm',
    name: 'Regional Conference on Migration',
    kind: 'program-region',
    parentCode: '019',
    members: { countries: ['BLZ', 'CAN', 'CRI', 'DOM', 'SLV', 'GTM', 'HND', 'MEX', 'NIC', 'PAN', 'USA'] },
    note: 'the Puebla Process member states',
  },
  {
    code: 'ctip-southern-cone',
    name: 'Southern Cone',
    kind: 'program-region',
    parentCode: '005',
    members: { countries: ['ARG', 'CHL', 'PRY', 'URY'] },
    note: 'Argentina, Chile, Paraguay and Uruguay',
  },
  {
    code: 'ctip-central-america-caribbean',
    name: 'Central America and the Caribbean',
    kind: 'program-region',
    parentCode: '419',
    members: { regions: ['013', '029'] },
    note: 'M49 Central America plus the Caribbean',
  },
  {
    code: 'ctip-north-central-america',
    name: 'North and Central America',
    kind: 'program-region',
    parentCode: '019',
    members: { regions: ['021', '013'] },
    note: 'M49 Northern America plus Central America (which includes Mexico)',
  },
  {
    code: 'ctip-west-central-africa',
    name: 'West and Central Africa',
    kind: 'program-region',
    parentCode: '202',
    members: { regions: ['011', '017'] },
    note: 'M49 Western Africa plus Middle Africa',
  },
  {
    code: 'ctip-southeast-europe',
    name: 'Southeast Europe',
    kind: 'program-region',
    parentCode: '150',
    members: { countries: ['ALB', 'BIH', 'BGR', 'HRV', 'XKX', 'MKD', 'MDA', 'MNE', 'ROU', 'SRB', 'SVN', 'YUG', 'SCG'] },
    note: 'the Balkans with Bulgaria, Romania and Moldova, as anti-trafficking programs use the term',
  },
  {
    code: 'ctip-southeast-east-europe',
    name: 'Southeast and Eastern Europe',
    kind: 'program-region',
    parentCode: '150',
    members: { regions: ['ctip-southeast-europe', '151'] },
    note: 'Southeast Europe plus M49 Eastern Europe',
  },
  {
    code: 'ctip-iraq-region',
    name: 'Iraq and neighbouring countries',
    kind: 'program-region',
    parentCode: '142',
    members: { countries: ['IRQ', 'IRN', 'JOR', 'KWT', 'SAU', 'SYR', 'TUR'] },
    note: 'the source does not list the countries: Iraq and its neighbours, which hosted Iraqi refugees; review',
  },
];

/** Every custom region, in dependency order (a region may include one defined before it). */
export const customRegions: CustomRegion[] = [...stateBureauRegions, ...programRegions];
