import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { publicViewer, systemViewer, type Actor, type SignedInUser } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { enterRequestContext, type RequestContext } from './request-storage.ts';

export type { RequestContext } from './request-storage.ts';

/** The cookie that carries a browser session (its value is a random token; the table keeps the hash). */
export const sessionCookieName = 'ctip_session';

/**
 * How credentials become a user. Sessions and API tokens belong to the accounts feature, which
 * this toolkit may not import, so app/ hands their look-ups in when it builds the app.
 */
export type ViewerResolver = {
  resolveSession: (sessionToken: string) => Promise<{ user: SignedInUser; tokenHash: string; csrfToken: string } | undefined>;
  resolveApiToken: (token: string) => Promise<SignedInUser | undefined>;
};

/** What app/ gives every feature's routes: the database. The request context is read with `contextOf`. */
export type FeatureOptions = { db: Database };

type ContextOptions = { resolver: ViewerResolver; apiToken: string | undefined };

declare module 'fastify' {
  interface FastifyRequest {
    ctipContext: RequestContext | null;
  }
}

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  const left = createHash('sha256').update(given).digest();
  const right = createHash('sha256').update(expected).digest();
  return timingSafeEqual(left, right);
}

const anonymous: RequestContext = { viewer: publicViewer, actor: undefined };

async function resolveBearer(
  resolver: ViewerResolver,
  token: string,
  operatorToken: string | undefined,
  door: Actor['door'],
): Promise<RequestContext> {
  // The operator token from the configuration bootstraps a fresh installation and automation on
  // the server; people and scripts use API tokens (`ctip tokens create`).
  if (operatorToken && sameSecret(token, operatorToken)) return { viewer: systemViewer, actor: { name: 'operator-token', door } };
  const user = token.startsWith('ctip_') ? await resolver.resolveApiToken(token) : undefined;
  if (!user) throw new AppError({ code: 'UNAUTHORIZED', message: 'The bearer token is not valid, has expired or was revoked' });
  return { viewer: { kind: 'user', user }, actor: { name: user.email, door, userId: user.id } };
}

/** Resolves the viewer and actor of a request from its bearer token or session cookie. */
export async function resolveRequestContext(request: FastifyRequest, options: ContextOptions): Promise<RequestContext> {
  const door: Actor['door'] = request.url.startsWith('/api/') ? 'api' : 'web';
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError({ code: 'UNAUTHORIZED', message: 'Send the token as Authorization: Bearer <token>' });
    return resolveBearer(options.resolver, match[1]!, options.apiToken, door);
  }
  const cookie = request.cookies?.[sessionCookieName];
  if (!cookie) return anonymous;
  const session = await options.resolver.resolveSession(cookie);
  if (!session) return anonymous;
  const { user } = session;
  return {
    viewer: { kind: 'user', user },
    actor: { name: user.email, door, userId: user.id },
    session: { token: cookie, tokenHash: session.tokenHash, csrfToken: session.csrfToken },
  };
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Browser sessions ride on a cookie the browser sends by itself, so every state-changing request
 * made with one must prove it came from our own form (synchronizer token): `_csrf` in the body
 * or an `x-csrf-token` header. Bearer tokens are not ambient and need no such proof.
 */
function assertCsrfToken(request: FastifyRequest, context: RequestContext): void {
  if (!context.session || !unsafeMethods.has(request.method)) return;
  const fromHeader = request.headers['x-csrf-token'];
  const fromBody = (request.body as Record<string, unknown> | undefined)?._csrf;
  const given = typeof fromHeader === 'string' ? fromHeader : typeof fromBody === 'string' ? fromBody : '';
  if (!given || !sameSecret(given, context.session.csrfToken)) {
    throw new AppError({ code: 'FORBIDDEN', message: 'This form has expired or did not come from ctip. Reload the page and try again.' });
  }
}

/** Resolves the context of every request once (onRequest) and checks form tokens (preHandler). */
export function installRequestContext(app: FastifyInstance, options: ContextOptions): void {
  app.decorateRequest('ctipContext', null);
  // Callback style: the context must be entered synchronously before Fastify continues, so the
  // rest of the request (and the page layout) runs inside it.
  app.addHook('onRequest', (request, _reply, done) => {
    resolveRequestContext(request, options).then((context) => {
      request.ctipContext = context;
      enterRequestContext(context, request.url);
      done();
    }, done);
  });
  app.addHook('preHandler', async (request) => {
    // Body parsing resumes in another async scope: enter the context again (synchronously,
    // before any await) so the handler runs inside it.
    enterRequestContext(contextOf(request), request.url);
    assertCsrfToken(request, contextOf(request));
  });
}

/** The context `installRequestContext` resolved for this request. */
export function contextOf(request: unknown): RequestContext {
  return (request as FastifyRequest).ctipContext ?? anonymous;
}

/** The actor of a write, or UNAUTHORIZED when the request may not write at all. */
export function requireActor(context: RequestContext): Actor {
  if (!context.actor) {
    throw new AppError({
      code: 'UNAUTHORIZED',
      message: 'Changing data needs a signed-in user or an API token (Authorization: Bearer <token>)',
    });
  }
  return context.actor;
}
