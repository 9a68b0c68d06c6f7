// The fields of a Graph event: the strict create/PATCH bodies (Graph rejects unknown
// properties), how they land on a stored event (Teams join URL included), and the
// event resource's JSON as Graph answers it.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { GraphError } from "./microsoft-errors.js";
import type { Calendar, StoredEvent } from "./microsoft-graph-events.js";
import { formatInZone, toEpochMs } from "./microsoft-time-zones.js";

const SHOW_AS = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"] as const;
export type ShowAs = (typeof SHOW_AS)[number];
const PROVIDERS = ["unknown", "teamsForBusiness", "skypeForBusiness", "skypeForConsumer"] as const;
export type OnlineMeetingProvider = (typeof PROVIDERS)[number];
/** responseType: the owner's answer to a meeting (organizer for their own events). */
export type ResponseType = "none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded";

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

export function newEvent(calendar: Calendar, fields: { subject: string; startMs: number; endMs: number; timeZone: string }, nowMs: number): StoredEvent {
  return {
    id: `AAMk${randomBytes(18).toString("base64url")}`,
    userId: calendar.userId,
    calendarId: calendar.id,
    ...fields,
    showAs: "busy",
    isAllDay: false,
    iCalUId: null,
    isCancelled: false,
    response: "organizer",
    type: "singleInstance",
    seriesMasterId: null,
    transactionId: null,
    isOnlineMeeting: false,
    onlineMeetingProvider: "unknown",
    joinUrl: null,
    body: { contentType: "html", content: "" },
    attendees: [],
    location: { displayName: "" },
    createdMs: nowMs,
    modifiedMs: nowMs,
    changeKey: "",
    sequence: 0,
    isDeleted: false,
  };
}

/** The event resource; transactionId only when a client set one ("only returned in a response payload if an app has set it"). */
export function eventJson(event: StoredEvent, timeZone: string, organizer: { name: string; address: string }): Record<string, unknown> {
  return {
    "@odata.etag": `W/"${event.changeKey}"`,
    id: event.id,
    createdDateTime: new Date(event.createdMs).toISOString(),
    lastModifiedDateTime: new Date(event.modifiedMs).toISOString(),
    changeKey: event.changeKey,
    ...(event.transactionId === null ? {} : { transactionId: event.transactionId }),
    iCalUId: event.iCalUId ?? `040000008200E00074C5B7101A82E008${event.id.slice(4, 20)}`,
    subject: event.subject,
    body: event.body,
    start: { dateTime: formatInZone(event.startMs, timeZone), timeZone },
    end: { dateTime: formatInZone(event.endMs, timeZone), timeZone },
    isAllDay: event.isAllDay,
    isCancelled: event.isCancelled,
    showAs: event.showAs,
    responseStatus: { response: event.response, time: "0001-01-01T00:00:00Z" },
    type: event.type,
    seriesMasterId: event.seriesMasterId,
    isOnlineMeeting: event.isOnlineMeeting,
    onlineMeetingProvider: event.onlineMeetingProvider,
    onlineMeeting: event.joinUrl === null ? null : { joinUrl: event.joinUrl },
    location: event.location,
    attendees: event.attendees,
    organizer: { emailAddress: organizer },
  };
}
