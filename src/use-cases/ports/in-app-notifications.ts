// In-app notices (the dashboard's bell), one user's at a time, and the live
// signals that tell open dashboards something changed.
import type { BookingEventType } from "../../core/booking/events.js";
import type { InAppKind } from "../../core/notifications/in-app.js";
import type { TenantId } from "../../core/tenancy.js";

export type InAppNotificationRecord = {
  id: number;
  userId: string;
  kind: InAppKind;
  title: string;
  body: string | null;
  bookingId: string | null;
  sourceId: string | null;
  createdAtMs: number;
  readAtMs: number | null;
};

export type NewInAppNotification = {
  userId: string;
  kind: InAppKind;
  title: string;
  body: string | null;
  bookingId?: string | null | undefined;
  sourceId?: string | null | undefined;
  /** Unique per user: writing the same notice twice keeps the first. */
  dedupeKey: string;
  createdAtMs: number;
};

export interface InAppNotificationRepository {
  /** Writes the notices not yet written (by user and dedupe key); answers the ones written now. */
  add(tenantId: TenantId, notices: NewInAppNotification[]): Promise<InAppNotificationRecord[]>;
  /** One user's notices, newest first; the page after cursor (createdAt, id). */
  list(tenantId: TenantId, userId: string, options: { limit: number; cursor?: { createdAtMs: number; id: number } | undefined }): Promise<InAppNotificationRecord[]>;
  countUnread(tenantId: TenantId, userId: string): Promise<number>;
  /** Marks the user's notices read (only theirs, only unread ones); ids absent: all of them. Answers how many changed. */
  markRead(tenantId: TenantId, userId: string, ids: number[] | "all", nowMs: number): Promise<number>;
}

/**
 * What an open dashboard hears: a notice written for a user, or a booking
 * event recorded. Carries ids only; the dashboard reads the rest through the
 * API with its own permissions.
 */
export type LiveSignal =
  | { kind: "notification"; tenantId: string; userId: string; notificationId: number }
  | { kind: "booking"; tenantId: string; bookingId: string; type: BookingEventType; hostUserIds: string[] };

/** Publishes a signal with the transaction it is called in: listeners hear it once the change commits, never for a rolled-back one. */
export interface LiveSignalRepository {
  publish(signal: LiveSignal): Promise<void>;
}

/** This node's subscription to every node's committed signals. */
export interface LiveFeed {
  subscribe(listener: (signal: LiveSignal) => void): () => void;
}
