import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { agencyTreeIdsSql } from '../db/agency-tree.ts';
import type { Viewer } from '../shared/actor.ts';
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
 *
 * Clearance (src/clearance/): a proposal's agency editors circulate it and answer;
 * editors and viewers of the SPOG member agencies it was circulated to see that proposal while
 * it is open and respond for their agency; coordinators (and administrators) clear or return it.
 */

type ProgramAccess = { visibility: string; fundingAgencyId: string; circulatedToViewer?: boolean };

/** True when the viewer may see every restricted record (operators, administrators, coordinators). */
export function canSeeRestricted(viewer: Viewer): boolean {
  return viewer.kind === 'system' || (viewer.kind === 'user' && (viewer.user.role === 'admin' || viewer.user.role === 'coordinator'));
}

function agencyTreeOf(viewer: Viewer): string[] {
  return viewer.kind === 'user' && (viewer.user.role === 'agency_editor' || viewer.user.role === 'agency_viewer')
    ? viewer.user.agencyIds
    : [];
}

/**
 * The agencies a viewer speaks for in clearance, as a SQL subquery of ids: their agency tree and
 * every agency above it (an ILAB officer answers for Labor, the SPOG member). Null for roles
 * without an agency.
 */
export function clearanceAgenciesSql(viewer: Viewer): SQL | null {
  const agencies = agencyTreeOf(viewer);
  if (agencies.length === 0) return null;
  return agencyTreeIdsSql({ from: agencies, direction: 'up' });
}

/**
 * Whether the program (an id or column) is in an open clearance circulated to one of the
 * viewer's agencies: reviewers see that proposal, and no other restricted program.
 */
export function circulatedToViewerSql(viewer: Viewer, programId: SQLWrapper): SQL {
  const mine = clearanceAgenciesSql(viewer);
  if (!mine) return sql`FALSE`;
  return sql`EXISTS (SELECT 1 FROM clearance_reviews ccr JOIN clearance_circulations ccc ON ccc.review_id = ccr.id
    WHERE ccr.program_id = ${programId} AND ccr.status IN ('circulating', 'answered') AND ccc.agency_id IN ${mine})`;
}

