// The OpenAPI 3.1 `webhooks` section: what Convene POSTs to an endpoint for
// each event type, with the Standard Webhooks headers. The payload schema is
// written once here in zod; the body use-cases/webhooks/webhook-payload.ts
// builds follows it (test/webhooks checks a delivered body against it).
import type { OpenAPIV3_1 } from "openapi-types";
import { z } from "zod";
import { LEAD_TRANSITION_CAUSES } from "../core/leads/lead-matching.js";
import { LEAD_STATUSES } from "../core/leads/lead-status.js";
import { ORG_EVENT_TYPES } from "../core/org-events/org-events.js";
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES } from "../core/webhooks/webhook-events.js";

const BOOKING_WEBHOOK_TYPES = WEBHOOK_EVENT_TYPES.filter((type): type is Exclude<(typeof WEBHOOK_EVENT_TYPES)[number], (typeof ORG_EVENT_TYPES)[number]> => !(ORG_EVENT_TYPES as readonly string[]).includes(type));

const bookingSchema = z.object({
  id: z.uuid(),
  status: z.string().describe("confirmed, cancelled, …"),
  start: z.string().describe("ISO 8601 instant (UTC)"),
  end: z.string(),
  previous: z.object({ start: z.string(), end: z.string() }).nullable().describe("The time before a reschedule; null otherwise"),
  timeZone: z.string().describe("The invitee's IANA time zone"),
  invitee: z.object({ name: z.string(), email: z.string(), timeZone: z.string() }),
  guests: z.array(z.string()),
  hosts: z.array(z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string().nullable() })),
  link: z.object({ id: z.uuid(), title: z.string(), slug: z.string() }).nullable(),
  location: z.object({ type: z.string(), text: z.string(), url: z.string().nullable() }).nullable().describe("Where the meeting happens (video URL, phone, address)"),
  source: z.string().describe("convene, or the provider of an external booking (calcom, calendly)"),
  answers: z.record(z.string(), z.unknown()),
  cancelReason: z.string().nullable(),
  attendance: z.string().nullable(),
});

export const bookingWebhookPayloadSchema = z.object({
  type: z.enum(BOOKING_WEBHOOK_TYPES),
  timestamp: z.string().describe("When the change happened (ISO 8601)"),
  data: z.object({
    sequence: z.number().int().describe("The booking's event number (1, 2, 3…): order a booking's messages by it; a message with a sequence you already processed is a repeat"),
    booking: bookingSchema,
  }),
});

export const leadStatusChangedPayloadSchema = z.object({
  type: z.literal("lead.status_changed"),
  timestamp: z.string().describe("When the status changed (ISO 8601)"),
  data: z.object({
    sequence: z.number().int().describe("The lead's event number (1, 2, 3…): order a lead's messages by it; a sequence you already processed is a repeat"),
    lead: z.object({
      id: z.uuid(),
      email: z.string(),
      name: z.string().nullable(),
      company: z.string().nullable(),
      campaign: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    }),
    from: z.enum(LEAD_STATUSES),
    to: z.enum(LEAD_STATUSES),
    cause: z.enum(LEAD_TRANSITION_CAUSES).describe("lead_event: an outreach event; booking: a matched booking changed; owner: set by hand"),
    causeRef: z.string().nullable().describe("The outreach event's or the booking event's id, when there is one"),
    at: z.string().describe("When the status changed (ISO 8601)"),
  }),
});

export const connectionNeedsReconnectPayloadSchema = z.object({
  type: z.literal("calendar.connection_needs_reconnect"),
  timestamp: z.string(),
  data: z.object({
    sequence: z.number().int().describe("The connection's event number"),
    connection: z.object({ id: z.uuid(), provider: z.string().describe("google, microsoft, caldav, ics"), account: z.string().describe("The account's user name, or the connection's label") }),
    user: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).describe("Whose connection it is: they must reconnect it"),
    error: z.string().nullable().describe("What the provider said"),
  }),
});

const testPayloadSchema = z.object({ type: z.literal(TEST_EVENT_TYPE), timestamp: z.string(), data: z.object({ endpointId: z.uuid(), message: z.string() }) });

const headerParameters = [
  { name: "webhook-id", in: "header", required: true, description: "The message id: the same on every retry and replay. Process each id once.", schema: { type: "string" } },
  { name: "webhook-timestamp", in: "header", required: true, description: "Seconds since the epoch when this attempt was sent; refuse ones far from now.", schema: { type: "string" } },
  {
    name: "webhook-signature",
    in: "header",
    required: true,
    description: "Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>` signatures; two during the 24 hours after a secret rotation. Verify with a Standard Webhooks library.",
    schema: { type: "string" },
  },
];

const ANSWERS = {
  "2XX": { description: "Received. Anything else is retried on the Standard Webhooks schedule (Retry-After honoured)." },
  "410": { description: "Gone: Convene disables the endpoint." },
};

function operation(summary: string, schema: z.ZodType) {
  return {
    post: {
      summary,
      parameters: headerParameters,
      requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(schema, { io: "output" }) } } },
      responses: ANSWERS,
    },
  };
}

const SUMMARIES: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
  "booking.created": "A booking was made (through Convene or reported by Cal.com or Calendly)",
  "booking.rescheduled": "A booking moved to another time (data.booking.previous has the old one)",
  "booking.cancelled": "A booking was cancelled",
  "booking.attendance_updated": "Attendance was recorded for a booking",
  "lead.status_changed": "A lead's status changed (an outreach event, a matched booking, or the owner)",
  "calendar.connection_needs_reconnect": "A calendar connection's credentials were refused: its user must reconnect it",
};

const PAYLOADS: Record<(typeof WEBHOOK_EVENT_TYPES)[number], z.ZodType> = {
  "booking.created": bookingWebhookPayloadSchema,
  "booking.rescheduled": bookingWebhookPayloadSchema,
  "booking.cancelled": bookingWebhookPayloadSchema,
  "booking.attendance_updated": bookingWebhookPayloadSchema,
  "lead.status_changed": leadStatusChangedPayloadSchema,
  "calendar.connection_needs_reconnect": connectionNeedsReconnectPayloadSchema,
};

/**
 * zod writes draft 2020-12 JSON Schema, which OpenAPI 3.1 uses; @fastify/swagger types `webhooks` as
 * the intersection of its 3.0 and 3.1 shapes, which no 2020-12 schema satisfies, hence the cast.
 */
export const WEBHOOKS_DOCUMENT = {
  ...Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [type, operation(SUMMARIES[type], PAYLOADS[type])])),
  [TEST_EVENT_TYPE]: operation("A test message sent from the dashboard or POST /api/v1/webhooks/{id}/test", testPayloadSchema),
} as unknown as Record<string, OpenAPIV3_1.PathItemObject>;
