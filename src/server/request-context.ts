import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { publicViewer, systemViewer, type Actor, type Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';

/** Who is behind a request, decided in one place for every route. */
export type RequestContext = { viewer: Viewer; actor: Actor | undefined };

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  const left = createHash('sha256').update(given).digest();
  const right = createHash('sha256').update(expected).digest();
  return timingSafeEqual(left, right);
}

/**
 * Resolves the viewer and actor of a request. Until accounts exist, the only writer is whoever
 * holds the operator token (CTIP_API_TOKEN) as `Authorization: Bearer …`; everyone else is the
 * public and reads public records only.
 */
export function resolveRequestContext(request: FastifyRequest, options: { apiToken: string | undefined }): RequestContext {
  const header = request.headers.authorization;
  if (!header) return { viewer: publicViewer, actor: undefined };
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match || !options.apiToken || !sameSecret(match[1]!, options.apiToken)) {
    throw new AppError({ code: 'UNAUTHORIZED', message: 'The bearer token is not valid' });
  }
  return { viewer: systemViewer, actor: { name: 'api-token', door: 'api' } };
}

/** The actor of a write, or UNAUTHORIZED when the request may not write. */
export function requireActor(context: RequestContext): Actor {
  if (!context.actor) {
    throw new AppError({ code: 'UNAUTHORIZED', message: 'Changing data needs an API token: send Authorization: Bearer <token>' });
  }
  return context.actor;
}
