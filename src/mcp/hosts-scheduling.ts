// The scheduling tools: check_availability and book_meeting through a link
// (scheduling-tools.ts's path) or by hosts (their own hours and calendars,
// with a location and a hold token), and hold_slot, which reserves a time
// under the bookings' exclusion constraint while the agent confirms.
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { DIRECT_LOCATION_KINDS } from "../core/booking/direct-location.js";
import { bookDirect } from "../use-cases/bookings/book-direct.js";
import type { Booked } from "../use-cases/bookings/book-meeting.js";
import { ownerAvailability } from "../use-cases/bookings/owner-availability.js";
import { holdHostsSlot } from "../use-cases/holds/hold-slot.js";
import type { RequestContext } from "../use-cases/request-context.js";
import { instantMsOf, isoInstantArg, zoned } from "./meeting-view.js";
import { availabilityByLink, availabilityInput, availabilityOutput, availabilityText, bookByLink, bookedAnswer, bookInput, bookOutput } from "./scheduling-tools.js";
import { registerConveneTool, type McpDeps, type ToolSession } from "./tool-results.js";

const hostUserIds = z.array(z.uuid()).min(1).max(20).optional().describe("Book with these users (a team) instead of through a link; default you");
const location = z
  .object({ kind: z.enum(DIRECT_LOCATION_KINDS), value: z.string().max(500).optional().describe("The URL (url), number (phone) or address (in_person)") })
  .optional()
  .describe("Where the meeting happens: jitsi makes a video room, google_meet and teams need the first host's connected Google or Microsoft calendar; omitted: the link's location, or none");

const hostAvailabilityInput = { ...availabilityInput, linkId: availabilityInput.linkId.optional().describe("A booking link to check through; omit to check by hosts"), hostUserIds };
const hostBookInput = {
  ...bookInput,
  linkId: bookInput.linkId.optional().describe("A booking link to book through; omit to book by hosts"),
  hostUserIds,
  location,
  holdToken: z.string().max(200).optional().describe("The token from hold_slot: the booking cannot lose the time to anyone else"),
  title: z.string().trim().max(200).optional(),
};

type HostAvailabilityArgs = z.infer<z.ZodObject<typeof hostAvailabilityInput>>;
type HostBookArgs = z.infer<z.ZodObject<typeof hostBookInput>>;

/** The by-hosts path of check_availability. */
async function availabilityByHosts(deps: McpDeps, ctx: RequestContext, args: HostAvailabilityArgs) {
  const fromMs = args.from === undefined ? ctx.nowMs : instantMsOf(args.from);
  const toMs = args.to === undefined ? fromMs + 14 * 86_400_000 : instantMsOf(args.to);
  const durationMin = args.durationMin ?? 30;
  const answer = await ownerAvailability(deps, ctx, { fromMs, toMs, durationMin, hostUserIds: args.hostUserIds, atMs: args.at === undefined ? undefined : instantMsOf(args.at) });
  const span = (startMs: number) => ({ start: zoned(startMs, args.timeZone), end: zoned(startMs + durationMin * 60_000, args.timeZone) });
  const days = new Map<string, ReturnType<typeof span>[]>();
  for (const slot of answer.slots) {
    const view = span(slot.startMs);
    const date = view.start.local.slice(0, 10);
    days.set(date, [...(days.get(date) ?? []), view]);
  }
  const requested = answer.requested;
  return {
    timeZone: args.timeZone,
    durationMin,
    days: [...days].map(([date, slots]) => ({ date, slots })),
    nextFrom: null,
    requested: requested ? { start: zoned(requested.startMs, args.timeZone), isFree: requested.free, reasons: requested.reasons, nearest: requested.nearestMs.map(span) } : null,
  };
}

