// Brings a connection's busy time up to date: list its calendars, fetch what
// changed in each since its cursor, expand every changed object into busy
// intervals (recurrences over the longest booking window in use), and store
// them with the new cursor in one transaction per calendar. Slot reads only
// ever read what this stored. Failures are recorded on the connection: bad
// credentials need the owner (told once by email), anything else keeps the
// last busy time and is tried again with backoff.
import { expandBusy } from "../../core/calendars/busy-events.js";
import { isCalendarFailure } from "../../core/calendars/calendar-errors.js";
import { bookingIdOfUid, expansionHorizonMs, nextSyncAtMs } from "../../core/calendars/connections.js";
import { OAUTH_PROVIDER_NAMES, oauthConnectUrl } from "../../core/calendars/oauth-urls.js";
import { singleLine } from "../../core/notifications/message-layout.js";
import { sendAccountMail } from "../account/account-mail.js";
import { MS_PER_DAY, parseIsoDate } from "../../core/time/calendar-date.js";
import type { TenantId } from "../../core/tenancy.js";
import type { CalendarRecord, ConnectionRecord, RemoteObject, SyncedObject } from "../ports/calendars.js";
import type { UserRecord } from "../ports/accounts.js";
import { claimDueCalendarConnections } from "../auth/system-access.js";
import type { CalendarDeps } from "./calendar-deps.js";
import { openProvider } from "./oauth-access.js";
import { ensurePushChannels } from "./push-channels.js";
import { recordNeedsReconnect } from "./needs-reconnect-event.js";

/** Calendars of one connection synced at once. */
const CALENDARS_AT_ONCE = 3;

/** Busy time that ended more than a day ago is not kept: nobody books the past. */
const LOOK_BACK_MS = MS_PER_DAY;
/** Recurring events are expanded again once the horizon has moved this far past what was expanded. */
const REEXPAND_AFTER_MS = MS_PER_DAY;

export type SyncOutcome = { connection: ConnectionRecord; objectsChanged: number };

/** Syncs one connection now; returns null when it no longer exists. Never throws for a calendar server's failure. */
export async function syncConnection(deps: CalendarDeps, tenantId: TenantId, connectionId: string, nowMs: number): Promise<SyncOutcome | null> {
  const connection = await deps.store.calendars.getConnection(tenantId, connectionId);
  if (!connection) return null;
  const owner = await deps.store.users.get(tenantId, connection.userId);
  if (!owner) return null;
  let objectsChanged = 0;
  try {
    const provider = openProvider(deps, tenantId, connection, nowMs);
    const calendars = await deps.store.calendars.syncCalendarList(tenantId, connectionId, await provider.listCalendars());
    const horizonMs = expansionHorizonMs(nowMs, await bookingWindowsDays(deps, tenantId, owner.id, nowMs));
    // The calendars of one account are fetched side by side: most of a full sync is waiting on the server.
    await inParallel(calendars, CALENDARS_AT_ONCE, async (calendar) => {
      const result = await provider.sync(calendar.remoteId, calendar.syncCursor);
      const expand = objectExpander(deps, tenantId, owner, accountEmails(owner, connection), calendar, { fromMs: nowMs - LOOK_BACK_MS, toMs: horizonMs });
      const changed = await Promise.all(result.changed.map(expand));
      const changedHrefs = new Set(changed.map((object) => object.href));
      const reexpand = (calendar.expandedUntilMs ?? 0) < horizonMs - REEXPAND_AFTER_MS;
      if (reexpand && !result.full) {
        const removed = new Set(result.removedHrefs);
        const recurring = await deps.store.calendars.recurringObjects(tenantId, calendar.id);
        changed.push(...(await Promise.all(recurring.filter((object) => !changedHrefs.has(object.href) && !removed.has(object.href)).map(expand))));
      }
      objectsChanged += result.changed.length + result.removedHrefs.length;
      if (result.unchanged && !reexpand && result.cursor === calendar.syncCursor) return;
      await deps.store.transaction((repos) =>
        repos.calendars.applySync(
          tenantId,
          calendar.id,
          { full: result.full, changed, removedHrefs: result.removedHrefs, cursor: result.cursor, expandedUntilMs: reexpand || result.full ? horizonMs : null },
          nowMs,
        ),
      );
    });
    await deps.store.calendars.updateConnectionState(
      tenantId,
      connectionId,
      { status: "ok", lastAttemptAtMs: nowMs, lastSyncedAtMs: nowMs, lastError: null, failures: 0, reconnectNotifiedAtMs: null, nextSyncAtMs: nextSyncAtMs(nowMs, { status: "ok", failures: 0 }, deps.calendarSyncIntervalMs) },
      nowMs,
    );
    // Google and Microsoft tell Convene of changes: after a good sync their channels are opened or renewed (never throws for the provider's failures).
    await ensurePushChannels(deps, tenantId, connectionId, nowMs);
  } catch (error) {
    await recordFailure(deps, tenantId, connection, owner, error, nowMs);
  }
  const updated = await deps.store.calendars.getConnection(tenantId, connectionId);
  return updated ? { connection: updated, objectsChanged } : null;
}

