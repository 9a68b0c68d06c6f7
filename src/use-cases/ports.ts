// The ports the use cases need, implemented by adapters (adapters/db for the
// store, adapters/crypto for passwords). Tenant-scoped functions take a TenantId;
// the few lookups that establish a tenant (sign-in, session, API key) say so in
// their names.
import type { LinkRules } from "../core/booking/link-rules.js";
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
  get(tenantId: TenantId, userId: string): Promise<UserRecord | null>;
  /** Unscoped: sign-in is how a tenant is found. */
  findByEmailForSignIn(email: string): Promise<UserRecord | null>;
  isEmailTaken(email: string): Promise<boolean>;
  isHandleTaken(handle: string): Promise<boolean>;
  list(tenantId: TenantId): Promise<UserRecord[]>;
}

export interface SessionRepository {
  create(
    tenantId: TenantId,
    session: { userId: string; tokenHash: string; csrfToken: string; ip: string | null; userAgent: string | null; expiresAtMs: number },
  ): Promise<SessionRecord>;
  /** Unscoped: a session cookie is how a tenant is found. */
  findLiveByTokenHash(tokenHash: string, nowMs: number): Promise<SessionRecord | null>;
  delete(tenantId: TenantId, sessionId: string): Promise<void>;
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

export interface Repositories {
  tenants: TenantRepository;
  links: LinkRepository;
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
};
