/**
 * Every distinct spelling in the `name` column of the State TIP grant listing, FY2001–2014
 * (funding_original.csv from Judith Kelley and Andrew Heiss, *Scorecard Diplomacy* data, MIT
 * License, copied from ../shared/data/tip-grants). Kept here so tests never read outside the repo.
 * "Cote D\uFFFDIvoire" holds the replacement character the file really contains.
 */
export const tipGrantsPlaceNames: string[] = [
  'Afghanistan', 'Africa', 'Albania', 'Algeria', 'Angola', 'Antigua&Barbuda', 'Argentina', 'Armenia',
  'Australia', 'Austria', 'Azerbaijan', 'Bahamas', 'Bahrain', 'Bangladesh', 'Barbados', 'Belarus', 'Belgium',
  'Belize', 'Benin', 'Bhutan', 'Bolivia', 'BosniaandHerz', 'Botswana', 'Brazil', 'Brunei', 'Bulgaria',
  'BurkinaFaso', 'Burma', 'Burundi', 'Cambodia', 'Cameroon', 'Canada', 'CapeVerde', 'CentralAfRep', 'Chad',
  'Chile', 'China', 'Colombia', 'Comoros', 'Congo (Brazzaville; Rep)', 'Congo, DemRep',
  'Congo, DemRep (Zaire)', 'CostaRica', 'Cote D\uFFFDIvoire', 'Croatia', 'Cuba', 'Cyprus', 'CzechRep',
  'Denmark', 'Djibouti', 'DomRep', 'Dominica', 'East Asia and Pacific Islands', 'East Timor', 'Ecuador',
  'Egypt', 'ElSalvador', 'EqGuinea', 'Eritrea', 'Estonia', 'Ethiopia', 'Europe', 'Fiji', 'Finland', 'France',
  'Gabon', 'Gambia', 'Georgia', 'Germany', 'Ghana', 'Global', 'Greece', 'Grenada', 'Guatemala', 'Guinea',
  'Guinea-Bissau', 'Guyana', 'Haiti', 'Honduras', 'Hungary', 'Iceland', 'India', 'Indonesia', 'Iran', 'Iraq',
  'Ireland', 'Israel', 'Italy', 'Jamaica', 'Japan', 'Jordan', 'Kazakhstan', 'Kenya', 'Kiribati', 'Kosovo',
  'Kuwait', 'KyrgyzRep', 'Laos', 'Latvia', 'Lebanon', 'Lesotho', 'Liberia', 'Libya', 'Lithuania',
  'Luxembourg', 'Macedonia', 'Madagasgar', 'Malawi', 'Malaysia', 'Maldives', 'Mali', 'Malta', 'MarshallIs',
  'Mauritania', 'Mauritius', 'Mexico', 'Micronesia', 'Moldova', 'Mongolia', 'Montenegro', 'Morocco',
  'Mozambique', 'Namibia', 'Near East Asia', 'Nepal', 'Netherlands', 'NewZealand', 'Nicaragua', 'Niger',
  'Nigeria', 'Norway', 'Oman', 'Pakistan', 'Panama', 'PapuaNG', 'Paraguay', 'Peru', 'Philippines', 'Poland',
  'Portugal', 'Qatar', 'Romania', 'Russia', 'Rwanda', 'Samoa', 'SaoT&P', 'SaudiArabia', 'Senegal', 'Serbia',
  'Seychelles', 'SierraLeone', 'Singapore', 'SlovakRep', 'Slovenia', 'SolomonIs', 'Somalia', 'South Korea',
  'South and Central Asia', 'SouthAfrica', 'Spain', 'SriLanka', 'St.Kitts&Nevis', 'St.Lucia', 'St.Vincent',
  'Sudan', 'Surinam', 'Swaziland', 'Sweden', 'Switzerland', 'Syria', 'Taiwan', 'Tajikistan', 'Tanzania',
  'Thailand', 'Togo', 'Tonga', 'Trin&Tobago', 'Tunisia', 'Turkey', 'Turkmenistan', 'UArabEmir', 'UK', 'USA',
  'Uganda', 'Ukraine', 'Uruguay', 'Uzbekistan', 'Vanuatu', 'Vatican', 'Venezuela', 'VietNam',
  'Western Hemisphere', 'YemenAR', 'Yugoslavia', 'Zambia', 'Zimbabwe',
];

/** The bureau-level names of the same column, which mean State Department regions there. */
export const tipGrantsBureauNames: Record<string, string> = {
  Africa: 'ctip-state-af',
  'East Asia and Pacific Islands': 'ctip-state-eap',
  Europe: 'ctip-state-eur',
  'Near East Asia': 'ctip-state-nea',
  'South and Central Asia': 'ctip-state-sca',
  'Western Hemisphere': 'ctip-state-wha',
  Global: '001',
};

/** Single-place spellings of the listing's `regional` column (lists of places are split elsewhere). */
export const tipGrantsRegionalSpellings: Record<string, string> = {
  'Africa Regional': 'ctip-state-af',
  'African Union': 'ctip-african-union',
  Caribbean: '029',
  'Central Africa': '017',
  'Central America': '013',
  'Central America and the Caribbean': 'ctip-central-america-caribbean',
  'Central Asia': '143',
  'East Africa': '014',
  'East Asia': '030',
  'East Asia and Pacific Islands': 'ctip-state-eap',
  'East Asia and Pacific Islands Regional': 'ctip-state-eap',
  'Europe Regional': 'ctip-state-eur',
  'Europe/Eurasia': 'ctip-state-eur',
  Global: '001',
  'Iraq Region': 'ctip-iraq-region',
  'Latin America': '419',
  'Latin America and Caribbean Regional': '419',
  'Latin American Southern Cone': 'ctip-southern-cone',
  'Mekong Region': 'ctip-mekong',
  'North and Central America': 'ctip-north-central-america',
  'Pacific Islands': 'ctip-pacific-islands',
  'RCM Region': 'ctip-rcm',
  'SADC Region': 'ctip-sadc',
  'South America': '005',
  'South Asia Regional': '034',
  'South Asian and Gulf Countries': 'ctip-south-asia-gulf',
  'Southeast and East Europe': 'ctip-southeast-east-europe',
  'Southern Africa': '018',
  'Southern African Development Community (SADC)': 'ctip-sadc',
  'West Africa': '011',
  'West and Central Africa': 'ctip-west-central-africa',
  'Western Hemisphere': 'ctip-state-wha',
};
