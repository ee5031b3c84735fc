/**
 * The weights of the overlap score and the thresholds of the portfolio report, in one place so
 * the README, the evaluation and the code cannot disagree. See README.md for why each value.
 */
export const signalWeights = {
  /** Same implementing partner (1), a parent, child or sibling organization (0.7), an unreviewed organization with a similar name (0.6). */
  partner: 0.3,
  /** Same country or region (1); a regional program covering the draft's country, or a country inside the draft's region (0.6). */
  place: 0.2,
  /** Title and description: trigram similarity and full-text rank. */
  text: 0.2,
  /** A shared fiscal year or overlapping dates (1), adjacent fiscal years (0.5). */
  period: 0.15,
  /** Shared assistance types and pillars (Dice coefficient). */
  terms: 0.1,
  /** The same obligated amount (1), within 10 % (0.5). */
  amount: 0.05,
} as const;

export type Signal = keyof typeof signalWeights;

/** Strength of a partner match by how the organizations are related. */
export const partnerStrength = { same: 1, parent: 0.7, child: 0.7, sibling: 0.7, 'similar-name': 0.6 } as const;
export type PartnerRelation = keyof typeof partnerStrength;

/** Strength of a place match that goes through a region rather than the same place. */
export const regionalPlaceStrength = 0.6;

/** Strength of a period match when the fiscal years are adjacent rather than shared. */
export const adjacentYearStrength = 0.5;

/** Inside the text signal: how much the title, the description and the full-text rank count. */
export const textMix = {
  withDescription: { title: 0.5, description: 0.3, fullText: 0.2 },
  titleOnly: { title: 0.7, description: 0, fullText: 0.3 },
} as const;

/** Candidate generation: word-similarity threshold of the title search (`<%`), its cap, and the cap of the other branches. */
export const candidateTitleThreshold = 0.7;
export const candidateTitleLimit = 200;
export const candidateBranchLimit = 3000;

/** Matches below this score are not worth a reader's time and are not returned. */
export const minimumMatchScore = 0.15;

/** An unreviewed organization whose name is at least this similar to a partner's spelling counts as the partner. */
export const similarOrganizationThreshold = 0.6;

/** Portfolio report: text similarity (0–1, trigram Jaccard of the content words) for overlap and duplication. */
export const reportThresholds = { overlapText: 0.5, duplicationText: 0.8 } as const;

/**
 * A strong overlap, which a save must confirm: another agency funds the same partner (1), in the
 * same place (1), in a shared fiscal year (1), with words as similar as the report's overlaps.
 */
export const strongOverlapText = reportThresholds.overlapText;
