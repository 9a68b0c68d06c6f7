// Calendar connections: connect a CalDAV account or an ICS feed, list them
// with their health, choose conflict and destination calendars, sync now,
// disconnect. Passwords and feed URLs go in and are never shown again.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CONNECTION_STATUSES, PROVIDER_KINDS, stalenessMs } from "../../core/calendars/connections.js";
import {
  connectCalDav,
  connectionUserNames,
  connectIcsFeed,
  deleteCalendarConnection,
  getCalendarConnection,
  listCalendarConnections,
  syncCalendarConnectionNow,
  updateCalendarConnection,
} from "../../use-cases/calendars/connections.js";
import type { ConnectionRecord } from "../../use-cases/ports/calendars.js";
import { syncModes, type SyncMode } from "../../use-cases/calendars/push-channels.js";
import type { RequestContext } from "../../use-cases/request-context.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import type { RouteContext } from "../route-context.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const calendarView = z.object({
  id: z.uuid(),
  name: z.string(),
  color: z.string().nullable(),
  readOnly: z.boolean(),
  isConflict: z.boolean().describe("Its events block this user's time in every link they host"),
  isDestination: z.boolean().describe("New bookings are written to this calendar (one per user)"),
  lastSyncedAt: z.string().nullable(),
});

const connectionView = z.object({
  id: z.uuid(),
  user: z.object({ id: z.uuid(), name: z.string() }).describe("Whose connection it is: owners and admins see everyone's, and change only their own"),
  provider: z.enum(PROVIDER_KINDS),
  label: z.string(),
  serverUrl: z.string().describe("Where it connects; a feed's secret path is not shown"),
  username: z.string().nullable(),
  status: z.enum(CONNECTION_STATUSES).describe("pending: not synced yet; ok; error: the server failed (the last synced busy time still counts); needs_reconnect: credentials refused"),
  lastSyncedAt: z.string().nullable().describe("The last successful sync"),
  lastAttemptAt: z.string().nullable(),
  staleSeconds: z.number().int().nullable().describe("How old the busy time is; null before the first successful sync"),
  lastError: z.string().nullable(),
  nextSyncAt: z.string(),
  createContacts: z.boolean().describe("New invitees are added to the account's contacts (Google, Microsoft)"),
  createdAt: z.string(),
  sync: z
    .object({
      mode: z.enum(["push", "polling"]).describe("push: Google or Microsoft tells Convene of each change (the periodic sync still runs as a safety net); polling: only the periodic sync"),
      intervalMinutes: z.number().int().describe("How often the periodic sync runs"),
      reason: z.string().nullable().describe("Why push is off: what the provider said when it refused Convene's notification address; null when on or not offered"),
    })
    .describe("How the busy time is kept fresh"),
  calendars: z.array(calendarView),
});

function toConnectionView(connection: ConnectionRecord, userName: string, sync: SyncMode, nowMs: number): z.infer<typeof connectionView> {
  const stale = stalenessMs(connection.lastSyncedAtMs, nowMs);
  return {
    id: connection.id,
    user: { id: connection.userId, name: userName },
    provider: connection.provider,
    label: connection.label,
    serverUrl: connection.serverUrl,
    username: connection.username,
    status: connection.status,
    lastSyncedAt: iso(connection.lastSyncedAtMs),
    lastAttemptAt: iso(connection.lastAttemptAtMs),
    staleSeconds: stale === null ? null : Math.floor(stale / 1000),
    lastError: connection.lastError,
    nextSyncAt: iso(connection.nextSyncAtMs)!,
    createContacts: connection.createContacts,
    createdAt: iso(connection.createdAtMs)!,
    sync,
    calendars: connection.calendars.map((calendar) => ({
      id: calendar.id,
      name: calendar.name,
      color: calendar.color,
      readOnly: calendar.readOnly,
      isConflict: calendar.isConflict,
      isDestination: calendar.isDestination,
      lastSyncedAt: iso(calendar.lastSyncedAtMs),
    })),
  };
}

const connectionParams = z.object({ connectionId: z.uuid() });
const label = z.string().trim().min(1).max(200).optional();

