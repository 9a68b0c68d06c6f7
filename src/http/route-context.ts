// What the routes are handed: the application's dependencies, the rate limits
// and the shared CPU turns. Its own module so that routes need not import
// app.ts (which imports them).
import type { CalendarDeps } from "../use-cases/calendars/calendar-deps.js";
import type { InboundDeps } from "../use-cases/inbound/inbound-deps.js";
import type { LiveFeed } from "../use-cases/ports/in-app-notifications.js";
import type { WebhookDeps } from "../use-cases/webhooks/webhook-deps.js";
import type { CpuTurns } from "./cpu-turns.js";

export type AppDeps = CalendarDeps & InboundDeps & WebhookDeps & {
  clock: () => number;
  database: { ping(): Promise<void>; engine: string };
  /** Every node's committed live signals (adapters/db/live-feed.ts); absent: streams carry heartbeats only. */
  liveFeed?: LiveFeed | undefined;
};

export type RateLimits = { signInPerMinute: number; signUpPerMinute: number; publicReadsPerMinute: number; publicBookingsPerMinute: number; slotReadsPerMinute: number; inboundDeliveriesPerMinute: number; mcpRequestsPerMinute: number };

export type RouteContext = {
  deps: AppDeps;
  rateLimits: RateLimits;
  isSecureCookie: boolean;
  /** Every slot answer (public, manage, reschedule, preview) takes a turn here: see cpu-turns.ts. */
  slotTurns: CpuTurns;
  /** The operator's frame-ancestors sources for booking pages (EMBED_FRAME_ANCESTORS), added to each organisation's own list. */
  embedFrameAncestors: string;
  /** How long a public booking page's hold lasts, in minutes (HOLD_MINUTES). */
  holdMinutes: number;
};

