import type { Actor } from '../shared/actor.ts';
import { cliContext } from './cli-context.ts';

/** The actor of a command run from the command line (imports, reviews, clearance, plans): the user who ran it, also when the command runs inside the server. */
export function cliActor(): Actor {
  const user = cliContext().userName;
  return { name: user ? `cli:${user}` : 'cli', door: 'cli' };
}
