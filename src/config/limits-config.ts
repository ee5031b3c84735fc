import { isIP } from 'node:net';
import { z } from 'zod';

/** Requests per minute, or 'off' for no limit. */
export type RateLimit = number | 'off';

export type RateLimitSettings = { perMinute: RateLimit; staffPerMinute: RateLimit };

/** Fastify's trustProxy: false, a number of proxy hops, or the proxies' addresses (comma-separated). */
export type ProxyTrust = false | number | string;

/** `off` or a whole number of requests per minute, with a message in the operator's words. */
export function rateSetting(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((value, context): RateLimit => {
      const text = value.trim().toLowerCase();
      if (text === 'off') return 'off';
      const number = /^\d{1,7}$/.test(text) ? Number(text) : 0;
      if (number >= 1 && number <= 1_000_000) return number;
      context.addIssue({ code: 'custom', message: `must be a number of requests per minute (1 to 1000000) or off, not '${value}'` });
      return z.NEVER;
    });
}

/** A whole number of seconds between 1 and one hour. */
export function secondsSetting(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((value, context) => {
      const number = /^\d{1,4}$/.test(value.trim()) ? Number(value.trim()) : 0;
      if (number >= 1 && number <= 3600) return number;
      context.addIssue({ code: 'custom', message: `must be a whole number of seconds from 1 to 3600, not '${value}'` });
      return z.NEVER;
    });
}

const cidr = /^(.+)\/(\d{1,3})$/;

function isAddressOrRange(part: string): boolean {
  const match = cidr.exec(part);
  const address = match ? match[1]! : part;
  const version = isIP(address);
  return version !== 0 && (!match || Number(match[2]) <= (version === 4 ? 32 : 128));
}

/**
 * Off by default: X-Forwarded-For is believed only when the operator says which proxies send it,
 * or else any client could pick its own address (and its own rate-limit bucket).
 */
export function proxySetting() {
  return z
    .string()
    .default('off')
    .transform((value, context): ProxyTrust => {
      const text = value.trim();
      if (text.toLowerCase() === 'off') return false;
      if (/^\d{1,2}$/.test(text) && Number(text) >= 1) return Number(text);
      const parts = text.split(',').map((part) => part.trim());
      const bad = parts.filter((part) => !isAddressOrRange(part));
      if (!bad.length) return parts.join(',');
      context.addIssue({
        code: 'custom',
        message: `must be off, a number of proxy hops (1 to 99), or proxy addresses such as 10.0.0.1,10.1.0.0/16; '${bad.join("', '")}' is not an address`,
      });
      return z.NEVER;
    });
}
