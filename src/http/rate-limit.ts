import { isIPv6 } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimit, RateLimitSettings } from '../config/limits-config.ts';
import { AppError } from '../shared/errors.ts';
import { contextOf } from './request-context.ts';

/** No limits at all: for tests that are not about limits (they say so explicitly). */
export const rateLimitOff: RateLimitSettings = { perMinute: 'off', staffPerMinute: 'off' };

const windowMs = 60_000;

/**
 * Counts requests per key in fixed one-minute windows. In memory: each server process keeps its
 * own counts (several processes behind a load balancer each allow the limit). Bounded: past
 * `maxKeys` the oldest windows are dropped first.
 */
export class RequestCounter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(private readonly options: { maxKeys?: number; now?: () => number } = {}) {}

  /** Counts one request; returns the seconds to wait when the key is over `limit`, else 0. */
  take(key: string, limit: number): number {
    const now = this.options.now?.() ?? Date.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= windowMs) {
      window = { startedAt: now, count: 0 };
      // Re-inserted so the map stays ordered by window start, oldest first.
      this.windows.delete(key);
      this.windows.set(key, window);
      this.evict(now);
    }
    if (window.count >= limit) return Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000));
    window.count += 1;
    return 0;
  }

  /** The seconds to wait when the key is already over `limit`, else 0; counts nothing. */
  waitOf(key: string, limit: number): number {
    const now = this.options.now?.() ?? Date.now();
    const window = this.windows.get(key);
    if (!window || now - window.startedAt >= windowMs || window.count < limit) return 0;
    return Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000));
  }

  private evict(now: number): void {
    const maxKeys = this.options.maxKeys ?? 100_000;
    for (const [key, window] of this.windows) {
      if (this.windows.size <= maxKeys && now - window.startedAt < windowMs) break;
      this.windows.delete(key);
    }
  }
}

/**
 * The bucket of a client address. An IPv6 client usually holds a whole /64, so its addresses
 * share one bucket; otherwise one machine could take a fresh limit per address.
 */
export function clientBucket(address: string): string {
  if (!isIPv6(address) || address.includes('.')) return `address:${address}`;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `network:${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Health checks and the static files a page pulls in are never limited. */
function isExempt(url: string): boolean {
  return url === '/healthz' || url === '/readyz' || url.startsWith('/assets/');
}

/** API routes and the API description answer in JSON; everything else is a page for people. */
function wantsJson(url: string): boolean {
  return url.startsWith('/api/') || url === '/openapi.json' || url.startsWith('/docs');
}

function carriesCredentials(request: FastifyRequest): boolean {
  return Boolean(request.headers.authorization) || (request.headers.cookie ?? '').includes('ctip_session=');
}

function tooManyRequests(seconds: number): AppError {
  return new AppError({
    code: 'RATE_LIMITED',
    message: `Too many requests. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    retryAfterSeconds: seconds,
  });
}

/**
 * Per-client rate limits (429 with Retry-After): the public per client address
 * (`CTIP_RATE_LIMIT`), signed-in staff per person or token (`CTIP_RATE_LIMIT_STAFF`). Requests
 * without credentials are counted in onRequest, before any database work; requests with a session
 * or a token once the request context knows who is asking (preParsing), and refused credentials
 * (401) per address as well. Pages get the HTML page
 * `sendPage` renders; API routes throw into the JSON error handler.
 */
export function installRateLimit(
  app: FastifyInstance,
  options: {
    settings: RateLimitSettings;
    sendPage: (reply: FastifyReply, request: FastifyRequest, error: AppError) => FastifyReply;
    counter?: RequestCounter;
  },
): void {
  const { perMinute, staffPerMinute } = options.settings;
  if (perMinute === 'off' && staffPerMinute === 'off') return;
  const counter = options.counter ?? new RequestCounter();

  async function limit(request: FastifyRequest, reply: FastifyReply, key: string, max: RateLimit, count = true) {
    if (max === 'off') return;
    const seconds = count ? counter.take(key, max) : counter.waitOf(key, max);
    if (!seconds) return;
    const error = tooManyRequests(seconds);
    if (wantsJson(request.url)) throw error;
    return options.sendPage(reply, request, error);
  }

  app.addHook('onRequest', async (request, reply) => {
    if (isExempt(request.url)) return;
    // Credentials that turn out not valid (401) are counted per address after the answer, so a
    // made-up token on every request does not escape the public limit.
    if (carriesCredentials(request)) return limit(request, reply, `refused:${clientBucket(request.ip)}`, perMinute, false);
    return limit(request, reply, clientBucket(request.ip), perMinute);
  });
  app.addHook('onResponse', async (request, reply) => {
    if (perMinute !== 'off' && reply.statusCode === 401 && carriesCredentials(request) && !isExempt(request.url))
      counter.take(`refused:${clientBucket(request.ip)}`, perMinute);
  });
  app.addHook('preParsing', async (request, reply) => {
    if (isExempt(request.url) || !carriesCredentials(request)) return;
    const { viewer } = contextOf(request);
    if (viewer.kind === 'public') return limit(request, reply, clientBucket(request.ip), perMinute);
    return limit(request, reply, viewer.kind === 'user' ? `user:${viewer.user.id}` : 'operator', staffPerMinute);
  });
}
