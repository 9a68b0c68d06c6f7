// The OpenAPI 3.1 `webhooks` section: what Convene POSTs to an endpoint for
// each event type, with the Standard Webhooks headers. The payload schema is
// written once here in zod; the body use-cases/webhooks/webhook-payload.ts
// builds follows it (test/webhooks checks a delivered body against it).
import type { OpenAPIV3_1 } from "openapi-types";
import { z } from "zod";
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES } from "../core/webhooks/webhook-events.js";

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
  type: z.enum(WEBHOOK_EVENT_TYPES),
  timestamp: z.string().describe("When the change happened (ISO 8601)"),
  data: z.object({
    sequence: z.number().int().describe("The booking's event number (1, 2, 3…): order a booking's messages by it; a message with a sequence you already processed is a repeat"),
    booking: bookingSchema,
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
};

/**
 * zod writes draft 2020-12 JSON Schema, which OpenAPI 3.1 uses; @fastify/swagger types `webhooks` as
 * the intersection of its 3.0 and 3.1 shapes, which no 2020-12 schema satisfies, hence the cast.
 */
export const WEBHOOKS_DOCUMENT = {
  ...Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [type, operation(SUMMARIES[type], bookingWebhookPayloadSchema)])),
  [TEST_EVENT_TYPE]: operation("A test message sent from the dashboard or POST /api/v1/webhooks/{id}/test", testPayloadSchema),
} as unknown as Record<string, OpenAPIV3_1.PathItemObject>;
