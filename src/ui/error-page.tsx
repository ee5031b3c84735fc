import type { FastifyError, FastifyReply } from 'fastify';
import { toRouteError } from '../http/error-handler.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import { sendAccessErrorPage } from './access-error-page.tsx';
import { Layout, sendPage } from './layout.tsx';

export { sendPage } from './layout.tsx';

const titles: Record<number, string> = {
  400: 'The request is not valid',
  404: 'Page not found',
  500: 'Something went wrong',
  503: 'Not available right now',
};

/** An HTML error page: what went wrong, each problem named, and a way on. */
export function ErrorPage(props: { status: number; message: string; problems?: ErrorDetail[] }) {
  const title = titles[props.status] ?? 'Error';
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <div class={props.status >= 500 ? 'usa-alert usa-alert--error' : 'usa-alert usa-alert--warning'}>
        <div class="usa-alert__body">
          <h2 class="usa-alert__heading">{props.status === 400 ? 'Please correct the address or the search' : `Error ${props.status}`}</h2>
          <p class="usa-alert__text">{props.message}</p>
          {props.problems?.length ? (
            <ul class="usa-alert__text">
              {props.problems.map((problem, index) => (
                <li key={index}>{problem.field ? `${problem.field}: ${problem.message}` : problem.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
      <p>
        <a href="/">Go to the home page</a> or <a href="/programs">search all programs</a>.
      </p>
    </Layout>
  );
}

/**
 * Answers a failed page request in HTML: sign-in needed, not allowed and too many requests get
 * the access pages; a missing record a 404 page, an invalid request a 400 page naming each
 * problem, any other problem the person can act on its status and message; an operator's problem
 * a 503 page and anything else a 500 page (both logged, with no internal detail shown).
 */
export function sendErrorPage(reply: FastifyReply, error: unknown, options: { signInReturnTo?: string } = {}): FastifyReply {
  const accessPage = sendAccessErrorPage(reply, reply.request, error, options.signInReturnTo);
  if (accessPage) return accessPage;
  const appError = toRouteError(error as FastifyError);
  const status = appError.httpStatus;
  if (status === 400) return sendPage(reply, ErrorPage({ status, message: appError.message, problems: appError.details }), status);
  if (status < 500) return sendPage(reply, ErrorPage({ status, message: appError.message }), status);
  if (appError.code === 'UNAVAILABLE') {
    // The operator's to fix (Chromium missing): logged with its detail, told to the reader plainly.
    reply.log.warn({ err: error }, 'page unavailable');
    return sendPage(
      reply,
      ErrorPage({
        status: 503,
        message: 'This download is not available on this server right now. The HTML and Markdown versions are; please try again later.',
      }),
      503,
    );
  }
  reply.log.error({ err: error }, 'page failed');
  return sendPage(
    reply,
    ErrorPage({ status: 500, message: 'The page could not be shown; the error has been logged. Please try again later.' }),
    500,
  );
}

/** A 404 error for a page whose record does not exist. */
export function notFound(message: string): AppError {
  return new AppError({ code: 'NOT_FOUND', message });
}

/** The 404 page for an address no route answers (a browser asked; API clients get JSON). */
export function sendNotFoundPage(_request: unknown, reply: FastifyReply, message: string): FastifyReply {
  return sendPage(reply, ErrorPage({ status: 404, message }), 404);
}
