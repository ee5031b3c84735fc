import { eq } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { schema } from '../db/database.ts';
import { toSignedInUser } from '../accounts/users.service.ts';
import type { Actor, Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';

/**
 * The person a command acts for (`--as EMAIL`): the viewer the policy judges and the actor the
 * audit trail names, as if they had signed in. Clearance steps belong to a person of an agency
 * (the operator speaks for none), so the CLI must say whose step it records. A disabled account
 * acts for nobody.
 */
export async function actingAs(options: { db: Executor; email: string; door: Actor['door'] }): Promise<{ viewer: Viewer; actor: Actor }> {
  const email = options.email.trim().toLowerCase();
  const [row] = email ? await options.db.select().from(schema.users).where(eq(schema.users.email, email)) : [];
  if (!row) throw new AppError({ code: 'NOT_FOUND', message: `No user ${options.email || '(empty email)'}` });
  if (row.disabledAt) throw new AppError({ code: 'FORBIDDEN', message: `The account ${row.email} is disabled; it may not act` });
  const user = await toSignedInUser({ db: options.db, row, scopes: ['read', 'write'] });
  return { viewer: { kind: 'user', user }, actor: { name: user.email, door: options.door, userId: user.id } };
}
