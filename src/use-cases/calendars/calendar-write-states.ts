// Where each host's copy of a booking stands in their calendar, for the
// booking's API view and the dashboard: the latest calendar delivery for the
// host (pending, retrying, failed) and what was last written.
import type { TenantId } from "../../core/tenancy.js";
import { CALENDAR_CHANNEL, hostOfDedupeKey } from "../deliveries/calendar-channel.js";
import type { DeliveryRecord } from "../ports/deliveries.js";
import type { Repositories } from "../ports/store.js";

/** pending: being written (attempts > 0: retrying after lastError); written; removed; failed: gave up; skipped: nothing to write (no destination calendar). */
export const CALENDAR_WRITE_VIEW_STATES = ["pending", "written", "removed", "failed", "skipped"] as const;
export type CalendarWriteViewState = (typeof CALENDAR_WRITE_VIEW_STATES)[number];

export type CalendarWriteState = {
  hostUserId: string;
  state: CalendarWriteViewState;
  calendarId: string | null;
  calendarName: string | null;
  attempts: number;
  lastError: string | null;
  updatedAtMs: number;
};

export async function calendarWriteStates(repos: Repositories, tenantId: TenantId, bookingId: string, deliveries: DeliveryRecord[]): Promise<CalendarWriteState[]> {
  const latest = new Map<string, DeliveryRecord>();
  for (const delivery of deliveries) {
    if (delivery.channel !== CALENDAR_CHANNEL) continue;
    const host = hostOfDedupeKey(delivery.dedupeKey);
    const seen = latest.get(host);
    if (!seen || delivery.createdAtMs >= seen.createdAtMs) latest.set(host, delivery);
  }
  const writes = new Map((await repos.calendars.listWrites(tenantId, bookingId)).map((write) => [write.userId, write]));
  const hosts = [...new Set([...latest.keys(), ...writes.keys()])].sort();
  return Promise.all(
    hosts.map(async (hostUserId) => {
      const delivery = latest.get(hostUserId);
      const write = writes.get(hostUserId);
      const calendarId = write?.calendarId ?? null;
      const calendar = calendarId ? await repos.calendars.calendarOf(tenantId, calendarId) : null;
      const state: CalendarWriteViewState =
        delivery?.state === "pending" ? "pending" : delivery?.state === "failed" ? "failed" : write ? (write.state === "written" ? "written" : "removed") : "skipped";
      return {
        hostUserId,
        state,
        calendarId,
        calendarName: calendar?.calendar.name ?? null,
        attempts: delivery?.attempts ?? 0,
        lastError: delivery?.state === "sent" ? null : (delivery?.lastError ?? null),
        updatedAtMs: Math.max(write?.updatedAtMs ?? 0, delivery?.sentAtMs ?? delivery?.createdAtMs ?? 0),
      };
    }),
  );
}
