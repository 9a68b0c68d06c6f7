// Changing who is in an organisation: a member's role, and erasing a removed
// member so that no row refers to them any more.
import type { UserRole } from "../../core/account/limits.js";
import type { TenantId } from "../../core/tenancy.js";

export interface MemberRepository {
  /** Holds the owners' rows until the transaction ends (a demotion or removal counts them first). */
  countOwners(tenantId: TenantId): Promise<number>;
  /** Null when the tenant has no such user. */
  setRole(tenantId: TenantId, userId: string, role: UserRole): Promise<{ id: string; role: UserRole } | null>;
  /** Bookings the user hosts that are active and start after nowMs, soonest first. */
  futureBookingIdsHostedBy(tenantId: TenantId, userId: string, nowMs: number): Promise<string[]>;
  /**
   * Removes the user and every row that refers to them, in the caller's transaction:
   * takes them out of other links' hosts; their own links are soft-deleted and
   * handed to heirUserId (bookings made through them stay); booking_hosts rows
   * they held (past meetings, cancelled ones) move to heirUserId, with a history
   * entry; their calendar writes and busy time go; sessions, API keys, calendar
   * connections, account tokens and consent states go with the user row.
   * Answers the bookings whose host rows moved.
   */
  erase(tenantId: TenantId, userId: string, heirUserId: string, nowMs: number): Promise<{ movedBookingIds: string[] }>;
}