/** Whether the agency (an id or column) is in the viewer's own agency tree; FALSE for roles without an agency. */
export function inViewerAgencyTreeSql(viewer: Viewer, agencyId: SQLWrapper): SQL {
  const agencies = agencyTreeOf(viewer);
  if (agencies.length === 0) return sql`FALSE`;
  return sql`${agencyId} IN (${sql.join(
    agencies.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/**
 * The SQL condition (on alias `p`) that keeps the programs the viewer may see. Every list, count,
 * export, search, overlap check and portfolio report of programs filters with it.
 */
export function visibleProgramsSql(viewer: Viewer): SQL {
  if (canSeeRestricted(viewer)) return sql`TRUE`;
  if (agencyTreeOf(viewer).length === 0) return sql`p.visibility = 'public'`;
  return sql`(p.visibility = 'public' OR ${inViewerAgencyTreeSql(viewer, sql`p.funding_agency_id`)}
    OR (p.status = 'under_review' AND ${circulatedToViewerSql(viewer, sql`p.id`)}))`;
}

/**
 * The SQL condition that keeps the organizations the viewer may know of: those no program names
 * (directory entries) and those a program the viewer may see names. A partner named only by
 * restricted programs would reveal them (a pre-decisional award to it), so it is hidden like them.
 */
export function visibleOrganizationSql(viewer: Viewer, organizationId: SQLWrapper): SQL {
  if (canSeeRestricted(viewer)) return sql`TRUE`;
  return sql`(NOT EXISTS (SELECT 1 FROM program_partners vpp WHERE vpp.organization_id = ${organizationId})
    OR EXISTS (SELECT 1 FROM program_partners vpp JOIN programs p ON p.id = vpp.program_id
               WHERE vpp.organization_id = ${organizationId} AND ${visibleProgramsSql(viewer)}))`;
}

/**
 * Whether the viewer may see this program at all. `circulatedToViewer` is the answer of
 * `circulatedToViewerSql` for programs under review (callers ask the database only then).
 */
export function canViewProgram(viewer: Viewer, program: ProgramAccess): boolean {
  return (
    program.visibility === 'public' ||
    canSeeRestricted(viewer) ||
    agencyTreeOf(viewer).includes(program.fundingAgencyId) ||
    program.circulatedToViewer === true
  );
}

/** Whether viewing the program hinges on an open clearance circulated to the viewer's agency. */
export function dependsOnClearance(viewer: Viewer, program: ProgramAccess & { status?: string }): boolean {
  return program.status === 'under_review' && !canViewProgram(viewer, program) && agencyTreeOf(viewer).length > 0;
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

/** Whether the viewer may create a program for at least one agency (the "New program" link). */
export function canCreateSomeProgram(viewer: Viewer): boolean {
  if (viewer.kind !== 'user') return viewer.kind === 'system';
  return viewer.user.role === 'admin'
    ? canWriteProgram(viewer, viewer.user.agencyId ?? '')
    : viewer.user.agencyIds.some((id) => canWriteProgram(viewer, id));
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

/** Mapping names imports could not resolve: operators who may also write. */
export function canMapReviewNames(viewer: Viewer): boolean {
  return canReadOperatorData(viewer) && hasWriteScope(viewer);
}

/** The audit trail and its export: administrators, coordinators (the auditors' export) and the CLI. */
export function canReadAuditTrail(viewer: Viewer): boolean {
  return canSeeRestricted(viewer);
}

/** Seeing the list of users: administrators (any scope) and the CLI. */
export function canListUsers(viewer: Viewer): boolean {
  return viewer.kind === 'system' || (viewer.kind === 'user' && viewer.user.role === 'admin');
}

/** User and token administration. */
export function canAdministerUsers(viewer: Viewer): boolean {
  return viewer.kind === 'system' || (viewer.kind === 'user' && viewer.user.role === 'admin' && hasWriteScope(viewer));
}

/** Whose API tokens the viewer may list: everyone's (administrators), their own, or nobody's. */
export function tokenOwnersVisibleTo(viewer: Viewer): 'all' | { userId: number } | 'none' {
  if (canListUsers(viewer)) return 'all';
  return viewer.kind === 'user' ? { userId: viewer.user.id } : 'none';
}

/**
 * Whether the viewer may create or revoke a token of this user: their own, or anyone's for
 * administrators. A read-only token never mints or revokes tokens (that would widen its scope).
 */
export function canManageTokensOf(viewer: Viewer, ownerUserId: number): boolean {
  if (canAdministerUsers(viewer)) return true;
  return viewer.kind === 'user' && hasWriteScope(viewer) && viewer.user.id === ownerUserId;
}

/** Throws UNAUTHORIZED for the public and FORBIDDEN for others unless `allowed`. */
export function assertAllowed(viewer: Viewer, allowed: boolean, what: string): void {
  if (allowed) return;
  if (viewer.kind === 'public') throw new AppError({ code: 'UNAUTHORIZED', message: `Sign in to ${what}` });
  throw new AppError({ code: 'FORBIDDEN', message: `Your role may not ${what}` });
}

/** Recommendations of the Assessment and responses to them: coordinators (the SPOG secretariat), administrators, the CLI. */
export function canWriteRecommendations(viewer: Viewer): boolean {
  if (!hasWriteScope(viewer)) return false;
  return viewer.kind === 'system' || (viewer.kind === 'user' && (viewer.user.role === 'coordinator' || viewer.user.role === 'admin'));
}

/** An agency's strategic plans: editors of that agency's tree, administrators, the CLI. */
export function canWriteStrategicPlan(viewer: Viewer, agencyId: string): boolean {
  if (!hasWriteScope(viewer)) return false;
  if (viewer.kind === 'system') return true;
  if (viewer.kind !== 'user') return false;
  return viewer.user.role === 'admin' || (viewer.user.role === 'agency_editor' && viewer.user.agencyIds.includes(agencyId));
}

/** Circulating a proposal for clearance, and answering the members as the proposer: who may write its programs. */
export function canProposeForClearance(viewer: Viewer, fundingAgencyId: string): boolean {
  return canWriteProgram(viewer, fundingAgencyId);
}

/**
 * Responding to a clearance for an agency: editors and viewers of an agency it was circulated
 * to (which agency is the service's check), with write scope.
 */
export function canRespondToClearance(viewer: Viewer): boolean {
  return hasWriteScope(viewer) && agencyTreeOf(viewer).length > 0;
}

/**
 * Which clearance notifications reach the viewer, as a SQL condition on the table's columns, or
 * null for roles without an agency (they have none). Proposer messages reach the proposing
 * agency's tree (who may see its programs); reviewer messages reach a member agency and everyone
 * under it (who review for it).
 */
export function notificationsAddressedToSql(viewer: Viewer, columns: { audience: SQLWrapper; agencyId: SQLWrapper }): SQL | null {
  const lineage = clearanceAgenciesSql(viewer);
  if (!lineage) return null;
  return sql`((${columns.audience} = 'proposer' AND ${inViewerAgencyTreeSql(viewer, columns.agencyId)})
    OR (${columns.audience} = 'reviewer' AND ${columns.agencyId} IN ${lineage}))`;
}

/** Reading notifications: anyone signed in (roles without an agency simply have none). */
export function canReadNotifications(viewer: Viewer): boolean {
  return viewer.kind !== 'public';
}

/** Marking the agency's notifications read changes what colleagues see: not with a read-only token. */
export function canMarkNotificationsRead(viewer: Viewer): boolean {
  return viewer.kind !== 'public' && hasWriteScope(viewer);
}

/** Clearing or returning a proposal: coordinators (the SPOG secretariat), administrators, the CLI. */
export function canDecideClearance(viewer: Viewer): boolean {
  return canWriteRecommendations(viewer);
}

/** Whether the viewer has a clearance queue: agency staff and operators (NGO managers and the public do not). */
export function hasClearanceQueue(viewer: Viewer): boolean {
  return canReadOperatorData(viewer) || clearanceAgenciesSql(viewer) !== null;
}

/** Reading a clearance with its responses: operators, the proposer's agency, and reviewers while it is open. */
export function canViewClearance(viewer: Viewer, review: { proposerAgencyId: string; circulatedToViewer: boolean }): boolean {
  return canSeeRestricted(viewer) || agencyTreeOf(viewer).includes(review.proposerAgencyId) || review.circulatedToViewer;
}
