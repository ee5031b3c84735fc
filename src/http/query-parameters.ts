import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../shared/errors.ts';

/**
 * The fiscal year's old short name. The API still reads it (with a Deprecation header) and pages
 * redirect it, so that links and scripts written before the rename keep working.
 */
export const deprecatedFiscalYearName = 'fy';
/** RFC 9745: the date from which `fy` is deprecated (1 December 2026), and where to read why. */
const deprecationHeader = '@1796083200';
const deprecationLink = '</docs#fiscal-year>; rel="deprecation"';

/** Words people reach for that mean a parameter under another name. */
const synonyms: Record<string, string> = {
  year: 'fiscalYear',
  fiscalyear: 'fiscalYear',
  fy: 'fiscalYear',
  from: 'fiscalYearFrom',
  to: 'fiscalYearTo',
  search: 'q',
  query: 'q',
};

/** The parameter names a route's querystring schema declares (zod objects, through pipes and transforms). */
export function queryKeysOf(schema: unknown): string[] {
  let current = schema as { shape?: Record<string, unknown>; _zod?: { def?: { in?: unknown; innerType?: unknown } } } | undefined;
  for (let depth = 0; current && depth < 10; depth += 1) {
    if (current.shape) return Object.keys(current.shape);
    const def = current._zod?.def;
    current = (def?.in ?? def?.innerType) as typeof current;
  }
  return [];
}

function editDistance(left: string, right: string): number {
  const previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i += 1) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= right.length; j += 1) {
      const above = previous[j]!;
      previous[j] = Math.min(previous[j]! + 1, previous[j - 1]! + 1, diagonal + (left[i - 1] === right[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[right.length]!;
}

/** The known parameter a mistyped or misnamed one most likely meant, if any is close. */
export function suggestParameter(unknown: string, allowed: readonly string[]): string | undefined {
  const plain = unknown.toLowerCase().replace(/[-_\s]/g, '');
  const synonym = synonyms[plain];
  if (synonym && allowed.includes(synonym)) return synonym;
  const sameLetters = allowed.find((key) => key.toLowerCase() === plain);
  if (sameLetters) return sameLetters;
  let best: { key: string; distance: number } | undefined;
  for (const key of allowed) {
    const distance = editDistance(plain, key.toLowerCase());
    if (!best || distance < best.distance) best = { key, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(plain.length / 3)) ? best.key : undefined;
}

/** "unknown parameter year; did you mean fiscalYear?" — one message for one or several names. */
function unknownParametersError(unknown: string[], allowed: readonly string[]): AppError {
  const details = unknown.map((name) => {
    const suggestion = suggestParameter(name, allowed);
    return { field: name, message: suggestion ? `unknown parameter; did you mean ${suggestion}?` : 'unknown parameter' };
  });
  const parts = unknown.map((name) => {
    const suggestion = suggestParameter(name, allowed);
    return suggestion ? `${name}; did you mean ${suggestion}?` : name;
  });
  const known = allowed.length ? ` This address takes ${allowed.join(', ')}.` : ' This address takes no parameters.';
  return new AppError({
    code: 'VALIDATION_FAILED',
    message: `${unknown.length === 1 ? 'unknown parameter' : 'unknown parameters'} ${parts.join(', ')}${known}`,
    details,
  });
}

type Query = Record<string, unknown>;

/** API routes: `fy` read as `fiscalYear` (deprecated), any other unknown name refused with a suggestion. */
function checkApiQuery(allowed: readonly string[]) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const query = (request.query ?? {}) as Query;
    if (deprecatedFiscalYearName in query && allowed.includes('fiscalYear') && !allowed.includes(deprecatedFiscalYearName)) {
      if (query.fiscalYear === undefined) query.fiscalYear = query[deprecatedFiscalYearName];
      delete query[deprecatedFiscalYearName];
      void reply.header('deprecation', deprecationHeader).header('link', deprecationLink);
    }
    const unknown = Object.keys(query).filter((key) => !allowed.includes(key));
    if (unknown.length) throw unknownParametersError(unknown, allowed);
  };
}

/** Pages: an old `?fy=` link is redirected (301) to the same page with `fiscalYear`. */
async function redirectOldFiscalYear(request: FastifyRequest, reply: FastifyReply) {
  const query = request.query as Query | undefined;
  if (!query || !(deprecatedFiscalYearName in query)) return;
  const [path, search = ''] = request.url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(search);
  const value = params.get(deprecatedFiscalYearName);
  params.delete(deprecatedFiscalYearName);
  if (value !== null && !params.has('fiscalYear')) params.set('fiscalYear', value);
  const next = params.toString();
  return reply.redirect(next ? `${path}?${next}` : path, 301);
}

function appendHook<Hook>(existing: Hook | Hook[] | undefined, hook: Hook): Hook[] {
  return existing === undefined ? [hook] : Array.isArray(existing) ? [...existing, hook] : [existing, hook];
}

/**
 * One rule for query parameters, added to every route as it is registered: under `/api/` an
 * unknown parameter is a 400 naming it and the one it most likely meant (under `/api/hsds/` every
 * parameter is accepted, as that API's description allows); pages ignore unknown parameters
 * (shared links carry tracking parameters) but redirect the fiscal year's old name.
 */
export function installQueryParameterRules(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const url = route.url;
    if (!url) return;
    if (url.startsWith('/api/')) {
      if (url.startsWith('/api/hsds/')) return;
      const allowed = queryKeysOf(route.schema?.querystring);
      route.preValidation = appendHook(route.preValidation, checkApiQuery(allowed));
      return;
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('GET')) route.onRequest = appendHook(route.onRequest, redirectOldFiscalYear);
  });
}
