import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors.ts';

/**
 * Where the first string holding a NUL character sits in a parsed request part, as a field
 * path (`body.partners.0.name`), or undefined. Walks without recursion, so a deeply nested
 * JSON body cannot overflow the stack.
 */
export function findNulField(value: unknown, root: string): string | undefined {
  const pending: [unknown, string][] = [[value, root]];
  while (pending.length) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path;
    } else if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes('\u0000')) return `${path}.${key.replaceAll('\u0000', '\\0')}`;
        pending.push([child, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}

/**
 * Refuses, before any route validates or runs, a request whose query, path or body holds a NUL
 * character anywhere: PostgreSQL cannot store one in text or JSON, so it would otherwise fail
 * deep in a query as a 500. One hook covers every route, API and pages, and every string field.
 */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['querystring', request.query],
      ['params', request.params],
      ['body', request.body],
    ] as const) {
      const field = findNulField(value, part);
      if (field) {
        throw new AppError({
          code: 'VALIDATION_FAILED',
          message: `The request is not valid: ${field} contains a NUL character (\\0), which no text field may hold`,
          details: [{ field, message: 'must not contain a NUL character' }],
        });
      }
    }
  });
}
