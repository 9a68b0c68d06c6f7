// The one mapper from errors to RFC 9457 problem+json. Every error code in
// core/errors.ts has its HTTP status here (the Record type makes a missing one
// a compile error); anything that is not a known error is logged and answered
// with a bare 500 that carries only the request id.
import type { FastifyError, FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { ConveneError, ERROR_CODES, ERROR_TITLES, isConveneError, type ErrorCode } from "../core/errors.js";

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  JSON_TOO_DEEP: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  RATE_LIMITED: 429,
  BAD_URL: 400,
  URI_TOO_LONG: 414,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  UNAUTHENTICATED: 401,
  HOST_NOT_ALLOWED: 403,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 429,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  HANDLE_TAKEN: 409,
  EMAIL_NOT_ADDABLE: 422,
  INVITATION_NOT_FOUND: 404,
  INVITATION_EXPIRED: 410,
  INVITATION_REVOKED: 410,
  INVITATION_USED: 410,
  INVITATION_PENDING: 409,
  LAST_OWNER: 409,
  CANNOT_REMOVE_SELF: 409,
  RESET_TOKEN_INVALID: 410,
  EMAIL_CHANGE_TOKEN_INVALID: 410,
  CURRENT_PASSWORD_WRONG: 422,
  CONFIRMATION_MISMATCH: 422,
  NOTICES_NOT_SENT: 503,
  UNKNOWN_TIME_ZONE: 400,
  WINDOW_TOO_LONG: 400,
  TOO_MANY_BUSY_INTERVALS: 400,
  INVALID_RULES: 400,
  SLUG_TAKEN: 409,
  INVALID_HOSTS: 400,
  LOCATION_NEEDS_CALENDAR: 422,
  LINK_INACTIVE: 404,
  LINK_EXPIRED: 410,
  LINK_USED: 410,
  LINK_REVOKED: 410,
  INVALID_ANSWERS: 400,
  INVALID_QUESTIONS: 400,
  TEMPLATE_NOT_FOUND: 400,
  TEMPLATE_IN_USE: 409,
  INVALID_ONE_TIME_LINK: 400,
  ONE_TIME_LINK_BOOKED: 409,
  ONE_TIME_LINK_CLOSED: 409,
  SLOT_TAKEN: 409,
  OUTSIDE_AVAILABILITY: 422,
  CALENDAR_NOT_CONNECTED: 422,
  HOST_NOT_FOUND: 404,
  HOLD_NOT_FOUND: 404,
  HOLD_EXPIRED: 410,
  HOLD_MISMATCH: 409,
  BOOKING_NOT_ACTIVE: 409,
  BOOKING_CHANGED: 409,
  ATTENDANCE_TOO_EARLY: 409,
  BOOKING_ERASED: 410,
  IDEMPOTENCY_KEY_REUSED: 422,
  OUTSIDE_WINDOW: 422,
  TOO_SOON: 422,
  BEYOND_WINDOW: 422,
  OFF_GRID: 422,
  OUTSIDE_HOURS: 422,
  HOLIDAY: 422,
  BUSY: 422,
  BUFFER: 422,
  DAY_LIMIT: 422,
  WEEK_LIMIT: 422,
  EMBED_ORIGIN_INVALID: 400,
  DATABASE_UNAVAILABLE: 503,
  DATABASE_BUSY: 503,
  MAIL_UNAVAILABLE: 503,
  CALENDAR_AUTH_FAILED: 422,
  CALENDAR_UNREACHABLE: 502,
  CALENDAR_REJECTED: 422,
  CALENDAR_URL_REFUSED: 422,
  CALENDAR_NOT_FOUND: 404,
  OAUTH_PROVIDER_NOT_CONFIGURED: 404,
  OAUTH_SESSION_REQUIRED: 403,
  OAUTH_STATE_INVALID: 400,
  OAUTH_CONSENT_DENIED: 403,
  CALENDAR_SCOPE_MISSING: 409,
  LEAD_EMAIL_TAKEN: 409,
  CAMPAIGN_NAME_TAKEN: 409,
  LEAD_IMPORT_INVALID: 422,
  INVALID_LINK_SENTENCE: 400,
  INBOUND_SIGNATURE_INVALID: 401,
  INBOUND_PAYLOAD_INVALID: 400,
  INBOUND_PROVIDER_AUTH_FAILED: 422,
  INBOUND_PROVIDER_UNREACHABLE: 502,
  INBOUND_PROVIDER_REJECTED: 422,
  LEAD_NOT_FOUND: 422,
  UNMATCHED_ALREADY_RESOLVED: 409,
  INBOUND_BACKFILL_RUNNING: 409,
  INBOUND_NO_API_TOKEN: 422,
  WEBHOOK_URL_INVALID: 422,
  WEBHOOK_URL_PRIVATE: 422,
  WEBHOOK_ENDPOINT_DISABLED: 409,
  WEBHOOK_NOT_REPLAYABLE: 409,
  TOO_MANY_STREAMS: 429,
  ATTENDANCE_LINK_INVALID: 404,
  ATTENDANCE_LINK_EXPIRED: 410,
  ATTENDANCE_ALREADY_RECORDED: 409,
  CONTACT_QUERY_TOO_SHORT: 422,
  SECRET_UNREADABLE: 500,
  INTERNAL: 500,
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json; charset=utf-8";
/** Where the codes are documented; each problem's `type` points into it. */
export const ERRORS_DOC_PATH = "/docs/errors";

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  requestId: string;
  [extra: string]: unknown;
};

