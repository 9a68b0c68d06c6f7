// The caller's clock and links: get_current_time (to turn "tomorrow at 2pm"
// into an instant), list_links, and create_booking_link (a one-time link for a
// prospect or a lead, with the sentence to send it in).
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { ConveneError } from "../core/errors.js";
import { linkUrls, oneTimeLinkUrls } from "../core/public-urls.js";
import { acceptTimeZone } from "../core/time/zone.js";
import { describeAccount } from "../use-cases/account/describe-account.js";
import { makeLeadBookingLink } from "../use-cases/leads/make-lead-booking-link.js";
import { listLinks } from "../use-cases/links/get-link.js";
import { makeProspectBookingLink } from "../use-cases/one-time-links/make-prospect-booking-link.js";
import { zoned, zonedTime } from "./meeting-view.js";
import { registerConveneTool, type ToolSession } from "./tool-results.js";

export function registerLinkTools(server: McpServer, session: ToolSession): void {
  const { deps } = session;

  registerConveneTool(server, session, {
    name: "get_current_time",
    title: "Current time",
    description:
      "Now, in your (the API key user's) time zone and in UTC, and optionally in the prospect's zone. Call it before turning relative times like 'tomorrow at 2pm' into an ISO 8601 instant with offset.",
    permission: "account.self",
    input: { timeZone: z.string().min(1).max(64).optional().describe("The prospect's IANA zone (e.g. Asia/Tokyo) to also answer now in") },
    output: { now: zonedTime.describe("Now in your zone"), nowUtc: z.string(), prospect: zonedTime.nullable().describe("Now in the zone asked for") },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    run: async (args, ctx) => {
      const { user } = await describeAccount(deps, ctx);
      const now = zoned(ctx.nowMs, user.timeZone);
      const prospect = args.timeZone === undefined ? null : zoned(ctx.nowMs, acceptTimeZone(args.timeZone));
      return { structured: { now, nowUtc: now.utc, prospect }, text: `It is ${now.local} in ${user.timeZone}${prospect ? ` and ${prospect.local} in ${prospect.timeZone}` : ""} (${now.utc}).` };
    },
  });

  const linkView = z.object({
    id: z.string().describe("Pass as linkId to check_availability, book_meeting, create_booking_link"),
    title: z.string(),
    isActive: z.boolean(),
    durationsMin: z.array(z.number().int()),
    defaultDurationMin: z.number().int(),
    timeZone: z.string().describe("The zone the link's hours are in"),
    hostMode: z.string(),
    hostUserIds: z.array(z.string()),
    location: z.string().describe("Kind of meeting place: jitsi, google_meet, teams, meeting_url, phone, in_person, custom"),
    bookingUrl: z.string().describe("The public page anyone can book on"),
  });

  registerConveneTool(server, session, {
    name: "list_links",
    title: "List booking links",
    description: "Your booking links (a member: the ones they own or host) with their durations and kind of meeting place. Use a link's id with check_availability and book_meeting.",
    permission: "links.read",
    input: {},
    output: { links: z.array(linkView) },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async (_args, ctx) => {
      const links = (await listLinks(deps, ctx)).map(({ link, owner }) => ({
        id: link.id,
        title: link.title,
        isActive: link.isActive,
        durationsMin: link.durationsMin,
        defaultDurationMin: link.defaultDurationMin,
        timeZone: link.timeZone,
        hostMode: link.hostMode,
        hostUserIds: link.hostUserIds,
        location: link.location.type,
        bookingUrl: linkUrls(deps.publicUrl, owner.handle, link.slug).bookingUrl,
      }));
      return { structured: { links }, text: links.length ? links.map((link) => `${link.title} (${link.id}): ${link.durationsMin.join("/")} min${link.isActive ? "" : ", switched off"}`).join("\n") : "No booking links yet." };
    },
  });

  registerConveneTool(server, session, {
    name: "create_booking_link",
    title: "Create a one-time booking link",
    description:
      "A personal, single-use booking link into one of your links for a lead (leadId: the booking is matched to the lead) or a prospect (recipient), with a ready sentence to send. Use it when the prospect should pick the time themselves.",
    permission: "links.write",
    input: {
      linkId: z.uuid().describe("Which of your booking links it opens"),
      leadId: z.uuid().optional().describe("A lead's id (find_lead); give this or recipient"),
      recipient: z.object({ name: z.string().trim().min(1).max(200), email: z.email().max(320), company: z.string().trim().max(200).optional() }).optional().describe("Who it is for, when not a lead"),
      topic: z.string().trim().max(200).optional().describe("What the meeting is about (shown on the page and in the sentence)"),
      expiresInDays: z.number().int().min(1).max(365).optional().describe("Days until it stops working; default the link's"),
    },
    output: { id: z.string(), bookingUrl: z.string(), expiresAt: z.string(), message: z.string().describe("A ready sentence with the link, in your words (settings)") },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    run: async (args, ctx) => {
      if ((args.leadId === undefined) === (args.recipient === undefined)) throw new ConveneError("VALIDATION_FAILED", "Give either leadId or recipient, not both or neither.");
      const made = args.leadId
        ? await makeLeadBookingLink(deps, ctx, args.leadId, { linkId: args.linkId, topic: args.topic, expiresInDays: args.expiresInDays })
        : await makeProspectBookingLink(deps, ctx, args.linkId, { recipient: args.recipient!, topic: args.topic, expiresInDays: args.expiresInDays });
      const { oneTimeLink, message } = made;
      const structured = { id: oneTimeLink.id, bookingUrl: oneTimeLinkUrls(deps.publicUrl, oneTimeLink.token).bookingUrl, expiresAt: oneTimeLink.expiresAt.toISOString(), message };
      return { structured, text: message, target: { type: "one_time_link", id: oneTimeLink.id } };
    },
  });
}
