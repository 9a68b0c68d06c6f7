// Push channels for Google and Microsoft connections: after each successful
// sync, every calendar whose busy time counts gets a live channel (Google
// events.watch, a Graph subscription), channels near their end are renewed,
// and channels of calendars that no longer count are stopped. When the
// provider refuses Convene's address (Google wants https on a verified
// domain; Graph must reach it), the reason is kept on the connection and the
// periodic sync carries on alone; it is cleared once push works again.
import { randomUUID } from "node:crypto";
import { isCalendarFailure } from "../../core/calendars/calendar-errors.js";
import { OAUTH_PROVIDER_KINDS, type OAuthProviderKind } from "../../core/calendars/connections.js";
import { singleLine } from "../../core/notifications/message-layout.js";
import type { TenantId } from "../../core/tenancy.js";
import { hashToken, newSecretToken } from "../auth/secret-token.js";
import type { CalendarProvider, CalendarRecord, ConnectionRecord } from "../ports/calendars.js";
import type { PushChannelRecord } from "../ports/push-channels.js";
import type { CalendarDeps } from "./calendar-deps.js";
import { openProvider } from "./oauth-access.js";

/**
 * What Convene asks for: an hour under Graph's documented maximum for Outlook
 * event subscriptions (10,080 minutes), which Graph refuses rather than
 * shortens; the hour absorbs a clock a little ahead of Graph's. Google cuts
 * a longer wish to its own maximum (about a week).
 */
export const CHANNEL_LIFETIME_MS = (10_080 - 60) * 60_000;
/**
 * A channel is renewed once it ends within this: renewal runs after each
 * successful sync (every few minutes), so a day leaves room for a provider
 * that is down for hours.
 */
export const RENEW_BEFORE_MS = 86_400_000;
/** A channel still waiting for its provider's answer after this was left by a crash: forgotten (it cannot be stopped without its resource id). */
const PENDING_GIVE_UP_MS = 10 * 60_000;

export function isPushProvider(provider: string): provider is OAuthProviderKind {
  return (OAUTH_PROVIDER_KINDS as readonly string[]).includes(provider);
}

/** Where a provider posts its notifications. */
export function pushAddress(publicUrl: string, provider: OAuthProviderKind): string {
  return `${publicUrl.replace(/\/+$/, "")}/api/v1/calendars/push/${provider}`;
}

const isLive = (channel: PushChannelRecord, nowMs: number) => channel.resourceId !== null && channel.expiresAtMs > nowMs;

/**
 * Makes the connection's push channels match its calendars. Never throws for a
 * provider's failure: push is an optimisation over the periodic sync, whose
 * failures are what the connection's status reports.
 */
export async function ensurePushChannels(deps: CalendarDeps, tenantId: TenantId, connectionId: string, nowMs: number): Promise<void> {
  const connection = await deps.store.calendars.getConnection(tenantId, connectionId);
  if (!connection || !isPushProvider(connection.provider)) return;
  let provider: CalendarProvider;
  try {
    provider = openProvider(deps, tenantId, connection, nowMs);
  } catch (error) {
    deps.logger?.warn({ err: error, connectionId }, "could not open a calendar provider to manage its push channels");
    return;
  }
  if (!provider.watch) return;
  const wanted = new Map(connection.calendars.filter((calendar) => calendar.isConflict).map((calendar) => [calendar.id, calendar]));
  const channels = await deps.store.pushChannels.listOfConnection(tenantId, connectionId);
  for (const channel of channels) {
    const isAbandoned = channel.resourceId === null && channel.createdAtMs < nowMs - PENDING_GIVE_UP_MS;
    if (!wanted.has(channel.calendarId) || channel.expiresAtMs <= nowMs || isAbandoned) await stopChannel(deps, tenantId, provider, channel, connection);
  }
  const refusals: string[] = [];
  let isAnyLive = false;
  for (const calendar of wanted.values()) {
    const own = channels.filter((channel) => channel.calendarId === calendar.id);
    // Another sync of this connection is asking the provider right now.
    if (own.some((channel) => channel.resourceId === null && channel.createdAtMs >= nowMs - PENDING_GIVE_UP_MS)) continue;
    const live = own.filter((channel) => isLive(channel, nowMs)).sort((a, b) => b.expiresAtMs - a.expiresAtMs);
    const newest = live[0];
    const outcome =
      newest === undefined ? await openChannel(deps, tenantId, provider, connection, calendar, nowMs) : newest.expiresAtMs - nowMs <= RENEW_BEFORE_MS ? await renewChannel(deps, tenantId, provider, connection, calendar, newest, nowMs) : "live";
    if (outcome === "live") isAnyLive = true;
    else if (outcome !== "failed") refusals.push(outcome.refused);
    // Channels Google renewed by replacement, or doubles a race left: the newest one is enough.
    for (const older of live.slice(1)) await stopChannel(deps, tenantId, provider, older, connection);
  }
  const pushError = refusals.length > 0 ? singleLine(refusals[0]!).slice(0, 500) : isAnyLive || wanted.size === 0 ? null : connection.pushError;
  if (pushError !== connection.pushError) await deps.store.calendars.updateConnectionState(tenantId, connectionId, { pushError }, nowMs);
}

