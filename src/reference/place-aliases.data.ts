/**
 * Other spellings of countries and regions, kept as reviewed data: each entry was checked by hand
 * and says why it exists. Current English names, official names and ISO codes need no entry:
 * the resolver matches them from the countries and regions tables.
 *
 * Many spellings come from the State TIP grant listing (`name` and `regional` columns of
 * funding_original.csv, Kelley & Heiss, MIT), which squashes names ("DomRep", "PapuaNG").
 */

export type PlaceAlias = { name: string; note: string } & ({ countryCode: string } | { regionCode: string });

const tipGrants = 'State TIP grant listing spelling';

const country = (name: string, countryCode: string, note: string): PlaceAlias => ({ name, countryCode, note });
const region = (name: string, regionCode: string, note: string): PlaceAlias => ({ name, regionCode, note });

/** Former names and names with a history: these must keep resolving for old records. */
const historicalAliases: PlaceAlias[] = [
  country('Zaire', 'COD', 'name of the DR Congo 1971–1997'),
  country('East Timor', 'TLS', 'name before independence in 2002'),
  country('Burma', 'MMR', 'name the U.S. government uses'),
  country('Swaziland', 'SWZ', 'name until 2018'),
  country('Macedonia', 'MKD', 'name until 2019'),
  country('Former Yugoslav Republic of Macedonia', 'MKD', 'UN name until 2019'),
  country('FYROM', 'MKD', 'abbreviation of the UN name until 2019'),
  country('Turkey', 'TUR', 'English name until 2022'),
  country('Czech Republic', 'CZE', 'short name until 2016'),
  country('Cape Verde', 'CPV', 'English name until 2013'),
  country('Cabo Verde', 'CPV', 'short name since 2013'),
  country('Ceylon', 'LKA', 'name until 1972'),
  country('Kampuchea', 'KHM', 'name 1976–1989'),
  country('Upper Volta', 'BFA', 'name until 1984'),
  country('Dahomey', 'BEN', 'name until 1975'),
  country('Rhodesia', 'ZWE', 'name until 1980'),
  country('Socialist Federal Republic of Yugoslavia', 'YUG', 'name until 1992'),
  country('USSR', 'SUN', 'abbreviation'),
  country('Yemen Arab Republic', 'YEM', 'North Yemen, unified with South Yemen in 1990'),
  country('North Yemen', 'YEM', 'unified with South Yemen in 1990'),
];

/** Common and official alternatives that the package's English names do not cover. */
const commonAliases: PlaceAlias[] = [
  country('Cote d\u2019Ivoire', 'CIV', 'French name, used by the U.S. government'),
  country('Ivory Coast', 'CIV', 'English name'),
  country('Vatican', 'VAT', 'short name'),
  country('Holy See', 'VAT', 'name of the sovereign entity'),
  country('Micronesia', 'FSM', 'the country, not the M49 region 057 of the same name'),
  country('Federated States of Micronesia', 'FSM', 'official name'),
  country('Democratic Republic of Congo', 'COD', 'common form'),
  country('DRC', 'COD', 'abbreviation'),
  country('Congo-Kinshasa', 'COD', 'name by capital'),
  country('Congo, Democratic Republic of the', 'COD', 'inverted form used in U.S. lists'),
  country('Congo-Brazzaville', 'COG', 'name by capital'),
  country('Republic of Congo', 'COG', 'common form'),
  country('Congo, Republic of the', 'COG', 'inverted form used in U.S. lists'),
  country('UK', 'GBR', 'abbreviation'),
  country('Great Britain', 'GBR', 'common name'),
  country('Britain', 'GBR', 'common name'),
  country('US', 'USA', 'abbreviation'),
  country('United States of America', 'USA', 'official name'),
  country('Korea, South', 'KOR', 'inverted form used in U.S. lists'),
  country('Korea, Republic of', 'KOR', 'ISO form'),
  country('Korea, North', 'PRK', 'inverted form used in U.S. lists'),
  country('Gambia, The', 'GMB', 'inverted form used in U.S. lists'),
  country('Bahamas, The', 'BHS', 'inverted form used in U.S. lists'),
  country('Viet Nam', 'VNM', 'UN spelling'),
  country('Lao PDR', 'LAO', 'abbreviation of the official name'),
  country('Palestinian Territories', 'PSE', 'common name'),
  country('West Bank and Gaza', 'PSE', 'name the U.S. government uses'),
  country('Saint Vincent', 'VCT', 'short form'),
  country('Sao Tome', 'STP', 'short form'),
  country('Trinidad', 'TTO', 'short form'),
];

/** The squashed or misspelt country names of the State TIP grant listing's `name` column. */
const tipGrantsCountryAliases: PlaceAlias[] = [
  country('BosniaandHerz', 'BIH', tipGrants),
  country('BurkinaFaso', 'BFA', tipGrants),
  country('CapeVerde', 'CPV', tipGrants),
  country('CentralAfRep', 'CAF', tipGrants),
  country('Congo (Brazzaville; Rep)', 'COG', tipGrants),
  country('Congo, DemRep', 'COD', tipGrants),
  country('Congo, DemRep (Zaire)', 'COD', tipGrants),
  country('CostaRica', 'CRI', tipGrants),
  country('CzechRep', 'CZE', tipGrants),
  country('DomRep', 'DOM', tipGrants),
  country('ElSalvador', 'SLV', tipGrants),
  country('EqGuinea', 'GNQ', tipGrants),
  country('KyrgyzRep', 'KGZ', tipGrants),
  country('Madagasgar', 'MDG', `${tipGrants} (misspelt)`),
  country('MarshallIs', 'MHL', tipGrants),
  country('NewZealand', 'NZL', tipGrants),
  country('PapuaNG', 'PNG', tipGrants),
  country('SaoT&P', 'STP', tipGrants),
  country('SaudiArabia', 'SAU', tipGrants),
  country('SierraLeone', 'SLE', tipGrants),
  country('SlovakRep', 'SVK', tipGrants),
  country('SolomonIs', 'SLB', tipGrants),
  country('SouthAfrica', 'ZAF', tipGrants),
  country('SriLanka', 'LKA', tipGrants),
  country('St.Kitts&Nevis', 'KNA', tipGrants),
  country('St.Lucia', 'LCA', tipGrants),
  country('St.Vincent', 'VCT', tipGrants),
  country('Surinam', 'SUR', `${tipGrants} (older English spelling)`),
  country('Trin&Tobago', 'TTO', tipGrants),
  country('UArabEmir', 'ARE', tipGrants),
  country('VietNam', 'VNM', tipGrants),
  country('YemenAR', 'YEM', `${tipGrants}: the Correlates of War label for Yemen`),
];

