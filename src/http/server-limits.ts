import type { ServerOptions } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config/config.ts';

/**
 * The Fastify options that bound how long a client may hold a connection: `requestTimeout` (the
 * whole request must arrive in time, against clients that send a byte now and then),
 * `connectionTimeout` (a silent socket is closed) and which proxies may name the client address.
 * Without settings (tests), Fastify's and Node's defaults apply.
 */
export function serverLimits(
  config: Partial<Pick<Config, 'timeouts' | 'trustProxy'>>,
): Partial<FastifyServerOptions> & { http?: ServerOptions } {
  const limits: Partial<FastifyServerOptions> & { http?: ServerOptions } = {};
  if (config.timeouts) {
    const { requestMs, connectionMs } = config.timeouts;
    limits.requestTimeout = requestMs;
    limits.connectionTimeout = connectionMs;
    // Node checks request timeouts on an interval (30 s by default); check often enough that a
    // short timeout is kept, and headers must not be allowed longer than the whole request.
    limits.http = {
      connectionsCheckingInterval: Math.min(30_000, Math.max(250, Math.floor(requestMs / 4))),
      headersTimeout: Math.min(60_000, requestMs),
    };
  }
  if (config.trustProxy) limits.trustProxy = config.trustProxy as FastifyServerOptions['trustProxy']; // a hop count is allowed, though not in the types
  return limits;
}
