import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { AppError, isAppError, toAppError, type ErrorDetail } from '../shared/errors.ts';
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
 * Answers a failed page request in HTML: a missing record is a 404 page, an invalid query a 400
 * page naming each problem, anything else a 500 page (logged, with no internal detail shown).
 * The app's error handler answers JSON, which is right for the API but not for people.
 */
export function sendErrorPage(reply: FastifyReply, log: FastifyBaseLogger, error: unknown): FastifyReply {
  // Sign-in needed, not allowed, too many attempts: the access pages say so and offer a way on.
  const accessPage = sendAccessErrorPage(reply, reply.request, error);
  if (accessPage) return accessPage;
  if (isAppError(error) && error.code === 'NOT_FOUND') {
    return sendPage(reply, ErrorPage({ status: 404, message: error.message }), 404);
  }
  if (isAppError(error) && error.code === 'VALIDATION_FAILED') {
    return sendPage(reply, ErrorPage({ status: 400, message: error.message, problems: error.details }), 400);
  }
  // Any other problem the person can act on (a conflict, a too-large body…) is said with its status.
  const appError = toAppError(error, 'The page could not be shown');
  if (appError.httpStatus >= 400 && appError.httpStatus < 500)
    return sendPage(reply, ErrorPage({ status: appError.httpStatus, message: appError.message }), appError.httpStatus);
  if (appError.code === 'UNAVAILABLE') {
    // The operator's to fix (Chromium missing): logged with its detail, told to the reader plainly.
    log.warn({ err: error }, 'page unavailable');
    return sendPage(
      reply,
      ErrorPage({
        status: 503,
        message: 'This download is not available on this server right now. The HTML and Markdown versions are; please try again later.',
      }),
      503,
    );
  }
  log.error({ err: error }, 'page failed');
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
