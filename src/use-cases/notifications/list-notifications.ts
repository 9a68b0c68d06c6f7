// A user's own notices (the bell): newest first with the unread count, and marking them read.
import { ConveneError } from "../../core/errors.js";
import type { InAppNotificationRecord } from "../ports/in-app-notifications.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export type NotificationPage = { unreadCount: number; items: InAppNotificationRecord[]; nextCursor: string | null };

export async function listNotifications(deps: UseCaseDeps, ctx: RequestContext, query: { limit: number; cursor?: string | undefined }): Promise<NotificationPage> {
  const { tenantId, userId } = ctx.auth;
  const cursor = query.cursor === undefined ? undefined : { createdAtMs: 0, id: decodeCursor(query.cursor) };
  const [items, unreadCount] = await Promise.all([deps.store.inAppNotifications.list(tenantId, userId, { limit: query.limit, cursor }), deps.store.inAppNotifications.countUnread(tenantId, userId)]);
  const last = items.at(-1);
  return { unreadCount, items, nextCursor: items.length === query.limit && last ? String(last.id) : null };
}

function decodeCursor(text: string): number {
  if (/^[1-9][0-9]{0,15}$/.test(text)) return Number(text);
  throw new ConveneError("VALIDATION_FAILED", "cursor: not a cursor from a previous page");
}

/** Marks the caller's notices read: the ids given (others' ids change nothing) or all. Answers the unread count after. */
export async function markNotificationsRead(deps: UseCaseDeps, ctx: RequestContext, which: { ids?: number[] | undefined; all?: true | undefined }): Promise<{ marked: number; unreadCount: number }> {
  if (!which.all && (!which.ids || which.ids.length === 0)) throw new ConveneError("VALIDATION_FAILED", "Give ids or all: true.");
  const { tenantId, userId } = ctx.auth;
  const marked = await deps.store.inAppNotifications.markRead(tenantId, userId, which.all ? "all" : which.ids!, ctx.nowMs);
  return { marked, unreadCount: await deps.store.inAppNotifications.countUnread(tenantId, userId) };
}
