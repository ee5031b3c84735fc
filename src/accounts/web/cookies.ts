import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionCookieName } from '../../http/request-context.ts';
import { sessionLifetimeMs } from '../sessions.service.ts';
import { formValue } from '../../ui/form-fields.tsx';

/** Cookies get the Secure flag when the request came over HTTPS (behind a proxy: Fastify's trustProxy). */
function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * POSTs; links from other sites still arrive signed in), the whole site, as long as the session.
 */
export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string): void {
  void reply.setCookie(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: isHttps(request),
    maxAge: Math.floor(sessionLifetimeMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  void reply.clearCookie(sessionCookieName, { httpOnly: true, sameSite: 'lax', path: '/', secure: isHttps(request) });
}

/** The sign-in form's own token cookie (there is no session yet to hold a form token). */
export const formCookieName = 'ctip_form';
/** The hidden field that echoes it. */
export const formTokenField = '_form';
const formPath = '/sign-in';
const formLifetimeSeconds = 30 * 60;

/**
 * Login CSRF defence (double submit): a random value in a short-lived HttpOnly, SameSite=Strict
 * cookie and in a hidden field of the form. Another site can make a browser post the form, but
 * cannot read or set the cookie, so it cannot sign a victim in to the attacker's account.
 */
export function issueFormToken(reply: FastifyReply, request: FastifyRequest): string {
  const token = randomBytes(32).toString('base64url');
  void reply.setCookie(formCookieName, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: formPath,
    secure: isHttps(request),
    maxAge: formLifetimeSeconds,
  });
  return token;
}

/** Whether the posted form echoes the cookie's token (compared in constant time). */
export function hasValidFormToken(request: FastifyRequest): boolean {
  const fromCookie = request.cookies?.[formCookieName] ?? '';
  const fromForm = formValue(request.body, formTokenField);
  if (!fromCookie || !fromForm) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(fromCookie), digest(fromForm));
}

export function clearFormToken(reply: FastifyReply, request: FastifyRequest): void {
  void reply.clearCookie(formCookieName, { httpOnly: true, sameSite: 'strict', path: formPath, secure: isHttps(request) });
}
