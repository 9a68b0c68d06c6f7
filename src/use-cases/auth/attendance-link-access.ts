// The attendance email's links as a capability: a valid, unexpired token
// vouches for one booking of one tenant, and for the host it was mailed to
// (who must still host it). The public counterpart of authenticate.ts for
// these links.
import { readAttendanceToken, type AttendanceClaim } from "../../core/notifications/attendance-link.js";
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { UseCaseDeps } from "../ports/store.js";
import { mintTenantId } from "./tenant-scope.js";

export type AttendanceLinkAccess = { tenantId: TenantId; booking: BookingRecord; claim: AttendanceClaim };

export async function openAttendanceLink(deps: Pick<UseCaseDeps, "store">, key: Uint8Array, token: string, nowMs: number): Promise<AttendanceLinkAccess> {
  const claim = readAttendanceToken(key, token, nowMs);
  const tenantId = mintTenantId(claim.tenantId);
  const booking = await deps.store.bookings.get(tenantId, claim.bookingId);
  // A deleted booking or a host taken off it: the link no longer speaks for anyone.
  if (!booking || !booking.hostUserIds.includes(claim.hostUserId)) throw new ConveneError("ATTENDANCE_LINK_INVALID", "This attendance link is for a meeting that no longer exists or that you no longer host.");
  return { tenantId, booking, claim };
}
