import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors.ts';

/** No ctip body needs more than a few levels; 32 leaves room and refuses nesting bombs. */
export const maxJsonDepth = 32;

/**
 * Whether JSON text opens more than `maxDepth` objects or arrays inside each other, found in one
 * pass over the characters (brackets inside strings do not count). Checked before parsing, so a
 * deeply nested body never reaches the code that walks it recursively (validation, logging).
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index += 1; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * Replaces Fastify's JSON body parser by the same parser (same prototype-poisoning checks) behind
 * a depth check: a body nested deeper than `maxJsonDepth` is a 400 naming the problem.
 */
export function installJsonDepthLimit(app: FastifyInstance, options: { maxDepth?: number } = {}): void {
  const maxDepth = options.maxDepth ?? maxJsonDepth;
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (exceedsJsonDepth(body as string, maxDepth)) {
      const message = `is nested more than ${maxDepth} levels deep (objects and arrays inside each other)`;
      done(
        new AppError({ code: 'VALIDATION_FAILED', message: `The JSON body ${message}`, details: [{ field: 'body', message }] }),
        undefined,
      );
      return;
    }
    parse(request, body as string, done);
  });
}
