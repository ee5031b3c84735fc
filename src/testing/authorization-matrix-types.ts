import type { RoleKey, RoleWorld } from './role-fixtures.ts';

// The matrix's types on their own, so the rules beside each feature and the matrix that
// gathers them do not import each other.

/** What a rule's request may use; writes get a fresh target for every role. */
export type MatrixFixtures = {
  world: RoleWorld;
  /** A public program of state-tip. */
  publicProgramId: number;
  /** A restricted program of state-tip, with obligations in FY2031. */
  restrictedProgramId: number;
  /** Its title, which no answer may name to those the policy keeps it from. */
  restrictedTitle: string;
  /** An organization named only by the restricted program. */
  restrictedPartnerId: number;
  /** An organization named by a public program. */
  publicPartnerId: number;
  newProgram: (visibility: 'public' | 'restricted') => Promise<number>;
  newUserId: () => Promise<number>;
  /** A fresh API token of the state-tip editor. */
  newEditorTokenId: () => Promise<number>;
};

export type MatrixRequest = { url: string; payload?: object | string; headers?: Record<string, string> };
export type MatrixRule = {
  expect: Record<RoleKey, number>;
  /**
   * For lists and reports: which roles' answers name the restricted program (by its title); the
   * others' must not. Checked when the status is the expected one.
   */
  namesRestricted?: Record<RoleKey, boolean>;
  /** Run with a fresh session of the role (for requests that end the session, such as signing out). */
  ownSession?: boolean;
  request: (fixtures: MatrixFixtures, role: RoleKey) => MatrixRequest | Promise<MatrixRequest>;
};
