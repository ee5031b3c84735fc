import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import { contextOf } from '../../http/request-context.ts';
import { isAppError } from '../../shared/errors.ts';
import { signIn, signOut } from '../sessions.service.ts';
import type { SignInThrottle } from '../sign-in-throttle.ts';
import { clearFormToken, clearSessionCookie, hasValidFormToken, issueFormToken, setSessionCookie } from './cookies.ts';
import { formValue, type FieldErrors } from '../../ui/form-fields.tsx';
import { safeReturnTo } from '../../http/return-to.ts';
import { SignInPage } from './sign-in.page.tsx';
import { pageRoute, redirectAfterPost } from '../../ui/page-route.ts';

type Options = { db: Database; throttle: SignInThrottle };

/** Renders the form again with a fresh form token, the status and what went wrong. */
function signInForm(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { status: number; returnTo: string; email?: string; errors?: FieldErrors; message?: string },
) {
  void reply.status(options.status);
  return SignInPage({ ...options, formToken: issueFormToken(reply, request) });
}

/** GET/POST /sign-in and POST /sign-out. */
export const signInRoutes: FastifyPluginAsync<Options> = async (app, { db, throttle }) => {
  app.get(
    '/sign-in',
    { schema: { hide: true } },
    pageRoute(
      async (request, reply) =>
        signInForm(request, reply, { status: 200, returnTo: safeReturnTo((request.query as Record<string, unknown>).returnTo) }),
      { private: true },
    ),
  );

  app.post(
    '/sign-in',
    { schema: { hide: true } },
    pageRoute(
      async (request, reply) => {
        const returnTo = safeReturnTo(formValue(request.body, 'returnTo'));
        const email = formValue(request.body, 'email').trim();
        const password = formValue(request.body, 'password');
        if (!hasValidFormToken(request)) {
          const message = 'The sign-in form expired or did not come from ctip. Please sign in again.';
          return signInForm(request, reply, { status: 403, returnTo, email, message });
        }
        const errors: FieldErrors = {};
        if (!email) errors.email = 'Enter your email address';
        if (!password) errors.password = 'Enter your password';
        if (errors.email || errors.password) return signInForm(request, reply, { status: 400, returnTo, email, errors });
        let result: Awaited<ReturnType<typeof signIn>>;
        try {
          result = await signIn({ db, email, password, clientAddress: request.ip, throttle, door: 'web' });
        } catch (error) {
          // One answer for an unknown email, a wrong password and a disabled account.
          if (isAppError(error) && error.code === 'UNAUTHORIZED')
            return signInForm(request, reply, { status: 401, returnTo, email, message: error.message });
          throw error;
        }
        const previous = contextOf(request);
        if (previous.session && previous.viewer.kind === 'user') {
          await signOut({ db, sessionToken: previous.session.token, user: previous.viewer.user, door: 'web' });
        }
        setSessionCookie(reply, request, result.sessionToken);
        clearFormToken(reply, request);
        return redirectAfterPost(reply, returnTo);
      },
      { private: true },
    ),
  );

  // The form token of the session is checked by the request context's preHandler.
  app.post(
    '/sign-out',
    { schema: { hide: true } },
    pageRoute(
      async (request, reply) => {
        const { session, viewer } = contextOf(request);
        if (session && viewer.kind === 'user') await signOut({ db, sessionToken: session.token, user: viewer.user, door: 'web' });
        clearSessionCookie(reply, request);
        return redirectAfterPost(reply, '/');
      },
      { private: true },
    ),
  );
};
