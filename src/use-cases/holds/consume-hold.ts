// A booking made with a hold token takes the hold's very range: inside the
// booking's transaction, under the hosts' locks, the hold is checked (live,
// same slot) and its rows are freed just before the booking's rows go in, so
// nobody can take the time in between.
import { assertHoldLive, assertSameSlot, type HeldSlot } from "../../core/booking/slot-hold.js";
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import { hashToken } from "../auth/secret-token.js";
import type { Repositories } from "../ports/store.js";

const notFound = () => new ConveneError("HOLD_NOT_FOUND", "No such hold token; pick a time again.");

/**
 * The hold a token names, read without locks (before the booking's
 * transaction): its id, to leave its own time out of the availability check,
 * and its hosts, to keep a round-robin booking with the held host.
 */
export async function heldSlotOf(repos: Repositories, tenantId: TenantId, holdToken: string, nowMs: number): Promise<{ id: string; hostUserIds: string[] }> {
  const hold = await repos.holds.findByTokenHash(tenantId, hashToken(holdToken));
  if (!hold) throw notFound();
  // A used or expired token is answered as such, before any availability check could answer SLOT_TAKEN.
  assertHoldLive(hold, nowMs);
  return { id: hold.id, hostUserIds: hold.hostUserIds };
}

/**
 * Call inside the booking's transaction after the hosts' locks are taken
 * (chooseHosts) and before inserting the booking's busy rows. Throws
 * HOLD_NOT_FOUND (unknown, used or released), HOLD_EXPIRED, HOLD_MISMATCH.
 * Answers the hold's id, for noteHoldBooking once the booking exists.
 */
export async function consumeHold(repos: Repositories, tenantId: TenantId, holdToken: string, slot: HeldSlot, nowMs: number): Promise<{ holdId: string }> {
  const hold = await repos.holds.findByTokenHashForUpdate(tenantId, hashToken(holdToken));
  if (!hold) throw notFound();
  assertHoldLive(hold, nowMs);
  assertSameSlot(hold, slot);
  await repos.holds.consume(tenantId, hold.id, nowMs);
  return { holdId: hold.id };
}

/** Records which booking consumed the hold (same transaction). */
export async function noteHoldBooking(repos: Repositories, tenantId: TenantId, holdId: string, bookingId: string): Promise<void> {
  await repos.holds.noteBooking(tenantId, holdId, bookingId);
}
