// The one registry of Convene's error codes. Core and use cases throw
// ConveneError with a code from here; http/problem.ts maps each code to an HTTP
// status and an RFC 9457 problem body. Codes are a public contract: never
// rename one, add new ones freely.

export const ERROR_TITLES = {
  // Input and protocol
  VALIDATION_FAILED: "The request is not valid",
  MALFORMED_JSON: "The request body is not valid JSON",
  BODY_TOO_LARGE: "The request body is too large",
  UNSUPPORTED_MEDIA_TYPE: "The request body has an unsupported content type",
  ROUTE_NOT_FOUND: "No such route",
  METHOD_NOT_ALLOWED: "The route does not accept this method",
  RATE_LIMITED: "Too many requests",
  // Auth and tenancy
  UNAUTHENTICATED: "Sign-in required",
  INVALID_CREDENTIALS: "Wrong email or password",
  ACCOUNT_LOCKED: "Too many failed sign-ins for this account; try again later",
  CSRF_TOKEN_INVALID: "Missing or wrong CSRF token",
  FORBIDDEN: "Not allowed",
  NOT_FOUND: "Not found",
  EMAIL_TAKEN: "An account with this email already exists",
  // Time and availability
  UNKNOWN_TIME_ZONE: "Unknown time zone",
  WINDOW_TOO_LONG: "The requested time window is too long",
  TOO_MANY_BUSY_INTERVALS: "Too many busy intervals",
  INVALID_RULES: "The availability rules are not valid",
  // Service
  DATABASE_UNAVAILABLE: "The database is not reachable",
  INTERNAL: "Internal error",
} as const;

export type ErrorCode = keyof typeof ERROR_TITLES;

export class ConveneError extends Error {
  readonly code: ErrorCode;
  /** Machine-readable extras for the problem body (field errors, reasons, retry hints). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, detail?: string, options?: { details?: Record<string, unknown>; cause?: unknown }) {
    super(detail ?? ERROR_TITLES[code], options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ConveneError";
    this.code = code;
    this.details = options?.details;
  }
}

export function isConveneError(error: unknown): error is ConveneError {
  return error instanceof ConveneError;
}
