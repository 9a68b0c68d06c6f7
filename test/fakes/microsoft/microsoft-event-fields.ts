// The writable fields of a Graph event: the strict create/PATCH bodies (Graph rejects
// unknown properties) and how they land on a stored event, Teams join URL included.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { GraphError } from "./microsoft-errors.js";
import type { StoredEvent } from "./microsoft-graph-events.js";
import { toEpochMs } from "./microsoft-time-zones.js";

const SHOW_AS = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"] as const;
export type ShowAs = (typeof SHOW_AS)[number];
const PROVIDERS = ["unknown", "teamsForBusiness", "skypeForBusiness", "skypeForConsumer"] as const;
export type OnlineMeetingProvider = (typeof PROVIDERS)[number];

const dateTimeTimeZone = z.strictObject({ dateTime: z.string().min(1), timeZone: z.string().min(1) });
const eventFields = {
  subject: z.string().optional(),
  body: z.strictObject({ contentType: z.enum(["text", "html"]), content: z.string() }).optional(),
  showAs: z.enum(SHOW_AS).optional(),
  isAllDay: z.boolean().optional(),
  isOnlineMeeting: z.boolean().optional(),
  onlineMeetingProvider: z.enum(PROVIDERS).optional(),
  attendees: z
    .array(z.strictObject({ emailAddress: z.strictObject({ address: z.string().min(1), name: z.string().optional() }), type: z.enum(["required", "optional", "resource"]) }))
    .optional(),
  location: z.looseObject({ displayName: z.string().optional() }).optional(),
  reminderMinutesBeforeStart: z.number().int().optional(),
  isReminderOn: z.boolean().optional(),
  responseRequested: z.boolean().optional(),
  allowNewTimeProposals: z.boolean().optional(),
  sensitivity: z.enum(["normal", "personal", "private", "confidential"]).optional(),
  categories: z.array(z.string()).optional(),
};
export const eventCreateSchema = z.strictObject({ ...eventFields, start: dateTimeTimeZone, end: dateTimeTimeZone, transactionId: z.string().min(1).optional() });
export const eventPatchSchema = z.strictObject({ ...eventFields, start: dateTimeTimeZone.optional(), end: dateTimeTimeZone.optional() });

export function applyEventFields(event: StoredEvent, input: z.infer<typeof eventPatchSchema>): void {
  if (input.subject !== undefined) event.subject = input.subject;
  if (input.body !== undefined) event.body = input.body;
  if (input.showAs !== undefined) event.showAs = input.showAs;
  if (input.isAllDay !== undefined) event.isAllDay = input.isAllDay;
  if (input.attendees !== undefined) event.attendees = input.attendees;
  if (input.location !== undefined) event.location = { displayName: input.location.displayName ?? "" };
  if (input.start !== undefined) {
    event.startMs = toEpochMs(input.start);
    event.timeZone = input.start.timeZone;
  }
  if (input.end !== undefined) event.endMs = toEpochMs(input.end);
  if (event.endMs < event.startMs) throw new GraphError(400, "ErrorInvalidRequest", "The end time of the event is before its start time.");
  if (input.onlineMeetingProvider !== undefined) event.onlineMeetingProvider = input.onlineMeetingProvider;
  if (input.isOnlineMeeting !== undefined) event.isOnlineMeeting = input.isOnlineMeeting;
  if (event.isOnlineMeeting && event.onlineMeetingProvider === "unknown") event.onlineMeetingProvider = "teamsForBusiness";
  if (event.isOnlineMeeting && event.onlineMeetingProvider === "teamsForBusiness" && event.joinUrl === null) {
    event.joinUrl = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${randomBytes(12).toString("base64url")}%40thread.v2/0`;
  }
  if (!event.isOnlineMeeting) event.joinUrl = null;
}