/** The direct path of book_meeting: by hosts, with a hold or a location (a link may still be named). */
async function bookDirectly(deps: McpDeps, ctx: RequestContext, args: HostBookArgs): Promise<Booked> {
  return bookDirect(deps, ctx, {
    startMs: instantMsOf(args.start),
    durationMin: args.durationMin ?? 30,
    title: args.title,
    attendees: [{ ...args.attendee, timeZone: args.timeZone }, ...(args.guests ?? []).map((email) => ({ name: email, email }))],
    location: args.location,
    hostUserIds: args.hostUserIds,
    linkId: args.linkId,
    notes: args.notes,
    holdToken: args.holdToken,
  });
}

const isLinkOnly = (args: { linkId?: string | undefined; hostUserIds?: string[] | undefined; holdToken?: string | undefined; location?: unknown }) =>
  args.linkId !== undefined && args.hostUserIds === undefined && args.holdToken === undefined && args.location === undefined;

export function registerSchedulingTools(server: McpServer, session: ToolSession): void {
  const { deps } = session;
  registerConveneTool(server, session, {
    name: "check_availability",
    title: "Check availability",
    description:
      "Free start times over a window, answered in the prospect's time zone (each also in UTC): through one of your booking links (linkId) or for you / a team (hostUserIds), calendars included. Pass `at` to ask about one time: whether it is free, why not, and the nearest free times. Then hold_slot or book_meeting.",
    permission: "bookings.read",
    input: hostAvailabilityInput,
    output: availabilityOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async (args, ctx) => {
      const structured = args.linkId !== undefined && args.hostUserIds === undefined ? await availabilityByLink(deps, ctx, { ...args, linkId: args.linkId }) : await availabilityByHosts(deps, ctx, args);
      return { structured, text: availabilityText(structured) };
    },
  });
  registerConveneTool(server, session, {
    name: "book_meeting",
    title: "Book a meeting",
    description:
      "Books a meeting with a prospect: through a booking link at one of its free times, or directly with hosts and a location (Jitsi, Google Meet, Teams, a URL, a phone number…); pass holdToken from hold_slot so the time cannot be lost. Convene emails the invite, writes calendars and answers the meeting link.",
    permission: "bookings.write",
    input: hostBookInput,
    output: bookOutput,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    run: async (args, ctx) => bookedAnswer(deps, ctx, isLinkOnly(args) ? await bookByLink(deps, ctx, { ...args, linkId: args.linkId! }) : await bookDirectly(deps, ctx, args)),
  });
  registerConveneTool(server, session, {
    name: "hold_slot",
    title: "Hold a time",
    description: "Reserves a free time for a few minutes (no one else can book it) while you confirm with the prospect; then call book_meeting with the holdToken before it expires.",
    permission: "bookings.write",
    input: {
      start: isoInstantArg.describe("The start to hold, ISO 8601 instant with offset, from check_availability"),
      timeZone: availabilityInput.timeZone,
      durationMin: z.number().int().min(5).max(1440).describe("Meeting length in minutes"),
      linkId: z.uuid().optional().describe("Hold through this link's hosts"),
      hostUserIds,
      ttlMinutes: z.number().int().min(1).max(15).optional().describe("How long to hold; default a few minutes"),
    },
    output: { holdToken: z.string(), holdId: z.string(), start: availabilityOutput.requested.unwrap().shape.start, expiresAt: z.string(), hostUserIds: z.array(z.string()) },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    run: async (args, ctx) => {
      const { holdToken, hold } = await holdHostsSlot(deps, ctx, { startMs: instantMsOf(args.start), durationMin: args.durationMin, hostUserIds: args.hostUserIds, linkId: args.linkId, ttlMinutes: args.ttlMinutes });
      const start = zoned(hold.startMs, args.timeZone);
      const expiresAt = new Date(hold.expiresAtMs).toISOString();
      return { structured: { holdToken, holdId: hold.id, start, expiresAt, hostUserIds: hold.hostUserIds }, text: `Held ${start.local} until ${expiresAt}; book with holdToken ${holdToken}.`, target: { type: "hold", id: hold.id } };
    },
  });
}
