import path from 'node:path';
import { z } from 'zod';
import { proxySetting, rateSetting, secondsSetting, type ProxyTrust, type RateLimitSettings } from './limits-config.ts';

/**
 * Every setting ctip reads from the environment, validated in one place.
 * A bad setting stops the process at boot with every problem listed, instead of
 * failing later in a request.
 */
/** Debian's Chromium (scripts/install-system-packages.sh installs it). */
export const defaultChromiumPath = '/usr/bin/chromium';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** When set, ctip uses this PostgreSQL server instead of the embedded database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Data directory of the embedded PGlite database. */
  CTIP_DATA_DIR: z.string().min(1).default('./data'),
  CTIP_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest request body the API accepts, in bytes. */
  CTIP_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  /** Operator token that may write through the API until accounts exist; unset means read-only. */
  CTIP_API_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Requests per minute per client address, or off (README, "Abuse limits"). */
  CTIP_RATE_LIMIT: rateSetting('300'),
  /** Requests per minute per signed-in person or API token, or off. */
  CTIP_RATE_LIMIT_STAFF: rateSetting('off'),
  /** Longest time a client may take to send a whole request. */
  CTIP_REQUEST_TIMEOUT_SECONDS: secondsSetting('30'),
  /** Longest time a connection may stay silent (no bytes either way) before it is closed. */
  CTIP_CONNECTION_TIMEOUT_SECONDS: secondsSetting('120'),
  /** Which reverse proxies may name the client address (X-Forwarded-For): off, a hop count, or addresses. */
  CTIP_TRUST_PROXY: proxySetting(),
  /** Headless Chromium for PDFs and chart images; PDFs answer 503 while it is missing. */
  CTIP_CHROMIUM_PATH: z
    .string()
    .refine((value) => path.isAbsolute(value), 'must be an absolute path')
    .default(defaultChromiumPath),
  /** Seconds a stopping server waits for requests in flight before it closes anyway. */
  CTIP_SHUTDOWN_TIMEOUT: z.coerce.number({ message: 'must be a number of seconds' }).min(0).max(3600).default(10),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof configSchema>['CTIP_LOG_LEVEL'];
  bodyLimit: number;
  apiToken: string | undefined;
  rateLimit: RateLimitSettings;
  timeouts: { requestMs: number; connectionMs: number };
  trustProxy: ProxyTrust;
  chromiumPath: string;
  shutdownTimeoutMs: number;
};

export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidConfigError';
  }
}

/** Reads and validates the configuration; throws InvalidConfigError listing every bad setting. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    throw new InvalidConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const settings = parsed.data;
  return {
    port: settings.PORT,
    host: settings.HOST,
    databaseUrl: settings.DATABASE_URL,
    dataDir: path.resolve(settings.CTIP_DATA_DIR),
    logLevel: settings.CTIP_LOG_LEVEL,
    bodyLimit: settings.CTIP_BODY_LIMIT,
    apiToken: settings.CTIP_API_TOKEN,
    rateLimit: { perMinute: settings.CTIP_RATE_LIMIT, staffPerMinute: settings.CTIP_RATE_LIMIT_STAFF },
    timeouts: { requestMs: settings.CTIP_REQUEST_TIMEOUT_SECONDS * 1000, connectionMs: settings.CTIP_CONNECTION_TIMEOUT_SECONDS * 1000 },
    trustProxy: settings.CTIP_TRUST_PROXY,
    chromiumPath: settings.CTIP_CHROMIUM_PATH,
    shutdownTimeoutMs: Math.round(settings.CTIP_SHUTDOWN_TIMEOUT * 1000),
  };
}
