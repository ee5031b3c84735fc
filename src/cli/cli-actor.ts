import type { Actor } from '../shared/actor.ts';

/** The actor of a command run from the command line (imports, reviews, clearance, plans). */
export function cliActor(): Actor {
  return { name: process.env.USER ? `cli:${process.env.USER}` : 'cli', door: 'cli' };
}
