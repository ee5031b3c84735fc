import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DatabaseHandle } from '../db/database.ts';
import { listUnresolvedNames } from '../organizations/organization.service.ts';
import { listNamesForReview } from '../review/review.service.ts';
import { publicViewer, systemViewer, type Viewer } from '../shared/actor.ts';
import { isAppError } from '../shared/errors.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { viewerOf } from '../testing/viewers.ts';
import { listAuditTrail } from './audit.service.ts';
import { listUsers } from './users.service.ts';

type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN';

const viewers: Record<string, Viewer> = {
  public: publicViewer,
  ngo: viewerOf('ngo_manager'),
  agencyViewer: viewerOf('agency_viewer', ['state-tip']),
  agencyEditor: viewerOf('agency_editor', ['state-tip']),
  coordinator: viewerOf('coordinator'),
  admin: viewerOf('admin'),
  adminReadToken: viewerOf('admin', [], ['read']),
  system: systemViewer,
};

/** Operators' data: coordinators, administrators (any scope) and the CLI; the public must sign in. */
const operators: Record<keyof typeof viewers, Outcome> = {
  public: 'UNAUTHORIZED',
  ngo: 'FORBIDDEN',
  agencyViewer: 'FORBIDDEN',
  agencyEditor: 'FORBIDDEN',
  coordinator: 'ok',
  admin: 'ok',
  adminReadToken: 'ok',
  system: 'ok',
};

/** Who may read what, whatever the door: the same rows as the routes' rules in the matrix. */
const expected: Record<string, Record<keyof typeof viewers, Outcome>> = {
  audit: operators,
  users: { ...operators, coordinator: 'FORBIDDEN' },
  names: operators,
};

async function outcomeOf(list: Promise<unknown>): Promise<Outcome> {
  try {
    await list;
    return 'ok';
  } catch (error) {
    if (isAppError(error) && (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN')) return error.code;
    throw error;
  }
}

// The services refuse on their own, so no door (route, page, CLI, a future one) can forget to ask.
// About the policy, not the engine: one PGlite.
describe("operators' lists ask the policy in their services", () => {
  let handle: DatabaseHandle;
  before(async () => {
    handle = await createTestDatabase({ kind: 'pglite' });
  });
  after(async () => handle?.close());

  test('the audit trail, the user list and the names waiting for review, for each kind of viewer', async () => {
    const db = handle.db;
    const lists: Record<keyof typeof expected, (viewer: Viewer) => Promise<unknown>[]> = {
      audit: (viewer) => [listAuditTrail({ db, viewer, limit: 5 })],
      users: (viewer) => [listUsers({ db, viewer })],
      names: (viewer) => [listNamesForReview({ db, viewer }), listUnresolvedNames({ db, viewer })],
    };
    const failures: string[] = [];
    for (const [list, outcomes] of Object.entries(expected)) {
      for (const [who, viewer] of Object.entries(viewers)) {
        for (const call of lists[list]!(viewer)) {
          const outcome = await outcomeOf(call);
          if (outcome !== outcomes[who]) failures.push(`${list} as ${who}: ${outcome} (expected ${outcomes[who]})`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });
});
