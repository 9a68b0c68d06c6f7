// The bell: the signed-in user's own in-app notices, marking them read, and a
// server-sent event stream of what changed (new notices, booking events) so
// the dashboard updates without reloading.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { IN_APP_KINDS } from "../../core/notifications/in-app.js";
import { listNotifications, markNotificationsRead } from "../../use-cases/notifications/list-notifications.js";
import type { NotificationStreams, StreamEvent } from "../../use-cases/notifications/notification-streams.js";
import type { InAppNotificationRecord } from "../../use-cases/ports/in-app-notifications.js";
import { AUTHENTICATED, contextOf } from "../auth.js";
import type { RouteContext } from "../route-context.js";

const tags = ["notifications"];

const notificationItem = z.object({
  id: z.number().int(),
  kind: z.enum(IN_APP_KINDS),
  title: z.string(),
  body: z.string().nullable(),
  bookingId: z.uuid().nullable().describe("The booking it is about; open it at /dashboard/bookings/{bookingId}"),
  sourceId: z.uuid().nullable().describe("The inbound source it is about (a source problem)"),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

const toItem = (record: InAppNotificationRecord): z.infer<typeof notificationItem> => ({
  id: record.id,
  kind: record.kind,
  title: record.title,
  body: record.body,
  bookingId: record.bookingId,
  sourceId: record.sourceId,
  createdAt: new Date(record.createdAtMs).toISOString(),
  readAt: record.readAtMs === null ? null : new Date(record.readAtMs).toISOString(),
});

/** A comment every so often keeps proxies from closing an idle stream and tells the server when the client went. */
export const HEARTBEAT_MS = 25_000;
/**
 * A stream ends after this long and the browser reconnects (EventSource does,
 * after `retry`): connections rebalance across nodes and none lives forever.
 */
const DEFAULT_STREAM_SECONDS = 300;
const RECONNECT_MS = 3_000;

export const notificationRoutes: FastifyPluginAsyncZod<{ context: RouteContext; streams: NotificationStreams }> = async (app, { context, streams }) => {
  const { deps } = context;
  const openStreams = new Set<() => void>();
  // Open streams would hold the server's close until they end: end them first.
  app.addHook("preClose", (done) => {
    for (const end of [...openStreams]) end();
    done();
  });

  app.get(
    "/notifications",
    {
      config: { permission: "notifications.read" },
      schema: {
        tags,
        summary: "Your in-app notices (new, rescheduled and cancelled meetings, no-shows, unmatched bookings, source problems), newest first, with the unread count; paginated by cursor",
        security: AUTHENTICATED,
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(20).optional().describe("The previous page's nextCursor"),
        }),
        response: { 200: z.object({ unreadCount: z.number().int(), items: z.array(notificationItem), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const page = await listNotifications(deps, contextOf(request, deps.clock), request.query);
      return { unreadCount: page.unreadCount, items: page.items.map(toItem), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/notifications/read",
    {
      config: { permission: "notifications.read" },
      schema: {
        tags,
        summary: "Mark your notices read: the ids given, or all",
        security: AUTHENTICATED,
        body: z.union([z.strictObject({ ids: z.array(z.number().int().positive()).min(1).max(500) }), z.strictObject({ all: z.literal(true) })]),
        response: { 200: z.object({ marked: z.number().int(), unreadCount: z.number().int() }) },
      },
    },
    async (request) => markNotificationsRead(deps, contextOf(request, deps.clock), request.body),
  );

  app.get(
    "/notifications/stream",
    {
      config: { permission: "notifications.read" },
      schema: {
        tags,
        summary:
          "Live updates (text/event-stream) for the signed-in user: `notification` events ({id}) as notices are written for you, `booking` events ({bookingId, type}) as bookings you reach change; heartbeat comments; the stream ends after maxSeconds and the browser reconnects. At most a few open per user (429 TOO_MANY_STREAMS).",
        security: AUTHENTICATED,
        querystring: z.strictObject({
          maxSeconds: z.coerce.number().int().min(0).max(3600).default(DEFAULT_STREAM_SECONDS).describe("End the stream after this many seconds (0: open and end at once)"),
        }),
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, deps.clock);
      const raw = reply.raw;
      const write = (text: string) => {
        if (!raw.writableEnded) raw.write(text);
      };
      // Opened before the response is taken over: a refusal is an ordinary problem+json.
      const close = streams.open(ctx.auth, (event: StreamEvent) => write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`));
      reply.hijack();
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        // Nginx and friends would otherwise buffer the stream.
        "x-accel-buffering": "no",
        // The connection goes with the stream: a kept-alive socket would hold a closing server until its timeout.
        connection: "close",
      });
      write(`retry: ${RECONNECT_MS}\n: connected\n\n`);
      const heartbeat = setInterval(() => write(": heartbeat\n\n"), HEARTBEAT_MS);
      const lifetime = setTimeout(() => end(), request.query.maxSeconds * 1000);
      const end = () => {
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        close();
        openStreams.delete(end);
        if (!raw.writableEnded) raw.end();
      };
      openStreams.add(end);
      request.raw.on("close", end);
      raw.on("close", end);
    },
  );
};
