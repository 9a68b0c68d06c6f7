// Calendars: the CalendarProvider port every calendar server is reached
// through (CalDAV, ICS feeds, an in-memory one for tests; Google and Microsoft
// next), and the repository that keeps connections, their calendars, the
// synced busy time slot reads join, and where Convene wrote its own events.
// A provider throws CalendarFailure (core/calendars/calendar-errors.ts).
import type { CalendarWriteState, ConnectionStatus, OAuthProviderKind, ProviderKind } from "../../core/calendars/connections.js";
import type { ConferenceKind, EventDetails } from "../../core/calendars/event-details.js";
import type { TenantId } from "../../core/tenancy.js";
import type { TimeRangeMs } from "../../core/time/interval.js";

/** How a provider is reached; the secret parts are sealed at rest as one value. */
export type ProviderConfig =
  | { kind: "caldav"; serverUrl: string; username: string; password: string }
  | { kind: "ics"; url: string }
  | { kind: "memory"; accountId: string }
  | ({ kind: "google" } & OAuthGrant)
  | ({ kind: "microsoft" } & OAuthGrant);

/** A Google or Microsoft account reached by consent: who it is and its tokens. */
export type OAuthGrant = { accountId: string; accountEmail: string; tokens: OAuthTokens };

/** The config of an OAuth provider kind. */
export type OAuthProviderConfig = Extract<ProviderConfig, { kind: OAuthProviderKind }>;

/** An OAuth grant as Convene keeps it (sealed inside the connection's config). */
export type OAuthTokens = { accessToken: string; refreshToken: string; accessTokenExpiresAtMs: number; scopes: string[] };

/**
 * How a Google or Microsoft provider gets its bearer token. The use case behind
 * it refreshes before expiry, stores the rotated refresh token, and turns a
 * dead grant (invalid_grant) into CalendarFailure("auth").
 */
export interface OAuthAccess {
  /** A token valid for at least another minute. */
  accessToken(): Promise<string>;
  /** The API answered 401 to `rejected`: refresh once and return the new token (throws CalendarFailure "auth" when the grant is gone). */
  refreshAfterRejection(rejected: string): Promise<string>;
}

export type { ConferenceKind, EventDetails, ProviderKind };

export type RemoteCalendar = {
  /** The provider's stable id of the calendar (CalDAV: the collection's absolute URL). */
  remoteId: string;
  name: string;
  color: string | null;
  /** Feeds and calendars the account may not write to. */
  readOnly: boolean;
  /** The calendar's own zone when it declares one (CalDAV calendar-timezone), for floating and all-day events. */
  timeZone: string | null;
  /** The account's main calendar (Google primary, Outlook default): it receives new bookings unless the owner chooses another. */
  isPrimary?: boolean;
};

/** One calendar object resource as stored on the server: raw iCalendar text (RFC 5545). */
export type RemoteObject = { href: string; etag: string | null; ics: string };

/**
 * What changed in a calendar since a cursor. `full` means `changed` is the
 * whole calendar (first sync, a rejected or absent cursor, a server without
 * incremental sync): anything stored and not in it is gone. A provider whose
 * cursor the server rejects falls back to a full listing itself.
 */
export type SyncResult = { cursor: string | null; full: boolean; changed: RemoteObject[]; removedHrefs: string[]; unchanged?: boolean };

/** An event Convene writes, identified by its UID (the emailed invite's UID); `ics` is a VCALENDAR without METHOD. */
export type OwnEvent = { uid: string; ics: string; details: EventDetails };

/** Where a written event lives, to move or remove it later; conferenceUrl is the join link a provider made for it. */
export type WrittenEvent = { href: string; etag: string | null; conferenceUrl?: string | null };

/** Push notifications for one calendar (Google events.watch, a Graph subscription). */
export type WatchRequest = {
  /** Convene's id of the channel (Google channel id; Graph: carried in clientState). */
  channelId: string;
  /** The secret the provider echoes back (X-Goog-Channel-Token, clientState). */
  token: string;
  /** Where notifications are sent: an https URL in production. */
  address: string;
  /** When Convene would like it to end; the provider may cut it shorter. */
  expiresAtMs: number;
};
/** A channel the provider accepted: its id at the provider (Google resourceId, Graph subscription id) and its actual end. */
export type Watch = { resourceId: string; expiresAtMs: number };

