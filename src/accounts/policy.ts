import { sql, type SQL } from 'drizzle-orm';
import { canSeeRestricted, type Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Authorization in one place. Every door (API, pages, CLI, exports, search, statistics) asks
 * these functions; nothing else decides who may see or change what.
 *
 * | role          | reads                                   | writes programs            |
 * |---------------|-----------------------------------------|----------------------------|
 * | public        | public records                          | —                          |
 * | ngo_manager   | public records                          | —                          |
 * | agency_viewer | public + restricted of its agency tree  | —                          |
 * | agency_editor | public + restricted of its agency tree  | its agency tree's programs |
 * | coordinator   | everything                              | —                          |
 * | admin         | everything                              | everything                 |
 * | system (CLI)  | everything                              | everything                 |
 */

type ProgramAccess = { visibility: string; fundingAgencyId: string };

function agencyTreeOf(viewer: Viewer): string[] {
  return viewer.kind === 'user' && (viewer.user.role === 'agency_editor' || viewer.user.role === 'agency_viewer') ? viewer.user.agencyIds : [];
}

/** The SQL condition (on alias `p`) that keeps the programs the viewer may see. */
export function visibleProgramsSql(viewer: Viewer): SQL {
  if (canSeeRestricted(viewer)) return sql`TRUE`;
  const agencies = agencyTreeOf(viewer);
  if (agencies.length === 0) return sql`p.visibility = 'public'`;
  return sql`(p.visibility = 'public' OR p.funding_agency_id IN (${sql.join(agencies.map((id) => sql`${id}`), sql`, `)}))`;
}

/** Whether the viewer may see this program at all. */
export function canViewProgram(viewer: Viewer, program: ProgramAccess): boolean {
  return program.visibility === 'public' || canSeeRestricted(viewer) || agencyTreeOf(viewer).includes(program.fundingAgencyId);
}

function hasWriteScope(viewer: Viewer): boolean {
  return viewer.kind === 'system' || (viewer.kind === 'user' && viewer.user.scopes.includes('write'));
}

/** Whether the viewer may create, change or delete programs of this funding agency. */
export function canWriteProgram(viewer: Viewer, fundingAgencyId: string): boolean {
  if (!hasWriteScope(viewer)) return false;
  if (viewer.kind === 'system') return true;
  if (viewer.kind !== 'user') return false;
  if (viewer.user.role === 'admin') return true;
  return viewer.user.role === 'agency_editor' && viewer.user.agencyIds.includes(fundingAgencyId);
}

/** Throws FORBIDDEN naming the agency unless the viewer may write its programs. */
export function assertCanWriteProgram(viewer: Viewer, fundingAgencyId: string): void {
  if (canWriteProgram(viewer, fundingAgencyId)) return;
  if (viewer.kind === 'public') throw new AppError({ code: 'UNAUTHORIZED', message: 'Sign in, or send an API token, to change programs' });
  throw new AppError({ code: 'FORBIDDEN', message: `You may not change programs funded by '${fundingAgencyId}'` });
}

/** Operators' lists (names to review, audit trail): administrators, coordinators and the CLI. */
export function canReadOperatorData(viewer: Viewer): boolean {
  return canSeeRestricted(viewer);
}

/** User and token administration. */
export function canAdministerUsers(viewer: Viewer): boolean {
  return viewer.kind === 'system' || (viewer.kind === 'user' && viewer.user.role === 'admin' && hasWriteScope(viewer));
}

/** Throws UNAUTHORIZED for the public and FORBIDDEN for others unless `allowed`. */
export function assertAllowed(viewer: Viewer, allowed: boolean, what: string): void {
  if (allowed) return;
  if (viewer.kind === 'public') throw new AppError({ code: 'UNAUTHORIZED', message: `Sign in to ${what}` });
  throw new AppError({ code: 'FORBIDDEN', message: `Your role may not ${what}` });
}
