import type { SignedInUser, Viewer } from '../shared/actor.ts';

/**
 * A signed-in viewer as the policy sees one, for service-level tests: a role, the agency tree it
 * covers (the agency first), and the token scopes (a browser session's by default).
 */
export function viewerOf(role: SignedInUser['role'], agencyIds: string[] = [], scopes: SignedInUser['scopes'] = ['read', 'write']): Viewer {
  return {
    kind: 'user',
    user: {
      id: 1,
      email: 'viewer@example.gov',
      name: 'Viewer',
      role,
      agencyId: agencyIds[0] ?? null,
      agencyIds,
      organizationId: null,
      scopes,
    },
  };
}
