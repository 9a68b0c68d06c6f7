// Tenants, users, sessions and API keys: who someone is and how a request proves it.
import type { UserRole } from "../../core/account/limits.js";
import type { WeeklyHoursRule } from "../../core/availability/types.js";
import type { TenantId } from "../../core/tenancy.js";

export type { UserRole };

export type UserRecord = {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  handle: string;
  timeZone: string;
  role: UserRole;
  passwordHash: string | null;
  /** The user's own working hours in timeZone (set to DEFAULT_WORKING_HOURS when the user is made; owner availability, direct booking and links with hostHours "host" use them); null: cleared. */
  weeklyHours: WeeklyHoursRule[] | null;
  /** The sentence a lead's booking link is handed out with (core/leads/link-sentence.ts); null: the default. */
  leadLinkSentence: string | null;
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

export interface TenantRepository {
  /** Creates a new tenant; its id becomes a TenantId only through tenant-scope. */
  create(name: string): Promise<TenantRecord>;
  get(tenantId: TenantId): Promise<TenantRecord | null>;
}

export interface UserRepository {
  create(
    tenantId: TenantId,
    user: { email: string; name: string; handle: string; timeZone: string; role: UserRole; passwordHash: string | null; weeklyHours?: WeeklyHoursRule[] | null },
  ): Promise<UserRecord>;
  /** Like create, but when the handle is taken (even by a concurrent insert) it inserts nothing and answers null (ON CONFLICT DO NOTHING). */
  createIfHandleFree(
    tenantId: TenantId,
    user: { email: string; name: string; handle: string; timeZone: string; role: UserRole; passwordHash: string | null; weeklyHours?: WeeklyHoursRule[] | null },
  ): Promise<UserRecord | null>;
  get(tenantId: TenantId, userId: string): Promise<UserRecord | null>;
  /** Unscoped: sign-in is how a tenant is found. */
  findByEmailForSignIn(email: string): Promise<UserRecord | null>;
  isEmailTaken(email: string): Promise<boolean>;
  isHandleTaken(handle: string): Promise<boolean>;
  list(tenantId: TenantId): Promise<UserRecord[]>;
  /** Changes the fields given; throws HANDLE_TAKEN or EMAIL_TAKEN on a clash; null when the tenant has no such user. */
  update(tenantId: TenantId, userId: string, changes: Partial<UserChanges>): Promise<UserRecord | null>;
}

/** What a user may change about themselves. */
export type ProfileFields = Pick<UserRecord, "name" | "timeZone" | "handle" | "weeklyHours" | "leadLinkSentence">;

/** What an update may change: the profile, and the sign-in fields (changed only through their own use cases). */
export type UserChanges = ProfileFields & { email: string; passwordHash: string };

/** A session as its user sees it in their list. */
export type SessionListing = { id: string; createdAt: Date; expiresAt: Date; ip: string | null; userAgent: string | null };

export interface SessionRepository {
  create(
    tenantId: TenantId,
    session: { userId: string; tokenHash: string; csrfToken: string; ip: string | null; userAgent: string | null; expiresAtMs: number },
  ): Promise<SessionRecord>;
  /** Unscoped: a session cookie is how a tenant is found. With the user's current role, so a role change applies at once. */
  findLiveByTokenHash(tokenHash: string, nowMs: number): Promise<(SessionRecord & { role: UserRole }) | null>;
  delete(tenantId: TenantId, sessionId: string): Promise<void>;
  /** The user's live sessions, newest first. */
  listForUser(tenantId: TenantId, userId: string, nowMs: number): Promise<SessionListing[]>;
  /** Ends one of the user's sessions; false when the user has no such session. */
  deleteOneForUser(tenantId: TenantId, userId: string, sessionId: string): Promise<boolean>;
  /** Ends all the user's sessions but `exceptSessionId` (when given); returns how many ended. */
  deleteForUser(tenantId: TenantId, userId: string, exceptSessionId?: string | null): Promise<number>;
  /** Housekeeping, all tenants: removes sessions expired by nowMs; returns how many. */
  deleteExpired(nowMs: number): Promise<number>;
}

export interface ApiKeyRepository {
  create(tenantId: TenantId, key: { userId: string; name: string; prefix: string; keyHash: string }): Promise<ApiKeyRecord>;
  /** Newest first; one user's when userId is given. */
  list(tenantId: TenantId, filter?: { userId?: string | undefined }): Promise<ApiKeyRecord[]>;
  /** Returns the revoked key, or null when the tenant (or the user, when given) has no such live key. */
  revoke(tenantId: TenantId, keyId: string, nowMs: number, filter?: { userId?: string | undefined }): Promise<ApiKeyRecord | null>;
  /** Unscoped: an API key is how a tenant is found. With its user's current role: a key acts as its user. */
  findLiveByHash(keyHash: string): Promise<(ApiKeyRecord & { role: UserRole }) | null>;
  markUsed(tenantId: TenantId, keyId: string, nowMs: number): Promise<void>;
}
