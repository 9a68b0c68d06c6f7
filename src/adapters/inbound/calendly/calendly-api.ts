// Calendly's API v2 for the backfill and the webhook subscription, with a
// personal access token. Sources: developer.calendly.com/api-docs: Get current
// user (GET /users/me), List Events (GET /scheduled_events: user, min_start_time,
// max_start_time, count ≤ 100, page_token; pagination.next_page_token), List Event
// Invitees (GET /scheduled_events/{uuid}/invitees), Create / Delete Webhook
// Subscription (POST /webhook_subscriptions, DELETE /webhook_subscriptions/{uuid}).
import { z } from "zod";
import type { ExternalBookingChange } from "../../../core/inbound/external-booking.js";
import type { InboundProviderAdapter } from "../../../use-cases/ports/inbound-providers.js";
import { createProviderApi, describeIssues, rejectedBy, unexpectedAnswer, type ProviderApi, type ProviderApiOptions } from "../provider-api.js";
import { CALENDLY_SUBSCRIBED_EVENTS } from "./calendly-webhook.js";
import { calendlyEventSchema, calendlyInviteeSchema, changeOfInvitee, type CalendlyEvent } from "./calendly-resources.js";

export type CalendlyApiOptions = Pick<ProviderApiOptions, "baseUrl" | "fetch" | "timeoutMs" | "maxBodyBytes" | "maxInlineWaitMs" | "sleep">;

/** Calendly's largest page. */
const PAGE_SIZE = 100;
/** A backfill window holds days of meetings; more pages than this is a provider looping, not a calendar. */
const MAX_PAGES = 200;

const meSchema = z.object({ resource: z.object({ uri: z.string().min(1), current_organization: z.string().min(1) }) });
const paginationSchema = z.object({ next_page_token: z.string().nullish() });
const eventsPageSchema = z.object({ collection: z.array(calendlyEventSchema), pagination: paginationSchema });
const inviteesPageSchema = z.object({ collection: z.array(calendlyInviteeSchema), pagination: paginationSchema });
const subscriptionSchema = z.object({ resource: z.object({ uri: z.string().min(1) }) });

export function calendlyApi(options: CalendlyApiOptions): Pick<InboundProviderAdapter, "listBookings" | "subscribe" | "unsubscribe"> {
  const api = createProviderApi("Calendly", options);

  return {
    async listBookings(token, window) {
      const me = await currentUser(api, token);
      const changes: ExternalBookingChange[] = [];
      // Scoped to the token's user: the source is that person's Calendly, as a Cal.com API key is its owner's.
      const events = await allPages(api, token, "/scheduled_events", eventsPageSchema, {
        user: me.uri,
        min_start_time: new Date(window.fromMs).toISOString(),
        max_start_time: new Date(window.toMs).toISOString(),
        sort: "start_time:asc",
      });
      for (const event of events) {
        // Without a status filter Calendly lists active and canceled invitees alike.
        const invitees = await allPages(api, token, `/scheduled_events/${encodeURIComponent(uuidOf(event))}/invitees`, inviteesPageSchema, {});
        for (const invitee of invitees) changes.push(...changesOfInvitee(invitee, event));
      }
      return changes;
    },

    async subscribe(token, { callbackUrl, signingKey }) {
      const me = await currentUser(api, token);
      // Scope "user": every Calendly member on a paid plan may create it, and it carries exactly the
      // token owner's meetings. "organization" needs an admin's token and would pour every colleague's
      // meetings into this one source (the docs: user-scoped subscriptions see only that user's events).
      const response = await api(token, {
        method: "POST",
        path: "/webhook_subscriptions",
        json: { url: callbackUrl, events: [...CALENDLY_SUBSCRIBED_EVENTS], organization: me.organization, user: me.uri, scope: "user", signing_key: signingKey },
      });
      if (response.status !== 201 && response.status !== 200) throw rejectedBy("Calendly", "the webhook subscription", response);
      const parsed = subscriptionSchema.safeParse(response.json);
      if (!parsed.success) throw unexpectedAnswer("Calendly", "the webhook subscription", describeIssues(parsed.error));
      return { ref: parsed.data.resource.uri };
    },

    async unsubscribe(token, ref) {
      const path = subscriptionPath(ref);
      const response = await api(token, { method: "DELETE", path });
      // Already gone (deleted in Calendly, or removed after a 410 from Convene): the goal is reached.
      if (response.status === 204 || response.status === 200 || response.status === 404) return;
      throw rejectedBy("Calendly", "removing the webhook subscription", response);
    },
  };
}

function changesOfInvitee(invitee: z.infer<typeof calendlyInviteeSchema>, event: CalendlyEvent): ExternalBookingChange[] {
  const occurredAtMs = Date.parse(invitee.updated_at);
  if (invitee.status === "canceled") return [changeOfInvitee(invitee, event, { kind: "cancelled", occurredAtMs: Date.parse(invitee.cancellation?.created_at ?? invitee.updated_at) })];
  const booked = changeOfInvitee(invitee, event, { kind: "booked", occurredAtMs });
  // Only a recorded no-show is news: an unmarked invitee says nothing about attendance Convene may have recorded itself.
  if (!invitee.no_show) return [booked];
  return [booked, changeOfInvitee(invitee, event, { kind: "attendance", attendance: "no_show", occurredAtMs: Date.parse(invitee.no_show.created_at ?? invitee.updated_at) })];
}

async function currentUser(api: ProviderApi, token: string): Promise<{ uri: string; organization: string }> {
  const response = await api(token, { path: "/users/me" });
  if (response.status !== 200) throw rejectedBy("Calendly", "reading the current user", response);
  const parsed = meSchema.safeParse(response.json);
  if (!parsed.success) throw unexpectedAnswer("Calendly", "GET /users/me", describeIssues(parsed.error));
  return { uri: parsed.data.resource.uri, organization: parsed.data.resource.current_organization };
}

async function allPages<T>(api: ProviderApi, token: string, path: string, schema: z.ZodType<{ collection: T[]; pagination: { next_page_token?: string | null | undefined } }>, query: Record<string, string>): Promise<T[]> {
  const items: T[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await api(token, { path, query: { ...query, count: PAGE_SIZE, page_token: pageToken } });
    if (response.status !== 200) throw rejectedBy("Calendly", `GET ${path}`, response);
    const parsed = schema.safeParse(response.json);
    if (!parsed.success) throw unexpectedAnswer("Calendly", `GET ${path}`, describeIssues(parsed.error));
    items.push(...parsed.data.collection);
    pageToken = parsed.data.pagination.next_page_token ?? undefined;
    if (!pageToken) return items;
  }
  throw unexpectedAnswer("Calendly", `GET ${path}`, `more than ${MAX_PAGES} pages`);
}

/** An event's URI ends in its uuid: https://api.calendly.com/scheduled_events/{uuid}. */
function uuidOf(event: CalendlyEvent): string {
  return event.uri.replace(/\/+$/, "").split("/").pop() ?? "";
}

/** The subscription's URI is absolute at Calendly's host; Convene calls it through its configured base URL. */
function subscriptionPath(ref: string): string {
  const uuid = ref.replace(/\/+$/, "").split("/").pop() ?? "";
  return `/webhook_subscriptions/${encodeURIComponent(uuid)}`;
}