/** The Problem schema of the OpenAPI document (components.schemas.Problem), so clients can switch on `code` type-checked. */
export const problemSchema = z
  .looseObject({
    type: z.string().describe(`${ERRORS_DOC_PATH}#CODE`),
    title: z.string(),
    status: z.number(),
    detail: z.string().optional().describe("What went wrong in this case; absent on 500s"),
    code: z.enum(ERROR_CODES).describe("Stable; see /docs/errors"),
    requestId: z.string(),
  })
  .describe("RFC 9457 problem details; some codes add fields (errors, reasons, retryAfterSeconds, …)")
  .meta({ id: "Problem" });

const problemResponse = (description: string) => ({ description, content: { "application/problem+json": { schema: problemSchema } } });

/**
 * Called for every route as it is registered: a documented route (one with a
 * schema) answers its errors as Problem, for 4xx and 5xx alike, so no route
 * lists them by hand and every error body is checked against the schema.
 */
export function addProblemResponses(route: RouteOptions): void {
  if (!route.schema) return;
  route.schema.response = {
    ...(route.schema.response as Record<string, unknown> | undefined),
    "4xx": problemResponse("The request was refused; see `code`"),
    "5xx": problemResponse("Convene or a service it needs failed; see `code`"),
  };
}

export function problemOf(error: ConveneError, requestId: string): Problem {
  const status = STATUS_BY_CODE[error.code];
  return {
    type: `${ERRORS_DOC_PATH}#${error.code}`,
    title: ERROR_TITLES[error.code],
    status,
    ...(status === 500 ? {} : { detail: error.message }),
    code: error.code,
    requestId,
    ...error.details,
  };
}

export function sendProblem(reply: FastifyReply, error: ConveneError) {
  const problem = problemOf(error, String(reply.request.id));
  // Any problem that knows when to come back says so (rate limits, lockouts, a busy database).
  const retryAfterSeconds = error.details?.["retryAfterSeconds"];
  if (typeof retryAfterSeconds === "number") reply.header("retry-after", String(retryAfterSeconds));
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/** Fastify's own 4xx errors (parsing, limits) as Convene codes. */
function fromFastifyError(error: FastifyError): ConveneError | null {
  if (hasZodFastifySchemaValidationErrors(error) && error.validationContext === "params") {
    return new ConveneError("NOT_FOUND", "No such resource.");
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((issue) => ({
      path: `${error.validationContext ?? "body"}${issue.instancePath.replaceAll("/", ".")}`.replace(/\.$/, ""),
      message: issue.message ?? "invalid",
    }));
    const summary = errors.map((e) => `${e.path}: ${e.message}`).join("; ");
    return new ConveneError("VALIDATION_FAILED", summary, { details: { errors } });
  }
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ConveneError("BODY_TOO_LARGE", error.message);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ConveneError("UNSUPPORTED_MEDIA_TYPE", "Send JSON with Content-Type: application/json.");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new ConveneError("MALFORMED_JSON", error.message);
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return new ConveneError("MALFORMED_JSON", error.message);
  if (error.statusCode === 429) return new ConveneError("RATE_LIMITED", error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new ConveneError("VALIDATION_FAILED", error.message);
  }
  return null;
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = isConveneError(error) ? error : fromFastifyError(error);
  if (known && known.code !== "INTERNAL") {
    if (STATUS_BY_CODE[known.code] >= 500) request.log.error({ err: error }, "service unavailable");
    return sendProblem(reply, known);
  }
  request.log.error({ err: error }, "unhandled error");
  return sendProblem(reply, new ConveneError("INTERNAL"));
}
