/** Which door a change came through; recorded with every change in the history. */
export type Door = 'api' | 'web' | 'cli' | 'import' | 'system';

/** Who is acting. Accounts (a later issue) will fill `name` with a signed-in person. */
export type Actor = { name: string; door: Door };

/**
 * Who is reading. The public never sees restricted records; `system` (the CLI run by an operator
 * on the server, report generators) sees everything.
 */
export type Viewer = { kind: 'public' } | { kind: 'system' };

export const publicViewer: Viewer = { kind: 'public' };
export const systemViewer: Viewer = { kind: 'system' };

export function canSeeRestricted(viewer: Viewer): boolean {
  return viewer.kind === 'system';
}