/** The booking windows (days ahead) of the links this user hosts; null for a link open-ended in time. */
async function bookingWindowsDays(deps: CalendarDeps, tenantId: TenantId, userId: string, nowMs: number): Promise<(number | null)[]> {
  const links = (await deps.store.links.list(tenantId)).filter((link) => link.hostUserIds.includes(userId));
  return links.map((link) => {
    if (link.maxDaysAhead !== null) return link.maxDaysAhead;
    if (link.rangeEndDate !== null) return Math.max(0, Math.ceil(((parseIsoDate(link.rangeEndDate) ?? 0) * MS_PER_DAY - nowMs) / MS_PER_DAY) + 1);
    return null;
  });
}

/**
 * The addresses the owner answers invitations under in this calendar: their
 * Convene email, and the account's own when it is one (a Google or Microsoft
 * account, an iCloud Apple ID), so a meeting they declined there does not block.
 */
function accountEmails(owner: UserRecord, connection: ConnectionRecord): string[] {
  const account = connection.username?.includes("@") ? [connection.username] : [];
  return [...new Set([owner.email, ...account])];
}

/** Expands one object into busy time; Convene's own events (a booking of this organisation, by UID) block nothing: their booking already does. */
function objectExpander(deps: CalendarDeps, tenantId: TenantId, owner: UserRecord, ownerEmails: string[], calendar: CalendarRecord, window: { fromMs: number; toMs: number }) {
  return async (object: Pick<RemoteObject, "href" | "etag" | "ics">): Promise<SyncedObject> => {
    const expanded = expandBusy(object.ics, {
      windowStartMs: window.fromMs,
      windowEndMs: window.toMs,
      defaultTimeZone: calendar.timeZone ?? owner.timeZone,
      ownerEmails,
    });
    const ownBookingId = bookingIdOfUid(expanded.uid);
    const isOwn = ownBookingId !== null && (await deps.store.bookings.get(tenantId, ownBookingId)) !== null;
    return { href: object.href, etag: object.etag, uid: expanded.uid, recurring: expanded.recurring, ics: object.ics, busy: isOwn ? [] : expanded.busy };
  };
}

/** A calendar write found the credentials refused: the connection needs reconnecting, and its owner is told (once). */
export async function recordRefusedCredentials(deps: CalendarDeps, tenantId: TenantId, connectionId: string, error: unknown, nowMs: number): Promise<void> {
  const connection = await deps.store.calendars.getConnection(tenantId, connectionId);
  const owner = connection ? await deps.store.users.get(tenantId, connection.userId) : null;
  if (connection && owner && connection.status !== "needs_reconnect") await recordFailure(deps, tenantId, connection, owner, error, nowMs);
}

async function recordFailure(deps: CalendarDeps, tenantId: TenantId, connection: ConnectionRecord, owner: UserRecord, error: unknown, nowMs: number): Promise<void> {
  const isAuth = isCalendarFailure(error) && error.kind === "auth";
  if (!isCalendarFailure(error)) deps.logger?.error({ err: error, connectionId: connection.id }, "calendar sync failed unexpectedly");
  const status = isAuth ? "needs_reconnect" : "error";
  const failures = connection.failures + 1;
  const told = isAuth && connection.reconnectNotifiedAtMs === null && (await tellOwnerToReconnect(deps, tenantId, connection, owner, nowMs));
  const lastError = singleLine(error instanceof Error ? error.message : String(error)).slice(0, 500);
  await deps.store.transaction(async (repos) => {
    await repos.calendars.updateConnectionState(
      tenantId,
      connection.id,
      {
        status,
        lastAttemptAtMs: nowMs,
        lastError,
        failures,
        // A throttled provider said how long to wait: never sooner than that.
        nextSyncAtMs: Math.max(nextSyncAtMs(nowMs, { status, failures }, deps.calendarSyncIntervalMs), nowMs + (isCalendarFailure(error) ? (error.retryAfterMs ?? 0) : 0)),
        ...(told ? { reconnectNotifiedAtMs: nowMs } : {}),
      },
      nowMs,
    );
    if (status === "needs_reconnect" && connection.status !== "needs_reconnect") await recordNeedsReconnect(repos, tenantId, connection, owner, lastError, nowMs);
  });
}

