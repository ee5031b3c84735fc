/**
 * The U.S. government bodies the fact sheet (seed/trafficking-in-persons-fact-sheet.txt) names,
 * as a hierarchy: department → bureau → office. Ids are stable: programs store them.
 * Only bodies the fact sheet names are here; add others (INL, DRL, Justice's components) when a
 * source names them.
 */

export type AgencyKind = 'department' | 'independent-agency' | 'bureau' | 'office';

export type AgencyData = {
  id: string;
  name: string;
  abbreviation?: string;
  kind: AgencyKind;
  parentId?: string;
  description?: string;
};

/** Parents come before their children so rows can be inserted in order. */
export const agencyData: AgencyData[] = [
  { id: 'state', name: 'Department of State', abbreviation: 'DOS', kind: 'department' },
  {
    id: 'state-tip',
    name: 'Office to Monitor and Combat Trafficking in Persons',
    abbreviation: 'TIP Office',
    kind: 'office',
    parentId: 'state',
    description:
      'Focuses worldwide attention on trafficking, helps foreign governments draft laws, funds programs abroad; its director chairs the SPOG',
  },
  {
    id: 'state-prm',
    name: 'Bureau of Population, Refugees, and Migration',
    abbreviation: 'PRM',
    kind: 'bureau',
    parentId: 'state',
    description: 'Protects vulnerable migrants; supports anti-trafficking programs focused on victim protection',
  },
  {
    id: 'doj',
    name: 'Department of Justice',
    abbreviation: 'DOJ',
    kind: 'department',
    description: 'Headed by the Attorney General; federal prosecutors',
  },
  { id: 'doj-fbi', name: 'Federal Bureau of Investigation', abbreviation: 'FBI', kind: 'bureau', parentId: 'doj' },
  { id: 'dol', name: 'Department of Labor', abbreviation: 'DOL', kind: 'department' },
  { id: 'dol-ilab', name: 'Bureau of International Labor Affairs', abbreviation: 'ILAB', kind: 'bureau', parentId: 'dol' },
  {
    id: 'dol-ilab-iclp',
    name: 'International Child Labor Program',
    abbreviation: 'ICLP',
    kind: 'office',
    parentId: 'dol-ilab',
    description: 'Funds projects, many through ILO-IPEC, that address child trafficking and reintegrate victims',
  },
  { id: 'dol-ilab-ofr', name: 'Office of Foreign Relations', abbreviation: 'OFR', kind: 'office', parentId: 'dol-ilab' },
  { id: 'hhs', name: 'Department of Health and Human Services', abbreviation: 'HHS', kind: 'department' },
  { id: 'dhs', name: 'Department of Homeland Security', abbreviation: 'DHS', kind: 'department' },
  { id: 'dhs-ice', name: 'U.S. Immigration and Customs Enforcement', abbreviation: 'ICE', kind: 'bureau', parentId: 'dhs' },
  { id: 'usaid', name: 'U.S. Agency for International Development', abbreviation: 'USAID', kind: 'independent-agency' },
  {
    id: 'omb',
    name: 'Office of Management and Budget',
    abbreviation: 'OMB',
    kind: 'office',
    description: 'In the Executive Office of the President',
  },
  {
    id: 'dci',
    name: 'Director of Central Intelligence',
    abbreviation: 'DCI',
    kind: 'office',
    description: 'Head of the intelligence community and of the CIA until 2005',
  },
];

export type CoordinationBodyData = {
  id: string;
  name: string;
  abbreviation: string;
  parentBodyId?: string;
  description: string;
  /** Who chairs: the agency whose head or official holds the chair. */
  chair: string;
  members: string[];
};

/** The task force's members as the fact sheet lists them, the chair apart. */
const taskForceMembers = ['doj', 'dol', 'hhs', 'dhs', 'dci', 'omb', 'usaid'];

/** Parents come before their children. */
export const coordinationBodyData: CoordinationBodyData[] = [
  {
    id: 'ptf',
    name: "President's Interagency Task Force to Monitor and Combat Trafficking in Persons",
    abbreviation: 'PITF',
    description:
      'Cabinet-level task force established February 2002; chaired by the Secretary of State, with the Attorney General, the Secretaries of Labor, HHS and Homeland Security, the DCI, the OMB Director and the USAID Administrator',
    chair: 'state',
    members: taskForceMembers,
  },
  {
    id: 'spog',
    name: 'Senior Policy Operating Group on Trafficking in Persons',
    abbreviation: 'SPOG',
    parentBodyId: 'ptf',
    description:
      'Established December 2003 by the task force; brings together senior policy officials from task force member agencies; chaired by the director of the TIP Office',
    chair: 'state-tip',
    // Senior officials of the task force's member agencies; State sits through the chair.
    members: taskForceMembers,
  },
];
