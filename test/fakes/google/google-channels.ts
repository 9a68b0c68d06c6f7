// Push channels of the Google fake: events.watch and channels.stop, per
// "Push notifications" in the Calendar API guides (https address, unique
// channel id, ttl capped at a week). Notifications are delivered as Google
// sends them: a "sync" message when a channel opens, then "exists" after every
// change to the calendar's events, each a bodiless POST whose X-Goog-* headers
// name the channel, its token and the resource. Like Google, the fake does not
// wait for the answer and a failed delivery is dropped (Google retries with
// backoff for a while; a client must not rely on that). Tests talk only to
// loopback, so the fake delivers only to loopback addresses; a channel on any
// other address (https://convene.example/…) is kept but never called.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { badRequest, GoogleApiError, parse } from "./google-errors.js";

export interface WatchChannel {
  id: string;
  resourceId: string;
  calendarId: string;
  address: string;
  token?: string;
  expirationMs: number;
}

const DEFAULT_WATCH_SECONDS = 604800;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

const watchBody = z.object({
  id: z.string().min(1).max(64),
  type: z.string(),
  address: z.string(),
  token: z.string().max(256).optional(),
  expiration: z.union([z.string(), z.number()]).optional(),
  params: z.object({ ttl: z.string().optional() }).optional(),
});
const stopBody = z.object({ id: z.string().min(1), resourceId: z.string().min(1) });

export class FakeChannels {
  readonly channels = new Map<string, WatchChannel>();
  private readonly messageNumbers = new Map<string, number>();
  /** Deliveries in flight, so a test (or stop) can wait for them. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly nowMs: () => number,
    private readonly allowHttpWebhooks: boolean,
  ) {}

  watch(body: unknown, calendarId: string): Record<string, unknown> {
    const input = parse(watchBody, body);
    if (input.type !== "web_hook" && input.type !== "webhook") throw badRequest(`Invalid channel type: ${input.type}`);
    let address: URL;
    try {
      address = new URL(input.address);
    } catch {
      throw badRequest(`Invalid webhook address: ${input.address}`, "push.webhookUrlUnparseable");
    }
    if (address.protocol !== "https:" && !(this.allowHttpWebhooks && address.protocol === "http:")) {
      throw badRequest(`WebHook callback must be HTTPS: ${input.address}`, "push.webhookUrlNotHttps");
    }
    if (this.channels.has(input.id)) throw badRequest(`Channel id ${input.id} not unique`, "channelIdNotUnique");
    const ttlSeconds = input.params?.ttl === undefined ? DEFAULT_WATCH_SECONDS : Number(input.params.ttl);
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw badRequest("Invalid value for params.ttl");
    const requested = input.expiration === undefined ? Number.POSITIVE_INFINITY : Number(input.expiration);
    const expirationMs = Math.min(requested, this.nowMs() + Math.min(ttlSeconds, DEFAULT_WATCH_SECONDS) * 1000);
    const channel: WatchChannel = { id: input.id, resourceId: randomBytes(20).toString("base64url"), calendarId, address: input.address, expirationMs, ...(input.token === undefined ? {} : { token: input.token }) };
    this.channels.set(channel.id, channel);
    // Google's first message on a new channel: the "sync" handshake.
    setImmediate(() => this.deliver(channel, "sync"));
    return {
      kind: "api#channel",
      id: channel.id,
      resourceId: channel.resourceId,
      resourceUri: `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events?alt=json`,
      ...(channel.token === undefined ? {} : { token: channel.token }),
      expiration: String(channel.expirationMs),
    };
  }

  /** Tells every live channel on the calendar that its events changed. */
  notifyChange(calendarId: string): void {
    for (const channel of this.channels.values()) {
      if (channel.calendarId === calendarId && channel.expirationMs > this.nowMs()) this.deliver(channel, "exists");
    }
  }

  /** Waits for the notifications already sent to be answered. */
  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private deliver(channel: WatchChannel, state: "sync" | "exists"): void {
    if (!this.channels.has(channel.id) || !LOOPBACK_HOSTS.has(new URL(channel.address).hostname)) return;
    const number = (this.messageNumbers.get(channel.id) ?? 0) + 1;
    this.messageNumbers.set(channel.id, number);
    const headers: Record<string, string> = {
      "x-goog-channel-id": channel.id,
      "x-goog-channel-expiration": new Date(channel.expirationMs).toUTCString(),
      "x-goog-resource-id": channel.resourceId,
      "x-goog-resource-uri": `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(channel.calendarId)}/events?alt=json`,
      "x-goog-resource-state": state,
      "x-goog-message-number": String(number),
      ...(channel.token === undefined ? {} : { "x-goog-channel-token": channel.token }),
    };
    const sent = fetch(channel.address, { method: "POST", headers, signal: AbortSignal.timeout(10_000) })
      .then((response) => response.arrayBuffer())
      .then(
        () => undefined,
        () => undefined,
      );
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }

  /** channels.stop; `mayStop` says whether the caller owns the channel's calendar. */
  stop(body: unknown, mayStop: (calendarId: string) => boolean): void {
    const input = parse(stopBody, body);
    const channel = this.channels.get(input.id);
    if (!channel || channel.resourceId !== input.resourceId || !mayStop(channel.calendarId)) {
      throw new GoogleApiError(404, "notFound", `Channel '${input.id}' not found for project`);
    }
    this.channels.delete(input.id);
  }
}
