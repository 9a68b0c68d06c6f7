// Owner routes for booking links: create, list, read, change, duplicate, delete,
// and a preview of the slots a draft would offer (nothing saved).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { HOST_HOURS_SOURCES, HOST_MODES, LOCATION_INPUT_TYPES, MAX_HOST_PRIORITY, MAX_HOST_WEIGHT, LOCATION_TYPES, MAX_BUFFER_MIN, MAX_DURATIONS, MAX_LOCATION_VALUE_LENGTH, SLUG_PATTERN, SLUG_RULE } from "../../core/booking/link-options.js";
import { normalizeLinkLocation } from "../../core/booking/meeting-location.js";
import { MAX_DURATION_MIN, MAX_NOTICE_MIN, MIN_DURATION_MIN } from "../../core/booking/link-rules.js";
import { createLink } from "../../use-cases/links/create-link.js";
import { deleteLink } from "../../use-cases/links/delete-link.js";
import { duplicateLink } from "../../use-cases/links/duplicate-link.js";
import { getLink, listLinks, type OwnedLink } from "../../use-cases/links/get-link.js";
import { MAX_PREVIEW_DAYS, previewLinkSlots } from "../../use-cases/links/preview-link-slots.js";
import { updateLink } from "../../use-cases/links/update-link.js";
import type { RouteContext } from "../route-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import { linkUrls } from "../../core/public-urls.js";
import { SLOTS_SERIALIZER, slotsView, toSlotsView } from "./booking-views.js";
import { templateQuestion } from "./templates.js";
import { idParams } from "./params.js";

const wallTime = z.string().regex(/^\d{2}:\d{2}$/, 'a time "HH:mm"');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
const minutes = (max: number) => z.number().int().min(0).max(max);

export const weeklyHoursSchema = z.array(z.strictObject({ days: z.array(z.number().int().min(0).max(6)).min(1), start: wallTime, end: wallTime })).max(70);
export const dateOverridesSchema = z.array(z.strictObject({ date: isoDate, intervals: z.array(z.strictObject({ start: wallTime, end: wallTime })).max(24) })).max(1000);

// A link's location as a client sends it: the legacy "video" is read in today's names here, so use cases never see it.
const locationInput = z
  .strictObject({
    type: z
      .enum(LOCATION_INPUT_TYPES)
      .describe(
        'jitsi: a Jitsi room of its own for each booking (no value); meeting_url: your fixed meeting address in value, an https:// URL (a Zoom or Whereby room); phone: the number to call in value (optional); in_person: the address in value; custom: your own words in value; google_meet / teams: a Google Meet or Microsoft Teams meeting that the Google or Microsoft calendar of the host creates with each booking (no value; every host needs such a calendar receiving new events, else 422 LOCATION_NEEDS_CALENDAR). "video" is the former name of jitsi, still accepted (with an http(s) URL in value it becomes meeting_url); answers use the new names',
      ),
    value: z.string().trim().max(MAX_LOCATION_VALUE_LENGTH).nullable().optional(),
  })
  .transform(normalizeLinkLocation);

const locationView = z.object({
  type: z.enum(LOCATION_TYPES),
  value: z.string().nullable().describe("meeting_url: the URL; phone, in_person, custom: the owner's text; jitsi, google_meet, teams: null (each booking's room is in the booking)"),
});

const linkFields = {
  title: z.string().trim().min(1).max(200),
  slug: z.string().regex(SLUG_PATTERN, SLUG_RULE),
  description: z.string().max(5000),
  durationsMin: z.array(z.number().int()).min(1).max(MAX_DURATIONS).describe(`Durations offered, in minutes (${MIN_DURATION_MIN} to ${MAX_DURATION_MIN})`),
  defaultDurationMin: z.number().int(),
  location: locationInput,
  timeZone: z.string().min(1).max(64).describe("IANA zone of the weekly hours; default the owner's"),
  weeklyHours: weeklyHoursSchema.describe("0 = Sunday; end may be 24:00"),
  dateOverrides: dateOverridesSchema.describe("Replace a date's hours; intervals [] = day off"),
  holidays: z.array(isoDate).max(1000),
  bufferBeforeMin: minutes(MAX_BUFFER_MIN),
  bufferAfterMin: minutes(MAX_BUFFER_MIN),
  minNoticeMin: minutes(MAX_NOTICE_MIN),
  slotIntervalMin: z.number().int().nullable().describe("Grid step; null = the default duration"),
  maxDaysAhead: z.number().int().nullable().describe("Booking window in days; null = no limit but the date range"),
  rangeStartDate: isoDate.nullable(),
  rangeEndDate: isoDate.nullable(),
  maxPerDay: z.number().int().min(1).max(1000).nullable(),
  maxPerWeek: z.number().int().min(1).max(5000).nullable(),
  hostMode: z.enum(HOST_MODES),
  hostUserIds: z.array(z.uuid()).min(1).max(100),
  hostSettings: z
    .array(z.strictObject({ userId: z.uuid(), weight: z.number().int().min(1).max(MAX_HOST_WEIGHT), priority: z.number().int().min(0).max(MAX_HOST_PRIORITY) }))
    .max(100)
    .describe(
      `Round-robin settings for hosts of the link (each at most once; others have weight 1, priority 0): a free host with a higher priority (0 to ${MAX_HOST_PRIORITY}) is booked first; among equal priority, bookings are shared in proportion to weight (1 to ${MAX_HOST_WEIGHT}). A setting for someone not in hostUserIds is 400 INVALID_RULES`,
    ),
  hostHours: z
    .enum(HOST_HOURS_SOURCES)
    .describe('link: every host is available in the link\'s weekly hours; host: each host in their own working hours (PATCH /me {weeklyHours}, in their time zone) where set, else the link\'s'),
  templateId: z.uuid().nullable(),
  isActive: z.boolean(),
};

