import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor, Viewer } from '../shared/actor.ts';

/**
 * Who is behind a request, decided once per request in `installRequestContext` and read by every
 * route through `contextOf`. `session` is set for browser sessions: forms must echo its token.
 */
export type RequestContext = {
  viewer: Viewer;
  actor: Actor | undefined;
  session?: { token: string; tokenHash: string; csrfToken: string };
};

/** What code deep in a request (the page layout) may know about it without being handed props. */
type RequestScope = { context: RequestContext; url: string };

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with the request's context available to `currentRequestContext()` (tests, scripts). */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T, url = '/'): T {
  return storage.run({ context, url }, fn);
}

/**
 * Makes the context current for the rest of the request's asynchronous chain. Fastify's hooks
 * call it: once when the context is resolved and again before the handler, because reading the
 * body resumes in the HTTP parser's async scope and loses the store.
 */
export function enterRequestContext(context: RequestContext, url: string): void {
  storage.enterWith({ context, url });
}

/** The context of the request being served, or undefined outside a request. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore()?.context;
}

/** The path and query of the request being served (for "sign in and come back here" links). */
export function currentRequestUrl(): string | undefined {
  return storage.getStore()?.url;
}
