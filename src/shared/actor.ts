/** Which door a change came through; recorded with every change in the history. */
export type Door = 'api' | 'web' | 'cli' | 'import' | 'system';

/** Who is acting: the name recorded in histories, and the signed-in user when there is one. */
export type Actor = { name: string; door: Door; userId?: number };

export const roles = ['admin', 'coordinator', 'agency_editor', 'agency_viewer', 'ngo_manager'] as const;
export type Role = (typeof roles)[number];

/** A signed-in person as the policy sees them. */
export type SignedInUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The user's agency, if any. */
  agencyId: string | null;
  /** The user's agency and every bureau and office under it: what an agency role covers. */
  agencyIds: string[];
  organizationId: number | null;
  /** For API tokens: what the token may do; a browser session may do what the role allows. */
  scopes: ('read' | 'write')[];
};

/**
 * Who is reading. The public never sees restricted records; a signed-in user sees what their
 * role allows (src/policy/policy.ts); `system` (the operator's CLI on the server, report
 * generators, the bootstrap operator token) sees everything.
 */
export type Viewer = { kind: 'public' } | { kind: 'system' } | { kind: 'user'; user: SignedInUser };

export const publicViewer: Viewer = { kind: 'public' };
export const systemViewer: Viewer = { kind: 'system' };
