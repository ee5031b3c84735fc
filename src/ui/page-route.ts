import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { contextOf } from '../http/request-context.ts';
import { assertAllowed, canAdministerUsers } from '../policy/policy.ts';
import type { SignedInUser, Viewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { sendErrorPage, sendPage } from './error-page.tsx';

export type PageRouteOptions = {
  /** A page about one person (accounts, forms with their token): never kept by a cache. */
  private?: boolean;
  /** The form posts to its own page's address, so a 401 on the post signs in and comes back to it. */
  postsToItsPage?: boolean;
};

/**
 * The one way an HTML route answers. The handler validates, calls services and returns the page
 * (sent with the status it set on the reply) or the reply itself (a redirect, a download). Any
 * error becomes an HTML page — 401 with a sign-in link, 403, 429 with the wait, 404, 400 naming
 * each problem, 409, 500 or 503 — never the API's JSON.
 */
export function pageRoute(
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<VNode | FastifyReply>,
  options: PageRouteOptions = {},
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (options.private) void reply.header('cache-control', 'no-store');
    try {
      const result = await handler(request, reply);
      // A redirect or a download has been sent already (a reply is thenable, so awaiting it does not return it).
      return reply.sent ? reply : sendPage(reply, result as VNode, reply.statusCode);
    } catch (error) {
      return sendErrorPage(reply, error, { signInReturnTo: options.postsToItsPage ? request.url : undefined });
    }
  };
}

/**
 * The error handler of a plugin of private pages: errors raised before the handler (the form
 * token check, a body too large) get an HTML page too, not the API's JSON.
 */
export function htmlErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  void reply.header('cache-control', 'no-store');
  return sendErrorPage(reply, error);
}

/** After a successful form post: see the result with a GET (the browser will not post twice). */
export function redirectAfterPost(reply: FastifyReply, location: string): FastifyReply {
  return reply.redirect(location, 303);
}

/** The signed-in user of the request, or UNAUTHORIZED naming what needs signing in. */
export function requireUser(request: FastifyRequest, what: string): SignedInUser {
  const { viewer } = contextOf(request);
  if (viewer.kind !== 'user') throw new AppError({ code: 'UNAUTHORIZED', message: `Sign in to ${what}.` });
  return viewer.user;
}

/** Administrators only (policy.canAdministerUsers): 401 for the public, 403 for other roles. */
export function requireAdministrator(request: FastifyRequest): Viewer {
  const { viewer } = contextOf(request);
  assertAllowed(viewer, canAdministerUsers(viewer), 'administer users and API tokens');
  return viewer;
}

/** A positive integer id from a route parameter, or NOT_FOUND (a page that cannot exist). */
export function idParam(request: FastifyRequest, what: string): number {
  const text = (request.params as Record<string, string>).id ?? '';
  const id = /^\d{1,9}$/.test(text) ? Number(text) : 0;
  if (id < 1) throw new AppError({ code: 'NOT_FOUND', message: `No ${what} ${text}` });
  return id;
}
