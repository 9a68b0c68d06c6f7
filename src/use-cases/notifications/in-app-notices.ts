// The one way an in-app notice is written: the rows (once per user and dedupe
// key) and a live signal for each, in the caller's transaction, so open
// dashboards hear of it when it commits. Booking notices come through the
// in_app channel (deliveries/in-app-channel.ts); others (an unmatched
// booking, a source in trouble) call notifyUsers.
import type { InAppKind } from "../../core/notifications/in-app.js";
import type { TenantId } from "../../core/tenancy.js";
import type { InAppNotificationRecord } from "../ports/in-app-notifications.js";
import type { Repositories } from "../ports/store.js";

export type InAppNotice = {
  kind: InAppKind;
  title: string;
  body: string | null;
  bookingId?: string | null | undefined;
  sourceId?: string | null | undefined;
  /** Unique per user: the same cause notified twice is one notice. */
  dedupeKey: string;
  /** When it happened (the caller's nowMs). */
  atMs: number;
};

/** Notifies each user once (duplicates in userIds and repeated calls are harmless); answers the notices written now. */
export async function notifyUsers(repos: Repositories, tenantId: TenantId, userIds: readonly string[], notice: InAppNotice): Promise<InAppNotificationRecord[]> {
  const { atMs, ...fields } = notice;
  const written = await repos.inAppNotifications.add(
    tenantId,
    [...new Set(userIds)].map((userId) => ({ ...fields, userId, createdAtMs: atMs })),
  );
  for (const record of written) await repos.liveSignals.publish({ kind: "notification", tenantId, userId: record.userId, notificationId: record.id });
  return written;
}
