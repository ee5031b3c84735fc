import type { Role } from '../shared/actor.ts';

/** Roles in words, for pages and the header. */
export const roleLabels: Record<Role, string> = {
  admin: 'administrator',
  coordinator: 'coordinator',
  agency_editor: 'agency editor',
  agency_viewer: 'agency viewer',
  ngo_manager: 'NGO manager',
};