type ChannelOutcome = "live" | "failed" | { refused: string };

function outcomeOf(deps: CalendarDeps, error: unknown, connectionId: string, calendar: CalendarRecord): ChannelOutcome {
  if (isCalendarFailure(error) && error.kind === "rejected") return { refused: `${calendar.name}: ${error.message}` };
  // Unreachable, throttled, or the grant failed: the sync reports those; push is tried again after the next one.
  deps.logger?.warn({ err: error, connectionId, calendarId: calendar.id }, "could not open a calendar push channel");
  return "failed";
}

/** A new channel: its row is kept (pending) before the provider is asked, so a notification that beats the answer finds it. */
async function openChannel(deps: CalendarDeps, tenantId: TenantId, provider: CalendarProvider, connection: ConnectionRecord, calendar: CalendarRecord, nowMs: number): Promise<ChannelOutcome> {
  const kind = connection.provider as OAuthProviderKind;
  const channelId = randomUUID();
  // The channel id travels inside the token too: Graph echoes only clientState, and it must say which channel it is.
  const token = `${channelId}.${newSecretToken()}`;
  const expiresAtMs = nowMs + CHANNEL_LIFETIME_MS;
  await deps.store.pushChannels.insertPending(tenantId, { id: channelId, connectionId: connection.id, calendarId: calendar.id, provider: kind, tokenHash: hashToken(token), expiresAtMs }, nowMs);
  try {
    const watch = await provider.watch!(calendar.remoteId, { channelId, token, address: pushAddress(deps.publicUrl, kind), expiresAtMs });
    await deps.store.pushChannels.activate(tenantId, channelId, watch);
    return "live";
  } catch (error) {
    await deps.store.pushChannels.delete(tenantId, channelId);
    return outcomeOf(deps, error, connection.id, calendar);
  }
}

/** Graph extends a subscription in place; Google cannot, so a new channel opens first and the old one stops after. */
async function renewChannel(
  deps: CalendarDeps,
  tenantId: TenantId,
  provider: CalendarProvider,
  connection: ConnectionRecord,
  calendar: CalendarRecord,
  channel: PushChannelRecord,
  nowMs: number,
): Promise<ChannelOutcome> {
  if (!provider.renewWatch) {
    const opened = await openChannel(deps, tenantId, provider, connection, calendar, nowMs);
    if (opened === "live") await stopChannel(deps, tenantId, provider, channel, connection);
    // The old channel still runs until its end: push is live meanwhile.
    return opened === "failed" ? "live" : opened;
  }
  try {
    const watch = await provider.renewWatch(calendar.remoteId, { channelId: channel.id, resourceId: channel.resourceId! }, nowMs + CHANNEL_LIFETIME_MS);
    await deps.store.pushChannels.activate(tenantId, channel.id, watch);
    return "live";
  } catch (error) {
    const outcome = outcomeOf(deps, error, connection.id, calendar);
    // A subscription Graph no longer knows (404) is gone: forget it, and the next pass opens a new one.
    if (isCalendarFailure(error) && error.status === 404) await deps.store.pushChannels.delete(tenantId, channel.id);
    return outcome === "failed" ? "live" : outcome;
  }
}

