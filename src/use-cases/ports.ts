// The ports the use cases need, implemented by adapters (adapters/db for the
// store, adapters/crypto for passwords). Tenant-scoped functions take a TenantId;
// the few lookups that establish a tenant (sign-in, session, API key) say so in
// their names.
import type { BookingStatus } from "../core/booking/booking.js";
import type { FunnelCounts } from "../core/booking/analytics.js";
import type { LinkRules } from "../core/booking/link-rules.js";
import type { NotificationKind, PlannedNotification, Recipient } from "../core/notifications/plan.js";
import type { TemplateQuestion } from "../core/booking/questions.js";
import type { Actor, TenantId } from "../core/tenancy.js";

export type UserRole = "owner" | "member";

export type UserRecord = {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  handle: string;
  timeZone: string;
  role: UserRole;
  passwordHash: string | null;
  createdAt: Date;
};

export type TenantRecord = { id: string; name: string; createdAt: Date };

export type SessionRecord = {
  id: string;
  tenantId: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
};

export type ApiKeyRecord = {
  id: string;
  tenantId: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export type AuditEntry = {
  tenantId: TenantId | null;
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  ip?: string | null;
  changes?: Record<string, unknown>;
  atMs: number;
};

export type AuditRecord = Omit<AuditEntry, "atMs" | "tenantId"> & { id: number; tenantId: string | null; at: Date };

export interface TenantRepository {
  /** Creates a new tenant; its id becomes a TenantId only through tenant-scope. */
  create(name: string): Promise<TenantRecord>;
  get(tenantId: TenantId): Promise<TenantRecord | null>;
}

export interface UserRepository {
  create(
    tenantId: TenantId,
    user: { email: string; name: string; handle: string; timeZone: string; role: UserRole; passwordHash: string | null },
  ): Promise<UserRecord>;
  /** Like create, but when the handle is taken (even by a concurrent insert) it inserts nothing and answers null (ON CONFLICT DO NOTHING). */
  createIfHandleFree(
    tenantId: TenantId,
    user: { email: string; name: string; handle: string; timeZone: string; role: UserRole; passwordHash: string | null },
  ): Promise<UserRecord | null>;
  get(tenantId: TenantId, userId: string): Promise<UserRecord | null>;
  /** Unscoped: sign-in is how a tenant is found. */
  findByEmailForSignIn(email: string): Promise<UserRecord | null>;
  isEmailTaken(email: string): Promise<boolean>;
  isHandleTaken(handle: string): Promise<boolean>;
  list(tenantId: TenantId): Promise<UserRecord[]>;
  /** Changes the profile fields given; throws HANDLE_TAKEN on a handle clash; null when the tenant has no such user. */
  update(tenantId: TenantId, userId: string, changes: Partial<ProfileFields>): Promise<UserRecord | null>;
}

/** What a user may change about themselves. */
export type ProfileFields = Pick<UserRecord, "name" | "timeZone" | "handle">;

export interface SessionRepository {
  create(
    tenantId: TenantId,
    session: { userId: string; tokenHash: string; csrfToken: string; ip: string | null; userAgent: string | null; expiresAtMs: number },
  ): Promise<SessionRecord>;
  /** Unscoped: a session cookie is how a tenant is found. */
  findLiveByTokenHash(tokenHash: string, nowMs: number): Promise<SessionRecord | null>;
  delete(tenantId: TenantId, sessionId: string): Promise<void>;
  /** Housekeeping, all tenants: removes sessions expired by nowMs; returns how many. */
  deleteExpired(nowMs: number): Promise<number>;
}

export interface ApiKeyRepository {
  create(tenantId: TenantId, key: { userId: string; name: string; prefix: string; keyHash: string }): Promise<ApiKeyRecord>;
  list(tenantId: TenantId): Promise<ApiKeyRecord[]>;
  /** Returns the revoked key, or null when the tenant has no such live key. */
  revoke(tenantId: TenantId, keyId: string, nowMs: number): Promise<ApiKeyRecord | null>;
  /** Unscoped: an API key is how a tenant is found. */
  findLiveByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  markUsed(tenantId: TenantId, keyId: string, nowMs: number): Promise<void>;
}

export interface AuditRepository {
  record(entry: AuditEntry): Promise<void>;
  list(tenantId: TenantId, options: { limit: number; beforeId?: number }): Promise<AuditRecord[]>;
  /** How many `action` entries about `targetId` happened since sinceMs (any tenant): used for lockouts. */
  countSince(action: string, targetId: string, sinceMs: number): Promise<number>;
  /** Instants (epoch ms) of the latest `action` entries about `targetId` from this IP since sinceMs, newest first, at most `limit`. */
  recentFromIp(action: string, targetId: string, ip: string | null, sinceMs: number, limit: number): Promise<number[]>;
}

export type LinkLocation = { type: "video" | "phone" | "in_person" | "custom"; value?: string | null };

export type LinkFields = LinkRules & {
  slug: string;
  title: string;
  description: string;
  location: LinkLocation;
  templateId: string | null;
  isActive: boolean;
};

export type LinkRecord = LinkFields & {
  id: string;
  tenantId: string;
  ownerUserId: string;
  createdAt: Date;
  updatedAt: Date;
};

export interface LinkRepository {
  /** Throws SLUG_TAKEN when the owner has a live link with the slug. */
  create(tenantId: TenantId, ownerUserId: string, link: LinkFields): Promise<LinkRecord>;
  get(tenantId: TenantId, linkId: string): Promise<LinkRecord | null>;
  list(tenantId: TenantId): Promise<LinkRecord[]>;
  /** Throws SLUG_TAKEN on a slug clash; null when the tenant has no such live link. */
  update(tenantId: TenantId, linkId: string, changes: Partial<LinkFields>, nowMs: number): Promise<LinkRecord | null>;
  softDelete(tenantId: TenantId, linkId: string, nowMs: number): Promise<LinkRecord | null>;
  isSlugTaken(ownerUserId: string, slug: string): Promise<boolean>;
  /** Unscoped: the public page is reached by handle and slug. Includes inactive links; never deleted ones. */
  findPublic(handle: string, slug: string): Promise<LinkRecord | null>;
}

export type BookingRecord = {
  id: string;
  tenantId: string;
  linkId: string;
  oneTimeLinkId: string | null;
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
  createdAt: Date;
  updatedAt: Date;
  hostUserIds: string[];
  /** The invitee's manage token, sealed (see SecretSealer); null for bookings made before it was kept. */
  manageTokenSealed: string | null;
};

export type NewBooking = Omit<BookingRecord, "id" | "tenantId" | "createdAt" | "updatedAt" | "cancelReason" | "cancelledAt" | "attendanceMarkedAt" | "sequence" | "status"> & {
  manageTokenHash: string;
  createdAtMs: number;
};

/** One host's hold on time: the meeting [startMs, endMs) and, with buffers, [busyStartMs, busyEndMs). */
export type HostHoldMs = { bookingId: string; hostUserId: string; startMs: number; endMs: number; busyStartMs: number; busyEndMs: number; createdAtMs: number };

export type HostHoldInput = { hostUserId: string; startMs: number; busyStartMs: number; busyEndMs: number };

export type BookingHistoryEntry = {
  action: "created" | "rescheduled" | "cancelled" | "attendance" | "host_assigned";
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
};

export interface BookingRepository {
  /** Serialises bookings per host until the transaction ends (advisory locks, in a fixed order). */
  lockHosts(hostUserIds: string[]): Promise<void>;
  /** Active holds of these hosts whose busy range overlaps [fromMs, toMs). */
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
    changes: Partial<Pick<BookingRecord, "startAt" | "endAt" | "status" | "sequence" | "cancelReason" | "cancelledAt" | "attendanceMarkedAt">>,
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

export type TemplateFields = { name: string; questions: TemplateQuestion[]; sendsFollowUp: boolean };

export type TemplateRecord = TemplateFields & { id: string; tenantId: string; createdAt: Date; updatedAt: Date };

export interface TemplateRepository {
  create(tenantId: TenantId, template: TemplateFields, nowMs: number): Promise<TemplateRecord>;
  /** Live templates only (deleted ones answer null). */
  get(tenantId: TenantId, templateId: string): Promise<TemplateRecord | null>;
  list(tenantId: TenantId): Promise<TemplateRecord[]>;
  update(tenantId: TenantId, templateId: string, changes: Partial<TemplateFields>, nowMs: number): Promise<TemplateRecord | null>;
  softDelete(tenantId: TenantId, templateId: string, nowMs: number): Promise<TemplateRecord | null>;
  /** Ids of the live links that ask this template's questions. */
  linkIdsUsing(tenantId: TenantId, templateId: string): Promise<string[]>;
}

export type OneTimeLinkRecord = {
  id: string;
  tenantId: string;
  linkId: string;
  token: string;
  recipientEmail: string;
  recipientName: string;
  recipientCompany: string | null;
  topic: string | null;
  leadRef: string | null;
  durationMin: number | null;
  /** Owner-picked start instants, ascending; null: any free slot of the link. */
  slotStartsMs: number[] | null;
  expiresAt: Date;
  bookingId: string | null;
  revokedAt: Date | null;
  createdAt: Date;
};

export type OneTimeLinkFields = Omit<OneTimeLinkRecord, "id" | "tenantId" | "expiresAt" | "bookingId" | "revokedAt" | "createdAt"> & { expiresAtMs: number };

export interface OneTimeLinkRepository {
  /** Stores the token and its digest (the lookup key). */
  create(tenantId: TenantId, oneTimeLink: OneTimeLinkFields, nowMs: number): Promise<OneTimeLinkRecord>;
  /** Newest first. */
  listForLink(tenantId: TenantId, linkId: string): Promise<OneTimeLinkRecord[]>;
  findByToken(tenantId: TenantId, token: string): Promise<OneTimeLinkRecord | null>;
  /** Revokes a link that is neither booked nor revoked; null when there is no such link (so: check why with findByToken). */
  revokeByToken(tenantId: TenantId, token: string, nowMs: number): Promise<OneTimeLinkRecord | null>;
  /** Unscoped: the token is how the public booking flow finds its tenant. Compares the token in constant time. */
  findByTokenForBooking(token: string): Promise<OneTimeLinkRecord | null>;
  /**
   * Marks the link used by a booking, only if it is neither booked nor revoked
   * (one conditional UPDATE, so single use holds under concurrency). True when it did.
   */
  markBooked(tenantId: TenantId, oneTimeLinkId: string, bookingId: string): Promise<boolean>;
}

export type LinkViewFields = { linkId: string; oneTimeLinkId: string | null; referrer: string | null; atMs: number };

export interface LinkViewRepository {
  /** One opening of a link's public page (or a one-time link's). */
  record(tenantId: TenantId, view: LinkViewFields): Promise<void>;
}

export interface LinkAnalyticsRepository {
  /**
   * A link's funnel counts between consecutive boundaries: result[i] covers
   * [boundariesMs[i], boundariesMs[i + 1]). Boundaries ascend; n boundaries give n − 1 results.
   */
  countsBetween(tenantId: TenantId, linkId: string, boundariesMs: number[]): Promise<FunnelCounts[]>;
}

export type NotificationState = "pending" | "sent" | "failed" | "skipped";

export type NotificationRecord = {
  id: string;
  tenantId: string;
  bookingId: string;
  kind: NotificationKind;
  recipient: Recipient;
  sequence: number;
  runAtMs: number;
  state: NotificationState;
  attempts: number;
  lastError: string | null;
  sentAtMs: number | null;
};

export interface NotificationRepository {
  /** Writes planned notifications; one already planned (same dedupe key) is kept as it is. */
  add(tenantId: TenantId, bookingId: string, planned: PlannedNotification[]): Promise<void>;
  /** Marks a booking's pending notifications of these kinds skipped (a change made them moot). */
  skipPending(tenantId: TenantId, bookingId: string, kinds: readonly NotificationKind[]): Promise<void>;
  listForBooking(tenantId: TenantId, bookingId: string): Promise<NotificationRecord[]>;
  /** Unscoped, for the relay: pending notifications due by nowMs not yet handed to the queue. */
  due(nowMs: number, limit: number): Promise<NotificationRecord[]>;
  markDispatched(ids: string[], nowMs: number): Promise<void>;
  /** Unscoped, for the job handler: the queue carries only the id. */
  getForDelivery(notificationId: string): Promise<NotificationRecord | null>;
  finish(notificationId: string, outcome: { state: Exclude<NotificationState, "pending">; error?: string | null; nowMs: number }): Promise<void>;
  recordFailedAttempt(notificationId: string, error: string): Promise<void>;
}

export type OutgoingMail = {
  to: { name: string; email: string };
  subject: string;
  text: string;
  html: string;
  invite?: { method: "REQUEST" | "CANCEL"; content: string } | undefined;
  /** Same key, same Message-ID: a re-sent message is recognisable as the same one. */
  idempotencyKey: string;
  /** The tenant the mail belongs to (the dev outbox shows each owner only their own). */
  tenantId?: string | undefined;
};

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  /** "smtp": mail leaves the machine; "outbox": it is kept in the dev outbox for the dashboard. */
  readonly mode: "smtp" | "outbox";
  /** Where mail goes, for the start-up log. */
  describe(): string;
  close(): Promise<void>;
}

export type OutboxMail = OutgoingMail & { messageId: string; fromAddress: string; createdAtMs: number };

export interface MailOutboxRepository {
  save(mail: OutboxMail): Promise<void>;
  list(tenantId: TenantId, options: { limit: number }): Promise<(OutboxMail & { id: number })[]>;
  /** Unscoped, for the operator's `convene outbox`. */
  listAll(options: { limit: number }): Promise<(OutboxMail & { id: number })[]>;
}

/** Encrypts small secrets at rest (AES-256-GCM under CONVENE_SECRET_KEY). */
export interface SecretSealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export interface Repositories {
  notifications: NotificationRepository;
  mailOutbox: MailOutboxRepository;
  bookings: BookingRepository;
  idempotency: IdempotencyRepository;
  tenants: TenantRepository;
  links: LinkRepository;
  templates: TemplateRepository;
  oneTimeLinks: OneTimeLinkRepository;
  linkViews: LinkViewRepository;
  linkAnalytics: LinkAnalyticsRepository;
  users: UserRepository;
  sessions: SessionRepository;
  apiKeys: ApiKeyRepository;
  audit: AuditRepository;
}

export interface Store extends Repositories {
  /** Runs fn in one database transaction; everything it writes commits or rolls back together. */
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** What every use case may need; "now" is passed explicitly by callers as nowMs. */
export type UseCaseDeps = {
  store: Store;
  passwords: PasswordHasher;
  secrets: SecretSealer;
};