/** Region spellings: the listing's bureau names, its `regional` column, and common terms. */
const regionAliases: PlaceAlias[] = [
  region('Global', '001', 'worldwide programs'),
  region('Worldwide', '001', 'worldwide programs'),
  region('Sub-Saharan Africa Regional', 'ctip-state-af', tipGrants),
  region('Africa Regional', 'ctip-state-af', `${tipGrants}: rows under the Africa bureau`),
  region('East Asia and Pacific Islands', 'ctip-state-eap', `${tipGrants}: the EAP bureau`),
  region('East Asia and Pacific Islands Regional', 'ctip-state-eap', tipGrants),
  region('East Asia and Oceania', 'ctip-state-eap', 'ForeignAssistance.gov name of the EAP region'),
  region('Europe/Eurasia', 'ctip-state-eur', tipGrants),
  region('Europe Regional', 'ctip-state-eur', `${tipGrants}: rows under the Europe bureau`),
  region('Near East Asia', 'ctip-state-nea', `${tipGrants}: the NEA bureau`),
  region('Near East', 'ctip-state-nea', 'the NEA bureau'),
  region('Middle East and North Africa', 'ctip-state-nea', 'ForeignAssistance.gov name of the NEA region'),
  region('MENA', 'ctip-state-nea', 'abbreviation of Middle East and North Africa'),
  region('South and Central Asia Regional', 'ctip-state-sca', tipGrants),
  region('Western Hemisphere Regional', 'ctip-state-wha', tipGrants),
  region('Mekong', 'ctip-mekong', 'short form'),
  region('Mekong Region', 'ctip-mekong', tipGrants),
  region('GMS', 'ctip-mekong', 'abbreviation'),
  region('SADC', 'ctip-sadc', 'abbreviation'),
  region('SADC Region', 'ctip-sadc', tipGrants),
  region('Southern African Development Community (SADC)', 'ctip-sadc', tipGrants),
  region('AU', 'ctip-african-union', 'abbreviation'),
  region('Gulf', 'ctip-gulf', 'common short form'),
  region('Gulf Countries', 'ctip-gulf', 'common form'),
  region('Gulf States', 'ctip-gulf', 'common form'),
  region('GCC', 'ctip-gulf', 'abbreviation'),
  region('Gulf Cooperation Council', 'ctip-gulf', 'the organization'),
  region('South Asian and Gulf Countries', 'ctip-south-asia-gulf', tipGrants),
  region('RCM Region', 'ctip-rcm', tipGrants),
  region('RCM', 'ctip-rcm', 'abbreviation'),
  region('Puebla Process', 'ctip-rcm', 'other name of the Regional Conference on Migration'),
  region('Iraq Region', 'ctip-iraq-region', tipGrants),
  region('Latin American Southern Cone', 'ctip-southern-cone', tipGrants),
  region('Southeast and East Europe', 'ctip-southeast-east-europe', tipGrants),
  region('South Eastern Europe', 'ctip-southeast-europe', 'common form'),
  region('Balkans', 'ctip-southeast-europe', 'common name'),
  region('West Africa', '011', 'M49 calls it Western Africa'),
  region('East Africa', '014', 'M49 calls it Eastern Africa'),
  region('Central Africa', '017', 'M49 calls it Middle Africa'),
  region('North Africa', '015', 'M49 calls it Northern Africa'),
  region('East Asia', '030', 'M49 calls it Eastern Asia'),
  region('Southeast Asia', '035', 'M49 calls it South-eastern Asia'),
  region('South Asia', '034', 'M49 calls it Southern Asia'),
  region('South Asia Regional', '034', tipGrants),
  region('North America', '021', 'Canada and the U.S. (M49 Northern America); Mexico is in Central America'),
  region('Latin America', '419', 'M49 Latin America and the Caribbean'),
  region('Latin America and Caribbean Regional', '419', tipGrants),
  region('Pacific Islands Regional', 'ctip-pacific-islands', tipGrants),
];

/** Every reviewed alias. A test checks that no two map the same normalized key differently. */
export const placeAliases: PlaceAlias[] = [...historicalAliases, ...commonAliases, ...tipGrantsCountryAliases, ...regionAliases];

/**
 * In the State TIP grant listing the `name` column holds the State bureau for regional rows, so
 * "Africa" there means the Africa bureau (sub-Saharan), not M49's Africa. Everywhere else these
 * words keep their M49 meaning, so they are not aliases: the resolver applies them only when
 * asked for the 'state-bureaus' scheme.
 */
export const stateBureauSpellings: Record<string, string> = {
  Africa: 'ctip-state-af',
  Europe: 'ctip-state-eur',
};
