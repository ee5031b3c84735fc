/**
 * The one error type of ctip. Every failure a user can cause maps to a code, and
 * every code maps to one HTTP status and one CLI exit code, so all doors agree.
 */
export const errorCodes = {
  VALIDATION_FAILED: { httpStatus: 400, exitCode: 2 },
  INVALID_FILE: { httpStatus: 400, exitCode: 3 },
  UNAUTHORIZED: { httpStatus: 401, exitCode: 4 },
  FORBIDDEN: { httpStatus: 403, exitCode: 4 },
  NOT_FOUND: { httpStatus: 404, exitCode: 5 },
  CONFLICT: { httpStatus: 409, exitCode: 6 },
  VERSION_MISMATCH: { httpStatus: 412, exitCode: 6 },
  PRECONDITION_REQUIRED: { httpStatus: 428, exitCode: 2 },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, exitCode: 2 },
  UNSUPPORTED_MEDIA_TYPE: { httpStatus: 415, exitCode: 2 },
  RATE_LIMITED: { httpStatus: 429, exitCode: 9 },
  // Another process holds the embedded database's data directory (src/db/data-dir-lock.ts).
  DATABASE_IN_USE: { httpStatus: 503, exitCode: 7 },
  /** Something the operator must fix is missing or unusable (Chromium for PDFs, a database newer than the code). */
  UNAVAILABLE: { httpStatus: 503, exitCode: 8 },
  INTERNAL: { httpStatus: 500, exitCode: 1 },
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** One detail of an error: which field or line, and what is wrong with it. */
export type ErrorDetail = { field?: string; line?: number; message: string };

/** The JSON shape of every error the API returns. */
export type ErrorBody = {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[]; current?: unknown };
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  /** For VERSION_MISMATCH: the record as it is now, so the writer can reconcile. */
  readonly current: unknown;
  /** For RATE_LIMITED: how long to wait, sent as Retry-After (never read back out of the message). */
  readonly retryAfterSeconds: number | undefined;

  constructor(options: {
    code: ErrorCode;
    message: string;
    details?: ErrorDetail[];
    current?: unknown;
    retryAfterSeconds?: number;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.details = options.details;
    this.current = options.current;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get httpStatus(): number {
    return errorCodes[this.code].httpStatus;
  }

  get exitCode(): number {
    return errorCodes[this.code].exitCode;
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details ? { details: this.details } : {}),
        ...(this.current !== undefined ? { current: this.current } : {}),
      },
    };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** The SQLSTATE of a database error, as the driver throws it or as drizzle wraps it (`cause`). */
function sqlStateOf(error: unknown): string | undefined {
  for (
    let current: unknown = error, depth = 0;
    current && typeof current === 'object' && depth < 3;
    current = (current as { cause?: unknown }).cause, depth += 1
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * An error as ctip's one error type: AppErrors as they are; a deadlock or serialization failure
 * (two transactions changing the same records at once; the database undid one) as a CONFLICT the
 * person can act on by trying again; anything else as INTERNAL, its cause kept for the log.
 */
export function toAppError(error: unknown, internalMessage: string): AppError {
  if (isAppError(error)) return error;
  const state = sqlStateOf(error);
  if (state === '40P01' || state === '40001') {
    return new AppError({
      code: 'CONFLICT',
      message: 'Another change to the same records was being saved at the same moment, so nothing was saved; please try again',
      cause: error,
    });
  }
  return new AppError({ code: 'INTERNAL', message: internalMessage, cause: error });
}
