import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, type AppError } from '../shared/errors.ts';
import { Layout, sendPage } from './layout.tsx';
import { signInHref } from '../http/return-to.ts';

type AccessCode = 'UNAUTHORIZED' | 'FORBIDDEN' | 'RATE_LIMITED';

/** The seconds a RATE_LIMITED error asks to wait (carried by the error), at least 1. */
export function retryAfterSeconds(error: AppError): number {
  return Math.max(1, Math.ceil(error.retryAfterSeconds ?? 60));
}

/** 401: the page needs a signed-in user; the link signs in and comes back here. */
export function SignInRequiredPage(props: { message: string; returnTo: string }) {
  return (
    <Layout title="Sign in to continue">
      <h1>Sign in to continue</h1>
      <div class="usa-alert usa-alert--info">
        <div class="usa-alert__body">
          <p class="usa-alert__text">{props.message}</p>
        </div>
      </div>
      <p>
        <a class="usa-button" href={signInHref(props.returnTo)}>
          Sign in
        </a>
      </p>
    </Layout>
  );
}

/** 403: signed in, but the role (or the form token) does not allow this. */
export function ForbiddenPage(props: { message: string }) {
  return (
    <Layout title="Not allowed">
      <h1>Not allowed</h1>
      <div class="usa-alert usa-alert--warning">
        <div class="usa-alert__body">
          <h2 class="usa-alert__heading">You may not do this</h2>
          <p class="usa-alert__text">{props.message}</p>
        </div>
      </div>
      <p>
        If you need access, ask an administrator of ctip. <a href="/">Go to the home page</a>.
      </p>
    </Layout>
  );
}

/** 429: too many attempts (sign-ins) or requests; says how long to wait. */
export function TooManyAttemptsPage(props: { title: string; seconds: number; message: string; backTo: { href: string; label: string } }) {
  const wait = `${props.seconds} second${props.seconds === 1 ? '' : 's'}`;
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <div class="usa-alert usa-alert--warning">
        <div class="usa-alert__body">
          <h2 class="usa-alert__heading">{`Try again in ${wait}`}</h2>
          <p class="usa-alert__text">{props.message}</p>
        </div>
      </div>
      <p>
        <a href={props.backTo.href}>{props.backTo.label}</a>
      </p>
    </Layout>
  );
}

function isAccessError(error: unknown): error is AppError & { code: AccessCode } {
  return isAppError(error) && (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN' || error.code === 'RATE_LIMITED');
}

/**
 * Answers an access error (401, 403, 429) with its HTML page; returns undefined for any other
 * error so the caller can fall back to `sendErrorPage`. A 401 page links to sign-in and back to
 * the page asked for (a GET; after a refused form the visitor returns to the home page, or to
 * `signInReturnTo` when the form has a page of its own).
 */
export function sendAccessErrorPage(
  reply: FastifyReply,
  request: FastifyRequest,
  error: unknown,
  signInReturnTo?: string,
): FastifyReply | undefined {
  if (!isAccessError(error)) return undefined;
  if (error.code === 'UNAUTHORIZED') {
    const returnTo = request.method === 'GET' ? request.url : (signInReturnTo ?? '/');
    return sendPage(reply, SignInRequiredPage({ message: error.message, returnTo }), 401);
  }
  if (error.code === 'FORBIDDEN') return sendPage(reply, ForbiddenPage({ message: error.message }), 403);
  const seconds = retryAfterSeconds(error);
  void reply.header('retry-after', String(seconds));
  const accountPage = /^\/(sign-in|account)\b/.test(request.url);
  const page = accountPage
    ? { title: 'Too many attempts', backTo: { href: '/sign-in', label: 'Back to the sign-in page' } }
    : { title: 'Too many requests', backTo: { href: '/', label: 'Go to the home page' } };
  return sendPage(reply, TooManyAttemptsPage({ ...page, seconds, message: error.message }), 429);
}
