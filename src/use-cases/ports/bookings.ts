// Bookings, their holds on hosts' time, their history, and stored answers for idempotent retries.
import type { BookingHistoryAction, BookingStatus } from "../../core/booking/booking.js";
import type { LinkLocation } from "../../core/booking/link-options.js";
import type { BookingSource } from "../../core/inbound/external-booking.js";
import type { Actor, TenantId } from "../../core/tenancy.js";

export type BookingRecord = {
  id: string;
  tenantId: string;
  /** The link it was booked through; null for a booking made outside Convene. */
  linkId: string | null;
  oneTimeLinkId: string | null;
  /** convene: booked through Convene's pages or API; calcom, calendly: reported by an inbound source. */
  source: BookingSource;
  /** For an external booking: the source it came from, its title and meeting URL at the provider, and when the provider last changed it. */
  inboundSourceId: string | null;
  externalTitle: string | null;
  externalMeetingUrl: string | null;
  externalChangedAt: Date | null;
  /** A direct booking's own title and location (POST /api/v1/bookings); null: its link's. */
  title: string | null;
  location: LinkLocation | null;
  /** Whose meeting a direct booking is (the invite's organizer, whose calendar makes a Meet or Teams call); null: the link's owner. */
  organizerUserId: string | null;
  startAt: Date;
  endAt: Date;
  durationMin: number;
  status: BookingStatus;
  sequence: number;
  inviteeName: string;
  inviteeEmail: string;
  inviteeTimeZone: string;
  answers: Record<string, unknown>;
  guests: string[];
  notes: string | null;
  cancelReason: string | null;
  cancelledAt: Date | null;
  attendanceMarkedAt: Date | null;
  /** When the invitee's personal fields were erased at their request; null: not erased. */
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  hostUserIds: string[];
  /** The invitee's manage token, sealed (see SecretSealer); null for bookings made before it was kept. */
  manageTokenSealed: string | null;
};

type ExternalFields = "source" | "inboundSourceId" | "externalTitle" | "externalMeetingUrl" | "externalChangedAt" | DirectFields;
type DirectFields = "title" | "location" | "organizerUserId";

export type NewBooking = Omit<BookingRecord, "id" | "tenantId" | "createdAt" | "updatedAt" | "cancelReason" | "cancelledAt" | "attendanceMarkedAt" | "erasedAt" | "sequence" | "status" | ExternalFields> &
  Partial<Pick<BookingRecord, ExternalFields>> & {
  manageTokenHash: string;
  createdAtMs: number;
  /** The page view the invitee booked from (counted in the funnel's conversion); null or absent: none. */
  linkViewId?: number | null;
};

/**
 * One host's hold on time: the meeting [startMs, endMs) and, with buffers, [busyStartMs, busyEndMs).
 * Either a booking's (bookingId) or a slot hold's (holdId, with expiresAtMs: readers ignore it from then on).
 */
export type HostHoldMs = {
  bookingId: string | null;
  holdId: string | null;
  expiresAtMs: number | null;
  hostUserId: string;
  startMs: number;
  endMs: number;
  busyStartMs: number;
  busyEndMs: number;
  createdAtMs: number;
};

/** isActive false: a booking made outside Convene, which must never be refused, holds nothing under the exclusion constraint (the host's calendar blocks its time). Default true. */
export type HostHoldInput = { hostUserId: string; startMs: number; busyStartMs: number; busyEndMs: number; isActive?: boolean };

export type BookingHistoryEntry = {
  action: BookingHistoryAction;
  actor: Actor;
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown> | null;
  atMs: number;
};

export type BookingListFilter = {
  status?: BookingStatus[] | undefined;
  fromMs?: number | undefined;
  toMs?: number | undefined;
  linkId?: string | undefined;
  query?: string | undefined;
  order: "created_desc" | "start_asc" | "start_desc";
  limit: number;
  cursor?: { sortMs: number; id: string } | undefined;
  /** Only the bookings this user hosts (a member's own). */
  hostUserId?: string | undefined;
};

export interface BookingRepository {
  /** Serialises bookings per host of the tenant until the transaction ends (advisory locks, in a fixed order). */
  lockHosts(tenantId: TenantId, hostUserIds: string[]): Promise<void>;
  /** Active rows of these hosts whose busy range overlaps [fromMs, toMs): bookings' and slot holds' (expired holds included until released: see HostHoldMs). */
  activeHolds(tenantId: TenantId, hostUserIds: string[], fromMs: number, toMs: number): Promise<HostHoldMs[]>;
  /** When each host last got a booking (any time); hosts never booked are absent. */
  lastBookedAtMs(tenantId: TenantId, hostUserIds: string[]): Promise<Map<string, number>>;
  /** Inserts the booking and its holds; throws SLOT_TAKEN when a hold overlaps another (the exclusion constraint). */
  create(tenantId: TenantId, booking: NewBooking, holds: HostHoldInput[]): Promise<BookingRecord>;
  get(tenantId: TenantId, bookingId: string): Promise<BookingRecord | null>;
  /** Like get, and locks the booking's row until the transaction ends (SELECT … FOR UPDATE): changes to one booking queue up. */
  getForUpdate(tenantId: TenantId, bookingId: string): Promise<BookingRecord | null>;
  /** Unscoped: the invitee's manage link is how the booking is found. */
  findByManageTokenHash(tokenHash: string): Promise<BookingRecord | null>;
  update(
    tenantId: TenantId,
    bookingId: string,
    changes: Partial<Pick<BookingRecord, "startAt" | "endAt" | "status" | "sequence" | "cancelReason" | "cancelledAt" | "attendanceMarkedAt" | "externalChangedAt" | "externalTitle" | "externalMeetingUrl">>,
    nowMs: number,
  ): Promise<BookingRecord>;
  /** Replaces the booking's holds (reschedule); throws SLOT_TAKEN on overlap. */
  replaceHolds(tenantId: TenantId, bookingId: string, holds: HostHoldInput[]): Promise<void>;
  releaseHolds(tenantId: TenantId, bookingId: string): Promise<void>;
  list(tenantId: TenantId, filter: BookingListFilter): Promise<BookingRecord[]>;
  addHistory(tenantId: TenantId, bookingId: string, entry: BookingHistoryEntry): Promise<void>;
  listHistory(tenantId: TenantId, bookingId: string): Promise<(BookingHistoryEntry & { id: number })[]>;
}

export type StoredResponse = { requestHash: string; statusCode: number; body: unknown };

export interface IdempotencyRepository {
  find(scope: string, key: string): Promise<StoredResponse | null>;
  /** Returns false when the key was stored meanwhile by a concurrent request. */
  save(scope: string, key: string, response: StoredResponse): Promise<boolean>;
  /** Housekeeping: removes keys stored before the instant; returns how many. */
  deleteStoredBefore(beforeMs: number): Promise<number>;
}