// The wizard saves a link and its questions in one request, so that a refused link leaves no template behind.
const questionFields = {
  questions: z
    .array(templateQuestion)
    .max(200)
    .optional()
    .describe("The link's questions (as in /templates): saved into its template (templateId, or the one it has), or a new template named after the link; absent: unchanged"),
  templateName: z.string().trim().max(200).optional().describe("Name of the template the questions are saved into; default: the link's title + ' questions' for a new one"),
};

const draftLinkBody = z.strictObject(linkFields).partial().required({ title: true, durationsMin: true });
const updateLinkBody = z.strictObject({ ...linkFields, ...questionFields }).partial();
const createLinkBody = updateLinkBody.required({ title: true, durationsMin: true });

// In the query, not the body: the body is exactly a link's, whose `timeZone` is the zone of its hours.
const previewQuery = z.strictObject({
  timeZone: z.string().min(1).max(64).optional().describe("Viewer's IANA zone for grouping by date; default the draft's"),
  days: z.coerce.number().int().min(1).max(MAX_PREVIEW_DAYS).optional().describe("How many days from now; default 14"),
  durationMin: z.coerce.number().int().optional().describe("One of the draft's durations; default its default duration"),
});

export const linkView = z.object({
  id: z.uuid(),
  ...linkFields,
  location: locationView,
  slug: z.string(),
  ownerUserId: z.uuid(),
  bookingUrl: z.string().describe("The public booking page"),
  apiUrl: z.string().describe("The public API base: GET {apiUrl}, GET {apiUrl}/slots, POST {apiUrl}/bookings"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function toLinkView({ link, owner }: OwnedLink, publicUrl: string): z.infer<typeof linkView> {
  return {
    ...link,
    weeklyHours: link.weeklyHours.map((rule) => ({ ...rule, days: [...rule.days] })),
    dateOverrides: link.dateOverrides.map((override) => ({ date: override.date, intervals: [...override.intervals] })),
    location: { type: link.location.type, value: link.location.value ?? null },
    ...linkUrls(publicUrl, owner.handle, link.slug),
    createdAt: link.createdAt.toISOString(),
    updatedAt: link.updatedAt.toISOString(),
  };
}

export const linkRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const view = (owned: OwnedLink) => toLinkView(owned, deps.publicUrl);
  const tags = ["links"];

  app.post(
    "/links",
    { config: { permission: "links.write" }, schema: { tags, summary: "Create a booking link (and its questions, in the same transaction)", security: AUTHENTICATED, body: createLinkBody, response: { 201: linkView } } },
    async (request, reply) => {
      const { questions, templateName, ...input } = request.body;
      return reply.status(201).send(view(await createLink(deps, contextOf(request, deps.clock), input, { questions, templateName })));
    },
  );

  app.post(
    "/links/preview-slots",
    {
      config: { permission: "links.write" },
      schema: {
        tags,
        summary: "The free slots a draft link (the body of POST /links, without questions) would offer from now, grouped by local date; nothing is saved",
        security: AUTHENTICATED,
        body: draftLinkBody,
        querystring: previewQuery,
        response: { 200: slotsView },
      },
      ...SLOTS_SERIALIZER,
    },
    async (request) => context.slotTurns.run(async () => toSlotsView(await previewLinkSlots(deps, contextOf(request, deps.clock), request.body, request.query))),
  );

  app.get(
    "/links",
    { config: { permission: "links.read" }, schema: { tags, summary: "List the organisation's links (a member: the links they own or host)", security: AUTHENTICATED, response: { 200: z.object({ items: z.array(linkView) }) } } },
    async (request) => ({ items: (await listLinks(deps, contextOf(request, deps.clock))).map(view) }),
  );

  app.get(
    "/links/:id",
    { config: { permission: "links.read" }, schema: { tags, summary: "Read a link", security: AUTHENTICATED, params: idParams, response: { 200: linkView } } },
    async (request) => view(await getLink(deps, contextOf(request, deps.clock), request.params.id)),
  );

  app.patch(
    "/links/:id",
    {
      config: { permission: "links.write" },
      schema: { tags, summary: "Change a link (only the fields sent); {isActive} turns it on or off", security: AUTHENTICATED, params: idParams, body: updateLinkBody, response: { 200: linkView } },
    },
    async (request) => {
      const { questions, templateName, ...changes } = request.body;
      return view(await updateLink(deps, contextOf(request, deps.clock), request.params.id, changes, { questions, templateName }));
    },
  );

  app.delete(
    "/links/:id",
    { config: { permission: "links.write" }, schema: { tags, summary: "Delete a link (its bookings stay)", security: AUTHENTICATED, params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteLink(deps, contextOf(request, deps.clock), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/links/:id/duplicate",
    { config: { permission: "links.write" }, schema: { tags, summary: "Copy a link under a new slug", security: AUTHENTICATED, params: idParams, response: { 201: linkView } } },
    async (request, reply) => reply.status(201).send(view(await duplicateLink(deps, contextOf(request, deps.clock), request.params.id))),
  );
};
