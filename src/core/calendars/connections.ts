// A calendar connection's life: its provider kinds, the states a sync leaves
// it in, how long to wait after failures, and how stale its busy time is.
// Pure: "now" is an argument.

export const PROVIDER_KINDS = ["caldav", "ics", "memory", "google", "microsoft"] as const;
/** Providers reached through OAuth: connected by consent, not by a password. */
export const OAUTH_PROVIDER_KINDS = ["google", "microsoft"] as const;
export type OAuthProviderKind = (typeof OAUTH_PROVIDER_KINDS)[number];
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/**
 * pending: never synced yet; ok: the last sync succeeded; error: the server
 * could not be reached or failed (the last synced busy time still counts);
 * needs_reconnect: the server refused the credentials (the owner must act).
 */
export const CONNECTION_STATUSES = ["pending", "ok", "error", "needs_reconnect"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** written: the event is in the calendar as the booking now is; deleted: removed after a cancel or a host change. */
export const CALENDAR_WRITE_STATES = ["written", "deleted"] as const;
export type CalendarWriteState = (typeof CALENDAR_WRITE_STATES)[number];

export const DEFAULT_SYNC_INTERVAL_SECONDS = 300;
/** The longest a failing connection waits between tries. */
export const MAX_SYNC_BACKOFF_MS = 60 * 60_000;

/**
 * When to sync next: the interval after a success; after failures, doubling
 * from a minute up to an hour; a connection that needs reconnecting waits the
 * longest backoff, so a password fixed on the server's side is still noticed
 * without hammering the server with refused logins.
 */
export function nextSyncAtMs(nowMs: number, outcome: { status: ConnectionStatus; failures: number }, intervalMs: number): number {
  if (outcome.status === "ok" || outcome.status === "pending") return nowMs + intervalMs;
  if (outcome.status === "needs_reconnect") return nowMs + Math.max(intervalMs, MAX_SYNC_BACKOFF_MS);
  return nowMs + Math.min(MAX_SYNC_BACKOFF_MS, 60_000 * 2 ** Math.min(10, Math.max(0, outcome.failures - 1)));
}

/** How long ago the busy time was last brought up to date; null when it never was. */
export function stalenessMs(lastSyncedAtMs: number | null, nowMs: number): number | null {
  return lastSyncedAtMs === null ? null : Math.max(0, nowMs - lastSyncedAtMs);
}

/** The UID of a booking's emailed invite and calendar event: stable for the booking's whole life. */
export function bookingUid(bookingId: string): string {
  return `${bookingId}@convene`;
}

/** bookingUid's shape, to recognise Convene's own events in a synced calendar. */
const OWN_UID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@convene$/i;

/** The booking id a UID names when it is one of Convene's own, else null. */
export function bookingIdOfUid(uid: string | null): string | null {
  const match = uid ? OWN_UID.exec(uid) : null;
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * How far ahead busy time is kept: the longest booking window in use (a
 * link's days ahead, or its fixed range's end), at least two weeks, at most
 * a year and a day, so a recurring event blocks every slot anyone can book.
 */
export function expansionHorizonMs(nowMs: number, windowsDays: readonly (number | null)[]): number {
  const days = Math.min(366, Math.max(14, ...windowsDays.map((d) => d ?? 366)));
  return nowMs + (days + 1) * 86_400_000;
}
