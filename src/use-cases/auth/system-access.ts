// System work that starts from a stored row (a queued delivery, an event to fan out) rather
// than a request: the row names its tenant, and the job queue is trusted.
import type { TenantId } from "../../core/tenancy.js";
import type { DeliveryRecord } from "../ports/deliveries.js";
import type { BookingEventRecord } from "../ports/events.js";
import type { OrgEventRecord } from "../ports/org-events.js";
import type { Repositories } from "../ports/store.js";
import { mintTenantId } from "./tenant-scope.js";

export async function openQueuedDelivery(repos: Repositories, deliveryId: string): Promise<{ tenantId: TenantId; delivery: DeliveryRecord } | null> {
  const delivery = await repos.deliveries.getForDelivery(deliveryId);
  return delivery ? { tenantId: mintTenantId(delivery.tenantId), delivery } : null;
}

/** The relay's next events to fan out (see BookingEventRepository.claimUnfanned), each with its tenant. */
export async function claimUnfannedEvents(repos: Repositories, limit: number): Promise<{ tenantId: TenantId; event: BookingEventRecord }[]> {
  const events = await repos.bookingEvents.claimUnfanned(limit);
  return events.map((event) => ({ tenantId: mintTenantId(event.tenantId), event }));
}

/** The relay's next organisation events to fan out (see OrgEventRepository.claimUnfanned), each with its tenant. */
export async function claimUnfannedOrgEvents(repos: Repositories, limit: number): Promise<{ tenantId: TenantId; event: OrgEventRecord }[]> {
  if (limit === 0) return [];
  const events = await repos.orgEvents.claimUnfanned(limit);
  return events.map((event) => ({ tenantId: mintTenantId(event.tenantId), event }));
}

/** Calendar connections due for a background sync (see CalendarRepository.claimDue), each with its tenant. */
export async function claimDueCalendarConnections(repos: Repositories, nowMs: number, leaseMs: number, limit: number): Promise<{ tenantId: TenantId; connectionId: string }[]> {
  const due = await repos.calendars.claimDue(nowMs, leaseMs, limit);
  return due.map((row) => ({ tenantId: mintTenantId(row.tenantId), connectionId: row.connectionId }));
}