export interface CalendarProvider {
  readonly kind: ProviderKind;
  /** Every calendar the account sees (CalDAV: discovered from the server's base URL). */
  listCalendars(): Promise<RemoteCalendar[]>;
  /** Changes since the cursor (null: everything). ICS feeds answer unchanged on 304 Not Modified. */
  sync(calendarId: string, cursor: string | null): Promise<SyncResult>;
  /**
   * Creates the event at a resource name derived from its UID, only if none is
   * there (If-None-Match: *); an event already there with that UID (a retry,
   * a crash after the write) is overwritten in place, never duplicated.
   */
  createEvent(calendarId: string, event: OwnEvent): Promise<WrittenEvent>;
  /** Replaces the event where it was written (If-Match on its etag; a stale etag re-reads and retries once). */
  updateEvent(calendarId: string, event: OwnEvent, at: WrittenEvent): Promise<WrittenEvent>;
  /** Removes the event; one already gone is success. */
  deleteEvent(calendarId: string, uid: string, at: WrittenEvent | null): Promise<void>;
  /** Starts push notifications for a calendar (providers that have them); CalendarFailure "rejected" when the address is refused. */
  watch?(calendarId: string, request: WatchRequest): Promise<Watch>;
  /** Extends a channel's life where the provider can (Graph subscriptions); providers without it get a new channel instead. */
  renewWatch?(calendarId: string, channel: { channelId: string; resourceId: string }, expiresAtMs: number): Promise<Watch>;
  /** Stops a channel; one already gone is success. */
  unwatch?(calendarId: string, channel: { channelId: string; resourceId: string }): Promise<void>;
}

/** Opens a provider for a connection's config; fetch limits and the private-address rule are the factory's. OAuth kinds need `access`. */
export type CalendarProviderFactory = (config: ProviderConfig, access?: OAuthAccess) => CalendarProvider;

// ── What Convene keeps of calendars ─────────────────────────────────────────


export type CalendarRecord = {
  id: string;
  connectionId: string;
  userId: string;
  remoteId: string;
  name: string;
  color: string | null;
  readOnly: boolean;
  timeZone: string | null;
  isConflict: boolean;
  isDestination: boolean;
  syncCursor: string | null;
  expandedUntilMs: number | null;
  lastSyncedAtMs: number | null;
};

export type ConnectionRecord = {
  id: string;
  tenantId: string;
  userId: string;
  provider: ProviderKind;
  label: string;
  serverUrl: string;
  username: string | null;
  configSealed: string;
  status: ConnectionStatus;
  lastAttemptAtMs: number | null;
  lastSyncedAtMs: number | null;
  lastError: string | null;
  failures: number;
  nextSyncAtMs: number;
  reconnectNotifiedAtMs: number | null;
  /** Why push notifications are off (the provider refused the address); null when on or not offered. */
  pushError: string | null;
  /** Add new invitees to the account's contacts (Google, Microsoft; off by default). */
  createContacts: boolean;
  createdAtMs: number;
  calendars: CalendarRecord[];
};

export type NewConnection = Pick<ConnectionRecord, "userId" | "provider" | "label" | "serverUrl" | "username" | "configSealed">;

export type ConnectionStateChange = Partial<
  Pick<ConnectionRecord, "status" | "lastAttemptAtMs" | "lastSyncedAtMs" | "lastError" | "failures" | "nextSyncAtMs" | "reconnectNotifiedAtMs" | "pushError" | "createContacts" | "configSealed">
>;

/** One synced object and the busy time it expands to (empty when it does not block, or is one of Convene's own). */
export type SyncedObject = { href: string; etag: string | null; uid: string | null; recurring: boolean; ics: string; busy: TimeRangeMs[] };