export const calendarRoutes: FastifyPluginAsyncZod<{ context: RouteContext }> = async (app, { context }) => {
  const { deps } = context;
  const tags = ["calendars"];
  const viewsOf = async (ctx: RequestContext, connections: ConnectionRecord[]) => {
    const [modes, names] = await Promise.all([syncModes(deps, ctx.auth.tenantId, connections, ctx.nowMs), connectionUserNames(deps, ctx)]);
    return connections.map((connection) => toConnectionView(connection, names.get(connection.userId) ?? "", modes.get(connection.id)!, ctx.nowMs));
  };
  const viewOf = async (ctx: RequestContext, connection: ConnectionRecord) => (await viewsOf(ctx, [connection]))[0]!;

  app.post(
    "/calendars/caldav",
    {
      config: { permission: "calendars.write" },
      schema: {
        tags,
        summary: "Connect a CalDAV account (iCloud, Fastmail, Nextcloud, any RFC 4791 server) with an app password",
        description: "The calendars are discovered from the server's base URL, the credentials checked, then everything is synced at once. The password is encrypted at rest and never shown again.",
        security: AUTHENTICATED,
        body: z.strictObject({
          serverUrl: z.string().trim().min(1).max(2000).describe("e.g. https://caldav.icloud.com, https://caldav.fastmail.com, https://cloud.example.com/remote.php/dav"),
          username: z.string().trim().min(1).max(320),
          password: z.string().min(1).max(1000).describe("An app password: iCloud and Fastmail require one"),
          label,
        }),
        response: { 201: connectionView },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, deps.clock);
      return reply.status(201).send(await viewOf(ctx, await connectCalDav(deps, ctx, request.body)));
    },
  );

  app.post(
    "/calendars/ics",
    {
      config: { permission: "calendars.write" },
      schema: {
        tags,
        summary: "Add a read-only ICS feed (https, http or webcal)",
        description: "Its events block time; Convene never writes to a feed. The URL is encrypted at rest: private feed URLs are secrets.",
        security: AUTHENTICATED,
        body: z.strictObject({ url: z.string().trim().min(1).max(4000), label }),
        response: { 201: connectionView },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, deps.clock);
      return reply.status(201).send(await viewOf(ctx, await connectIcsFeed(deps, ctx, request.body)));
    },
  );

  app.get(
    "/calendars",
    {
      config: { permission: "calendars.read" }, schema: { tags, summary: "Calendar connections, their calendars and sync state: your own (owners and admins: everyone's, each named by its user)", security: AUTHENTICATED, response: { 200: z.object({ items: z.array(connectionView) }) } },
    },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return { items: await viewsOf(ctx, await listCalendarConnections(deps, ctx)) };
    },
  );

  app.get(
    "/calendars/:connectionId",
    { config: { permission: "calendars.read" }, schema: { tags, summary: "One calendar connection", security: AUTHENTICATED, params: connectionParams, response: { 200: connectionView } } },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return viewOf(ctx, await getCalendarConnection(deps, ctx, request.params.connectionId));
    },
  );

  app.patch(
    "/calendars/:connectionId",
    {
      config: { permission: "calendars.write" },
      schema: {
        tags,
        summary: "Choose which calendars block your time and which one receives new bookings, and whether new invitees become contacts",
        description: "Turning createContacts on needs the contacts permission: without it the answer is CALENDAR_SCOPE_MISSING (409) with the reconnectUrl that grants it.",
        security: AUTHENTICATED,
        params: connectionParams,
        body: z.strictObject({
          calendars: z
            .array(z.strictObject({ id: z.uuid(), isConflict: z.boolean().optional(), isDestination: z.boolean().optional() }))
            .min(1)
            .max(200)
            .optional(),
          createContacts: z.boolean().optional().describe("Add invitees with a new email to this Google or Microsoft account's contacts"),
        }),
        response: { 200: connectionView },
      },
    },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return viewOf(ctx, await updateCalendarConnection(deps, ctx, request.params.connectionId, request.body.calendars ?? [], { createContacts: request.body.createContacts }));
    },
  );

  app.post(
    "/calendars/:connectionId/sync",
    {
      config: { permission: "calendars.write" }, schema: { tags, summary: "Sync now (the answer shows the outcome)", security: AUTHENTICATED, params: connectionParams, response: { 200: connectionView } },
    },
    async (request) => {
      const ctx = contextOf(request, deps.clock);
      return viewOf(ctx, await syncCalendarConnectionNow(deps, ctx, request.params.connectionId));
    },
  );

  app.delete(
    "/calendars/:connectionId",
    {
      config: { permission: "calendars.write" },
      schema: {
        tags,
        summary: "Disconnect: its busy time stops counting at once (events already written stay in your calendar)",
        security: AUTHENTICATED,
        params: connectionParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteCalendarConnection(deps, contextOf(request, deps.clock), request.params.connectionId);
      return reply.status(204).send(null);
    },
  );
};
