// The live updates an open dashboard receives (server-sent events): the
// signed-in user's own new notices, and booking events of the bookings they
// reach, so the dashboard re-reads what changed. Bounded: a user has at most
// maxPerUser streams open on this node (tabs left open add up); one more is
// refused with TOO_MANY_STREAMS.
import type { BookingEventType } from "../../core/booking/events.js";
import { ConveneError } from "../../core/errors.js";
import type { AuthContext } from "../auth/authenticate.js";
import { reachOf } from "../auth/reach.js";
import { isBookingInReach } from "../bookings/booking-reach.js";
import type { LiveFeed, LiveSignal } from "../ports/in-app-notifications.js";

export type StreamEvent = { type: "notification"; data: { id: number } } | { type: "booking"; data: { bookingId: string; type: BookingEventType } };

export type NotificationStreams = {
  /** Opens a stream for the user; answers how to close it (idempotent). Throws TOO_MANY_STREAMS past the cap. */
  open(auth: Pick<AuthContext, "tenantId" | "userId" | "role">, send: (event: StreamEvent) => void): () => void;
  openCount(): number;
};

/** Five tabs of the dashboard per user per node is plenty; more is a leak or abuse. */
export const DEFAULT_MAX_STREAMS_PER_USER = 5;

export function notificationStreams(feed: LiveFeed, maxPerUser = DEFAULT_MAX_STREAMS_PER_USER): NotificationStreams {
  const openByUser = new Map<string, number>();
  let total = 0;
  return {
    open(auth, send) {
      const count = openByUser.get(auth.userId) ?? 0;
      if (count >= maxPerUser) throw new ConveneError("TOO_MANY_STREAMS", `At most ${maxPerUser} live update streams may be open at once; close another tab.`);
      openByUser.set(auth.userId, count + 1);
      total += 1;
      // The role as of opening: a stream outliving a role change is closed by the session's end, not re-checked per event.
      const reach = reachOf(auth, "bookings.read");
      const unsubscribe = feed.subscribe((signal) => {
        const event = eventFor(signal, auth, reach);
        if (event) send(event);
      });
      let isClosed = false;
      return () => {
        if (isClosed) return;
        isClosed = true;
        unsubscribe();
        total -= 1;
        const left = (openByUser.get(auth.userId) ?? 1) - 1;
        if (left > 0) openByUser.set(auth.userId, left);
        else openByUser.delete(auth.userId);
      };
    },
    openCount: () => total,
  };
}

function eventFor(signal: LiveSignal, auth: Pick<AuthContext, "tenantId" | "userId">, reach: ReturnType<typeof reachOf>): StreamEvent | null {
  if (signal.tenantId !== auth.tenantId) return null;
  if (signal.kind === "notification") return signal.userId === auth.userId ? { type: "notification", data: { id: signal.notificationId } } : null;
  return isBookingInReach(signal, reach) ? { type: "booking", data: { bookingId: signal.bookingId, type: signal.type } } : null;
}