export type CalendarWriteRecord = {
  bookingId: string;
  userId: string;
  calendarId: string | null;
  uid: string;
  href: string;
  etag: string | null;
  /** The join link the provider made (Meet, Teams); null for none. */
  conferenceUrl: string | null;
  state: CalendarWriteState;
  updatedAtMs: number;
};

/** A host's calendar that receives new events, with the connection it is reached through. */
export type DestinationCalendar = { connection: ConnectionRecord; calendar: CalendarRecord };

export interface CalendarRepository {
  createConnection(tenantId: TenantId, connection: NewConnection, nowMs: number): Promise<ConnectionRecord>;
  getConnection(tenantId: TenantId, connectionId: string): Promise<ConnectionRecord | null>;
  /** The tenant's connections (one user's, when userId is given), oldest first, each with its calendars. */
  listConnections(tenantId: TenantId, filter: { userId?: string | undefined }): Promise<ConnectionRecord[]>;
  deleteConnection(tenantId: TenantId, connectionId: string): Promise<boolean>;
  updateConnectionState(tenantId: TenantId, connectionId: string, change: ConnectionStateChange, nowMs: number): Promise<void>;
  /** Replaces the sealed config only if it is still `expected` (a refreshed OAuth grant); false when another writer changed it first. */
  swapConnectionConfig(tenantId: TenantId, connectionId: string, expected: string, next: string, nowMs: number): Promise<boolean>;
  /**
   * Unscoped, for the sync worker: connections due by nowMs, each pushed to
   * nowMs + leaseMs so no other node takes it meanwhile (FOR UPDATE SKIP LOCKED).
   */
  claimDue(nowMs: number, leaseMs: number, limit: number): Promise<{ tenantId: string; connectionId: string }[]>;
  /**
   * Unscoped, when a node starts: healthy connections scheduled further out
   * than the interval (set under a longer one) are brought forward to their
   * last attempt + the interval, so a shorter interval applies at once.
   */
  clampSchedules(nowMs: number, intervalMs: number): Promise<number>;
  /**
   * Makes the connection's calendars those the server lists: new ones block
   * time; the account's main writable calendar (else the first writable by name) becomes the destination when they
   * have none; vanished ones go (with their busy time).
   */
  syncCalendarList(tenantId: TenantId, connectionId: string, remote: RemoteCalendar[]): Promise<CalendarRecord[]>;
  /** The owner's choices; making one calendar the destination unsets the user's others. */
  updateCalendar(tenantId: TenantId, calendarId: string, change: { isConflict?: boolean | undefined; isDestination?: boolean | undefined }): Promise<CalendarRecord | null>;
  /**
   * Stores one sync's outcome for a calendar: the changed objects (replacing
   * their busy time), the removed ones, and the new cursor. With `full`, every
   * object not in `changed` is removed.
   */
  applySync(
    tenantId: TenantId,
    calendarId: string,
    sync: { full: boolean; changed: SyncedObject[]; removedHrefs: string[]; cursor: string | null; expandedUntilMs: number | null },
    nowMs: number,
  ): Promise<void>;
  /** A calendar's recurring objects, to expand again when the horizon moves. */
  recurringObjects(tenantId: TenantId, calendarId: string): Promise<{ href: string; etag: string | null; uid: string | null; ics: string }[]>;
  /** Busy time of these users over [fromMs, toMs) from the calendars they chose to count for conflicts. */
  busyOf(tenantId: TenantId, userIds: string[], fromMs: number, toMs: number): Promise<Map<string, TimeRangeMs[]>>;
  destinationOf(tenantId: TenantId, userId: string): Promise<DestinationCalendar | null>;
  /** A calendar with the connection it belongs to (where an earlier write went). */
  calendarOf(tenantId: TenantId, calendarId: string): Promise<DestinationCalendar | null>;
  getWrite(tenantId: TenantId, bookingId: string, userId: string): Promise<CalendarWriteRecord | null>;
  listWrites(tenantId: TenantId, bookingId: string): Promise<CalendarWriteRecord[]>;
  saveWrite(tenantId: TenantId, write: CalendarWriteRecord): Promise<void>;
}
