// Who a booking went to and why, as the engine said when it chose (booking
// history's newValues.hostChoice, written by booking and rescheduling).
import type { TenantId } from "../../core/tenancy.js";

export type HostAssignment = { hostUserIds: string[]; why: string };

export interface HostAssignmentRepository {
  /** Per booking, the latest recorded choice; bookings without one (ingested from elsewhere) are absent. */
  latestOf(tenantId: TenantId, bookingIds: readonly string[]): Promise<Map<string, HostAssignment>>;
}
