import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, isAppError, toAppError, type ErrorCode } from '../shared/errors.ts';

/** Fastify's own client errors, by their code, in ctip's vocabulary. */
const fastifyErrorCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
};

/** Any error a route or a hook raised, as the AppError it answers with (the JSON and the HTML doors alike). */
export function toRouteError(error: FastifyError): AppError {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      field: [error.validationContext, ...(issue.instancePath ? issue.instancePath.split('/').filter(Boolean) : [])].join('.'),
      message: issue.message ?? 'is not valid',
    }));
    return new AppError({
      code: 'VALIDATION_FAILED',
      message: `The request is not valid: ${details.map((detail) => `${detail.field} ${detail.message}`).join('; ')}`,
      details,
    });
  }
  const mapped = error.code ? fastifyErrorCodes[error.code] : undefined;
  if (mapped) return new AppError({ code: mapped, message: error.message });
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // A client error from a plugin (such as malformed JSON) keeps its message: it names the problem.
    return new AppError({ code: error.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', message: error.message });
  }
  return toAppError(error, 'Something went wrong on our side; the error has been logged');
}

/**
 * Whether the client would rather read HTML than JSON: a browser's Accept names text/html before
 * any JSON type. API paths answer JSON whoever asks.
 */
export function prefersHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  const accept = String(request.headers.accept ?? '').toLowerCase();
  const html = accept.indexOf('text/html');
  const json = accept.search(/application\/(?:[a-z.+-]*\+)?json/);
  return html !== -1 && (json === -1 || html < json);
}

/**
 * One error shape for every route: `{ error: { code, message, details? } }`, never a stack trace.
 * `sendNotFoundPage`, handed in by `app/`, answers an unknown address in HTML when a browser asks.
 */
export function installErrorHandler(
  app: FastifyInstance,
  options: { sendNotFoundPage?: (request: FastifyRequest, reply: FastifyReply, message: string) => FastifyReply } = {},
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toRouteError(error);
    if (appError.code === 'INTERNAL') {
      request.log.error({ err: isResponseSerializationError(error) ? error.cause : error }, 'unhandled error');
    }
    if (appError.retryAfterSeconds) void reply.header('retry-after', String(appError.retryAfterSeconds));
    void reply.status(appError.httpStatus).type('application/json; charset=utf-8').send(appError.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    if (options.sendNotFoundPage && request.method === 'GET' && prefersHtml(request))
      return options.sendNotFoundPage(request, reply, `There is no page at ${path}.`);
    const appError = new AppError({ code: 'NOT_FOUND', message: `No route for ${request.method} ${path}` });
    return reply.status(404).send(appError.toBody());
  });
}

/**
 * Errors the router raises before any route or hook runs (a malformed percent-encoding, a path
 * segment longer than the router's limit), in the one error shape instead of Fastify's own.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A part of the address is too long to be an id or a code'
      : 'The address is not valid: it holds a malformed percent-encoding';
  void reply
    .status(400)
    .type('application/json; charset=utf-8')
    .send(new AppError({ code: 'VALIDATION_FAILED', message, details: [{ field: 'path', message }] }).toBody());
}
