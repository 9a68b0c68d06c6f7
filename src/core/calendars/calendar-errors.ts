// How a calendar server failed, as the sync and the calendar channel need to
// tell it apart: credentials the server refuses (the owner must reconnect),
// a server that cannot be reached or answers 5xx (keep the last busy time and
// retry with backoff), a request the server rejects for what it is, and an
// address Convene refuses to fetch (private or loopback, unless allowed).
export type CalendarFailureKind = "auth" | "unavailable" | "rejected" | "refused";

export class CalendarFailure extends Error {
  readonly kind: CalendarFailureKind;
  /** The HTTP status the server answered, when it answered. */
  readonly status: number | null;
  /** How long the server asked Convene to wait (Retry-After on 429, 503 and rate-limit 403s); null when it did not say. */
  readonly retryAfterMs: number | null;

  constructor(kind: CalendarFailureKind, message: string, options: { status?: number | null; retryAfterMs?: number | null; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "CalendarFailure";
    this.kind = kind;
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

export function isCalendarFailure(error: unknown): error is CalendarFailure {
  return error instanceof CalendarFailure;
}