/** What the reconnect email says: an OAuth grant is renewed by consenting again, a CalDAV or feed login by new credentials. */
function reconnectAdvice(deps: CalendarDeps, connection: ConnectionRecord): { subject: string; paragraphs: string[]; actions: { label: string; url: string }[] } {
  const calendarsUrl = `${deps.publicUrl}/dashboard/calendars`;
  if (connection.provider === "google" || connection.provider === "microsoft") {
    const name = OAUTH_PROVIDER_NAMES[connection.provider];
    return {
      subject: `Reconnect ${name}: ${connection.label}`,
      paragraphs: [
        `${name} no longer lets Convene read your calendar "${connection.label}": the access you granted was revoked or expired (this also happens after a password change). Until you reconnect it, Convene keeps blocking the busy time it synced last, but new events in that calendar do not block your booking links, and new bookings are not written to it.`,
        `Reconnecting takes one click: sign in to ${connection.username ?? "the same account"} and allow access again.`,
      ],
      actions: [
        { label: `Reconnect ${name}`, url: oauthConnectUrl(deps.publicUrl, connection.provider, connection.id) },
        { label: "Open your calendars", url: calendarsUrl },
      ],
    };
  }
  return {
    subject: `Reconnect your calendar: ${connection.label}`,
    paragraphs: [
      `Convene can no longer read your calendar "${connection.label}" (${connection.serverUrl}): the server refused the saved credentials. Until you reconnect it, Convene keeps blocking the busy time it synced last, but new events in that calendar do not block your booking links, and new bookings are not written to it.`,
      "If you changed your password or revoked an app password, create a new app password and reconnect.",
    ],
    actions: [{ label: "Open your calendars", url: calendarsUrl }],
  };
}

/** One email per breakage (the connection remembers it told the owner until a sync succeeds again); false when the mail did not go. */
async function tellOwnerToReconnect(deps: CalendarDeps, tenantId: TenantId, connection: ConnectionRecord, owner: UserRecord, nowMs: number): Promise<boolean> {
  const advice = reconnectAdvice(deps, connection);
  try {
    await sendAccountMail(deps, {
      tenantId,
      to: { name: owner.name, email: owner.email },
      subject: advice.subject,
      paragraphs: advice.paragraphs,
      actions: advice.actions,
      idempotencyKey: `calendar-reconnect:${connection.id}:${nowMs}`,
    });
    return true;
  } catch (error) {
    // The calendars page still says it; the next failed sync tries the email again.
    deps.logger?.warn({ err: error, connectionId: connection.id }, "could not email the owner to reconnect a calendar");
    return false;
  }
}

/** A sync taking longer than this is taken for lost (its node died) and another node may start it again. */
export const SYNC_LEASE_MS = 10 * 60_000;
/** Connections synced at once per node: each waits on a remote server most of the time. */
const SYNC_CONCURRENCY = 4;

/** The background sync: every connection whose next sync is due, a few at a time; returns how many were synced. */
export async function syncDueConnections(deps: CalendarDeps, nowMs: number, limit = 20): Promise<number> {
  const due = await claimDueCalendarConnections(deps.store, nowMs, SYNC_LEASE_MS, limit);
  await inParallel(due, SYNC_CONCURRENCY, ({ tenantId, connectionId }) => syncConnection(deps, tenantId, connectionId, nowMs));
  return due.length;
}

/** When a node starts: a shorter sync interval than the one connections were scheduled under applies at once. */
export function applySyncInterval(deps: CalendarDeps, nowMs: number): Promise<number> {
  return deps.store.calendars.clampSchedules(nowMs, deps.calendarSyncIntervalMs);
}

/** Runs work on every item, at most `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}
