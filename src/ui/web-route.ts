import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { contextOf } from '../http/request-context.ts';
import type { SignedInUser, Viewer } from '../shared/actor.ts';
import { AppError, isAppError } from '../shared/errors.ts';
import { sendAccessErrorPage } from './access-error-page.tsx';
import { ErrorPage, sendErrorPage, sendPage } from './error-page.tsx';
import { assertAllowed, canAdministerUsers } from '../policy/policy.ts';

/**
 * Wraps an account page handler. The handler returns a page (sent with the status it set on
 * the reply) or the reply itself (a redirect). Errors become HTML pages: 401 with a sign-in link,
 * 403, 429 with the wait, 404, 400, 500. Nothing here may be cached: it is about one person.
 */
export function webRoute(handler: (request: FastifyRequest, reply: FastifyReply) => Promise<VNode | FastifyReply>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('cache-control', 'no-store');
    try {
      const result = await handler(request, reply);
      // A redirect has been sent already (a reply is thenable, so awaiting it does not return it).
      return reply.sent ? reply : sendPage(reply, result as VNode, reply.statusCode);
    } catch (error) {
      return sendAccessErrorPage(reply, request, error) ?? sendErrorPage(reply, request.log, error);
    }
  };
}

/**
 * The error handler of the account pages' plugin: errors raised before the handler (the form
 * token check, a body too large) get an HTML page too, not the API's JSON.
 */
export function htmlErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  void reply.header('cache-control', 'no-store');
  const access = sendAccessErrorPage(reply, request, error);
  if (access) return access;
  const status = isAppError(error) ? error.httpStatus : error.statusCode;
  if (status && status >= 400 && status < 500 && status !== 404 && status !== 400) {
    return sendPage(reply, ErrorPage({ status, message: error.message }), status);
  }
  return sendErrorPage(reply, request.log, error);
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
