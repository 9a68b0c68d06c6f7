// The one registry of Convene's error codes. Core and use cases throw
// ConveneError with a code from here; http/problem.ts maps each code to an HTTP
// status and an RFC 9457 problem body. Codes are a public contract: never
// rename one, add new ones freely.

export const ERROR_TITLES = {
  // Input and protocol
  VALIDATION_FAILED: "The request is not valid",
  MALFORMED_JSON: "The request body is not valid JSON",
  JSON_TOO_DEEP: "The request body is nested too deeply",
  BODY_TOO_LARGE: "The request body is too large",
  UNSUPPORTED_MEDIA_TYPE: "The request body has an unsupported content type",
  ROUTE_NOT_FOUND: "No such route",
  METHOD_NOT_ALLOWED: "The route does not accept this method",
  RATE_LIMITED: "Too many requests",
  BAD_URL: "The request URL is not valid",
  URI_TOO_LONG: "The request URL is too long",
  HEADERS_TOO_LARGE: "The request headers are too large",
  REQUEST_TIMEOUT: "The request took too long to arrive",
  // Auth and tenancy
  UNAUTHENTICATED: "Sign-in required",
  INVALID_CREDENTIALS: "Wrong email or password",
  ACCOUNT_LOCKED: "Too many failed sign-ins for this account; try again later",
  CSRF_TOKEN_INVALID: "Missing or wrong CSRF token",
  FORBIDDEN: "Not allowed",
  HOST_NOT_ALLOWED: "The request's Host or Origin is not one this server answers",
  NOT_FOUND: "Not found",
  EMAIL_TAKEN: "An account with this email already exists",
  HANDLE_TAKEN: "Another account already uses this handle",
  EMAIL_NOT_ADDABLE: "This address cannot be added as a member",
  INVITATION_NOT_FOUND: "No such invitation; the link may have been replaced by a newer one",
  INVITATION_EXPIRED: "This invitation has expired; ask for a new one",
  INVITATION_REVOKED: "This invitation was withdrawn",
  INVITATION_USED: "This invitation was already accepted",
  INVITATION_PENDING: "An invitation to this address is already open",
  LAST_OWNER: "An organisation needs at least one owner",
  CANNOT_REMOVE_SELF: "You cannot remove yourself",
  RESET_TOKEN_INVALID: "This password reset link is unknown, already used or expired",
  EMAIL_CHANGE_TOKEN_INVALID: "This email confirmation link is unknown, already used or expired",
  CURRENT_PASSWORD_WRONG: "The current password is not right",
  CONFIRMATION_MISMATCH: "The confirmation does not match",
  NOTICES_NOT_SENT: "Cancellation notices could not be sent yet; nothing was deleted",
  // Time and availability
  UNKNOWN_TIME_ZONE: "Unknown time zone",
  WINDOW_TOO_LONG: "The requested time window is too long",
  TOO_MANY_BUSY_INTERVALS: "Too many busy intervals",
  INVALID_RULES: "The availability rules are not valid",
  // Links and bookings
  SLUG_TAKEN: "This owner already has a link with this slug",
  INVALID_HOSTS: "The hosts are not valid for this link",
  LOCATION_NEEDS_CALENDAR: "This location needs a connected calendar that creates the meeting",
  LINK_INACTIVE: "This booking link is not taking bookings",
  LINK_EXPIRED: "This one-time link has expired",
  LINK_USED: "This one-time link has already been used",
  LINK_REVOKED: "This one-time link was revoked",
  INVALID_ANSWERS: "Some answers are missing or not valid",
  INVALID_QUESTIONS: "The template's questions are not valid",
  TEMPLATE_NOT_FOUND: "The link names no template of this organisation",
  TEMPLATE_IN_USE: "Links still use this template",
  INVALID_ONE_TIME_LINK: "The one-time link's settings are not valid",
  ONE_TIME_LINK_BOOKED: "This one-time link was already used for a booking",
  ONE_TIME_LINK_CLOSED: "This one-time link no longer works",
  SLOT_TAKEN: "That time was just taken",
  OUTSIDE_AVAILABILITY: "The time is outside the hosts' availability",
  CALENDAR_NOT_CONNECTED: "This location needs a connected calendar that creates the meeting",
  HOST_NOT_FOUND: "The request names no member of this organisation as host",
  HOLD_NOT_FOUND: "No such hold, or it no longer holds a time",
  HOLD_EXPIRED: "The hold on this time has expired",
  HOLD_MISMATCH: "The hold is for another slot",
  BOOKING_NOT_ACTIVE: "The booking is cancelled or already over",
  BOOKING_CHANGED: "The booking was changed by someone else meanwhile; reload it and try again",
  ATTENDANCE_TOO_EARLY: "Attendance can be recorded only after the meeting starts",
  BOOKING_ERASED: "The invitee's data for this booking was erased",
  IDEMPOTENCY_KEY_REUSED: "This Idempotency-Key was used with a different request",
  // Why an instant is not bookable (the availability engine's reasons)
  OUTSIDE_WINDOW: "The time is outside the requested window",
  TOO_SOON: "The time is sooner than the link's minimum notice",
  BEYOND_WINDOW: "The time is further ahead than the link's booking window",
  OFF_GRID: "The time is not one of the link's start times",
  OUTSIDE_HOURS: "The time is outside the host's working hours",
  HOLIDAY: "The host is off that day",
  BUSY: "The host is busy then",
  BUFFER: "The time is too close to another meeting",
  DAY_LIMIT: "The host's meetings for that day are full",
  WEEK_LIMIT: "The host's meetings for that week are full",
  // Calendars
  CALENDAR_AUTH_FAILED: "The calendar server refused these credentials",
  CALENDAR_UNREACHABLE: "The calendar server could not be reached",
  CALENDAR_REJECTED: "The calendar server rejected the request",
  CALENDAR_URL_REFUSED: "This calendar address is not allowed",
  CALENDAR_NOT_FOUND: "No such calendar in this connection",
  OAUTH_PROVIDER_NOT_CONFIGURED: "This calendar provider is not configured on this server",
  OAUTH_SESSION_REQUIRED: "Connecting by consent needs a signed-in browser session, not an API key",
  OAUTH_STATE_INVALID: "This consent is unknown, expired, already used or from another session; start again",
  OAUTH_CONSENT_DENIED: "Access to the calendar was not granted",
  CALENDAR_SCOPE_MISSING: "The account was connected without the permission this needs; reconnect it to grant it",
  // Contacts
  CONTACT_QUERY_TOO_SHORT: "Type at least three characters to search contacts",
  // Leads and inbound sources
  LEAD_EMAIL_TAKEN: "A lead with this email already exists in the organisation",
  CAMPAIGN_NAME_TAKEN: "A campaign with this name already exists",
  LEAD_IMPORT_INVALID: "Some rows of the import are not valid; nothing was imported",
  INVALID_LINK_SENTENCE: "The booking-link sentence template is not valid",
  INBOUND_SIGNATURE_INVALID: "The webhook signature is missing, wrong or too old",
  INBOUND_PAYLOAD_INVALID: "The webhook body is not a delivery this source understands",
  INBOUND_PROVIDER_AUTH_FAILED: "The provider refused this API key or token",
  INBOUND_PROVIDER_UNREACHABLE: "The provider could not be reached",
  INBOUND_PROVIDER_REJECTED: "The provider rejected the request",
  // Matching bookings to leads
  LEAD_NOT_FOUND: "The request names no lead of this organisation (or none you may see)",
  UNMATCHED_ALREADY_RESOLVED: "This attendee was already confirmed or dismissed",
  INBOUND_BACKFILL_RUNNING: "A backfill of this source is already running",
  INBOUND_NO_API_TOKEN: "This source has no API key or token to backfill with",
  // Outbound webhooks
  WEBHOOK_URL_INVALID: "This webhook URL is not allowed",
  WEBHOOK_URL_PRIVATE: "This webhook URL resolves to a private, loopback or otherwise non-public address",
  WEBHOOK_ENDPOINT_DISABLED: "This webhook endpoint is disabled; enable it first",
  WEBHOOK_NOT_REPLAYABLE: "This attempt's message cannot be sent again",
  // In-app notifications and the attendance email's links
  TOO_MANY_STREAMS: "Too many live update streams are open for this user",
  ATTENDANCE_LINK_INVALID: "This attendance link is not valid",
  ATTENDANCE_LINK_EXPIRED: "This attendance link has expired",
  ATTENDANCE_ALREADY_RECORDED: "Attendance for this meeting is already recorded",
  // Embedding
  EMBED_ORIGIN_INVALID: "An embedding site must be an https origin (http only for localhost), without a path",
  // Service
  DATABASE_UNAVAILABLE: "The database is not reachable",
  DATABASE_BUSY: "The database is busy; retry shortly",
  MAIL_UNAVAILABLE: "The mail server did not take the message",
  SECRET_UNREADABLE: "A stored secret cannot be decrypted with the configured keys",
  INTERNAL: "Internal error",
} as const;

export type ErrorCode = keyof typeof ERROR_TITLES;

/** Every code, in registry order: the enum of `code` in the OpenAPI document's Problem schema. */
export const ERROR_CODES = Object.keys(ERROR_TITLES) as [ErrorCode, ...ErrorCode[]];

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