/** Stops a channel at the provider (best effort: one that fails to stop ends on its own) and forgets it. */
async function stopChannel(deps: CalendarDeps, tenantId: TenantId, provider: CalendarProvider | null, channel: PushChannelRecord, connection: ConnectionRecord): Promise<void> {
  if (provider?.unwatch && channel.resourceId !== null) {
    try {
      const calendar = connection.calendars.find((candidate) => candidate.id === channel.calendarId);
      await provider.unwatch(calendar?.remoteId ?? "", { channelId: channel.id, resourceId: channel.resourceId });
    } catch (error) {
      deps.logger?.warn({ err: error, connectionId: connection.id, channelId: channel.id }, "could not stop a calendar push channel; it ends on its own");
    }
  }
  await deps.store.pushChannels.delete(tenantId, channel.id);
}

/** Before a connection goes: its channels are stopped at the provider, best effort, so it stops posting to Convene. */
export async function stopPushChannels(deps: CalendarDeps, tenantId: TenantId, connectionId: string, nowMs: number): Promise<void> {
  const connection = await deps.store.calendars.getConnection(tenantId, connectionId);
  if (!connection || !isPushProvider(connection.provider)) return;
  const channels = await deps.store.pushChannels.listOfConnection(tenantId, connectionId);
  if (channels.length === 0) return;
  let provider: CalendarProvider | null = null;
  try {
    provider = openProvider(deps, tenantId, connection, nowMs);
  } catch (error) {
    deps.logger?.warn({ err: error, connectionId }, "could not open a calendar provider to stop its push channels");
  }
  for (const channel of channels) await stopChannel(deps, tenantId, channel.expiresAtMs > nowMs ? provider : null, channel, connection);
}

/** Graph asked for reauthorization (reauthorizationRequired): the subscription is extended now. */
export async function renewPushChannel(deps: CalendarDeps, tenantId: TenantId, channelId: string, nowMs: number): Promise<void> {
  const channel = (await deps.store.pushChannels.findForNotification(channelId)) ?? null;
  if (!channel || channel.tenantId !== tenantId || channel.resourceId === null) return;
  const connection = await deps.store.calendars.getConnection(tenantId, channel.connectionId);
  const calendar = connection?.calendars.find((candidate) => candidate.id === channel.calendarId);
  if (!connection || !calendar) return;
  try {
    await renewChannel(deps, tenantId, openProvider(deps, tenantId, connection, nowMs), connection, calendar, channel, nowMs);
  } catch (error) {
    deps.logger?.warn({ err: error, connectionId: connection.id, channelId }, "could not renew a calendar push channel");
  }
}

/** Graph removed a subscription (subscriptionRemoved): it is forgotten here and a new one opened. */
export async function replacePushChannel(deps: CalendarDeps, tenantId: TenantId, channelId: string, nowMs: number): Promise<void> {
  const channel = await deps.store.pushChannels.findForNotification(channelId);
  if (!channel || channel.tenantId !== tenantId) return;
  await deps.store.pushChannels.delete(tenantId, channelId);
  await ensurePushChannels(deps, tenantId, channel.connectionId, nowMs);
}

export type SyncMode = { mode: "push" | "polling"; intervalMinutes: number; reason: string | null };

/** How each connection's busy time is kept fresh: push where a channel is live, else the periodic sync (with why, when push was refused). */
export async function syncModes(deps: CalendarDeps, tenantId: TenantId, connections: ConnectionRecord[], nowMs: number): Promise<Map<string, SyncMode>> {
  const pushable = connections.filter((connection) => isPushProvider(connection.provider));
  const live = await deps.store.pushChannels.liveConnectionIds(tenantId, pushable.map((connection) => connection.id), nowMs);
  const intervalMinutes = Math.max(1, Math.round(deps.calendarSyncIntervalMs / 60_000));
  return new Map(
    connections.map((connection) => [
      connection.id,
      live.has(connection.id) && connection.pushError === null ? { mode: "push", intervalMinutes, reason: null } : { mode: "polling", intervalMinutes, reason: connection.pushError },
    ]),
  );
}
