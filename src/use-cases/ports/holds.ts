// Slot holds: minutes-long reservations whose busy rows sit under the same
// exclusion constraint as bookings (see adapters/db/schema-holds.ts).
import type { HoldCreator } from "../../core/booking/slot-hold.js";
import type { TenantId } from "../../core/tenancy.js";

export type SlotHoldRecord = {
  id: string;
  tenantId: string;
  linkId: string | null;
  oneTimeLinkId: string | null;
  startMs: number;
  endMs: number;
  durationMin: number;
  expiresAtMs: number;
  createdBy: { type: HoldCreator; id: string | null };
  consumedAtMs: number | null;
  consumedBookingId: string | null;
  releasedAtMs: number | null;
  createdAtMs: number;
  hostUserIds: string[];
};

export type NewSlotHold = Omit<SlotHoldRecord, "id" | "tenantId" | "consumedAtMs" | "consumedBookingId" | "releasedAtMs" | "hostUserIds"> & { tokenHash: string };

/** Each host's busy range for the hold, buffers included, as a booking's would be. */
export type HoldBusyRow = { hostUserId: string; busyStartMs: number; busyEndMs: number };

export interface HoldRepository {
  /** Inserts the hold and its busy rows; throws SLOT_TAKEN when a row overlaps an active booking or hold (the exclusion constraint). */
  create(tenantId: TenantId, hold: NewSlotHold, rows: HoldBusyRow[]): Promise<SlotHoldRecord>;
  /** The hold with this token's hash, locked until the transaction ends (FOR UPDATE), whatever its state. */
  findByTokenHashForUpdate(tenantId: TenantId, tokenHash: string): Promise<SlotHoldRecord | null>;
  findByTokenHash(tenantId: TenantId, tokenHash: string): Promise<SlotHoldRecord | null>;
  get(tenantId: TenantId, holdId: string): Promise<SlotHoldRecord | null>;
  /** Live holds (not consumed, released or expired at nowMs), newest first; hostUserId: only those holding this host's time. */
  listLive(tenantId: TenantId, nowMs: number, filter: { hostUserId?: string | undefined; limit: number }): Promise<SlotHoldRecord[]>;
  /** Marks a live hold released and frees its rows; false when it was not live. */
  release(tenantId: TenantId, holdId: string, nowMs: number): Promise<boolean>;
  /** Marks the hold consumed and frees its rows, so a booking can take the very range (call under the hosts' locks). */
  consume(tenantId: TenantId, holdId: string, nowMs: number): Promise<void>;
  /** Notes which booking consumed the hold. */
  noteBooking(tenantId: TenantId, holdId: string, bookingId: string): Promise<void>;
  /** Releases these hosts' holds that expired by nowMs (call under the hosts' locks, before inserting busy rows); answers how many. */
  releaseExpiredOf(tenantId: TenantId, hostUserIds: string[], nowMs: number): Promise<number>;
  /** Housekeeping across tenants: releases up to `limit` holds expired by nowMs; answers how many. */
  releaseExpired(nowMs: number, limit: number): Promise<number>;
}
