// System work that starts from a stored row (a queued notification) rather
// than a request: the row names its tenant, and the job queue is trusted.
import type { TenantId } from "../../core/tenancy.js";
import type { NotificationRecord, Repositories } from "../ports.js";
import { mintTenantId } from "./tenant-scope.js";

export async function openQueuedNotification(repos: Repositories, notificationId: string): Promise<{ tenantId: TenantId; notification: NotificationRecord } | null> {
  const notification = await repos.notifications.getForDelivery(notificationId);
  return notification ? { tenantId: mintTenantId(notification.tenantId), notification } : null;
}
