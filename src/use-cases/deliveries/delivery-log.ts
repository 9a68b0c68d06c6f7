// The delivery log: what each booking event became on every channel, for one
// booking or the whole organisation (newest first, paged by an opaque cursor).
import type { DeliveryState } from "../../core/booking/events.js";
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import { ownUserIdOf, reachOf } from "../auth/reach.js";
import type { DeliveryRecord } from "../ports/deliveries.js";
import type { BookingEventRecord } from "../ports/events.js";
import type { Store, UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export async function bookingDeliveryLog(store: Store, tenantId: TenantId, bookingId: string): Promise<{ events: BookingEventRecord[]; deliveries: DeliveryRecord[] }> {
  const [events, deliveries] = await Promise.all([store.bookingEvents.listForBooking(tenantId, bookingId), store.deliveries.listForBooking(tenantId, bookingId)]);
  return { events, deliveries };
}

export type DeliveryLogQuery = { state?: DeliveryState | undefined; channel?: string | undefined; limit: number; cursor?: string | undefined };

export async function listDeliveries(deps: UseCaseDeps, ctx: RequestContext, query: DeliveryLogQuery): Promise<{ items: DeliveryRecord[]; nextCursor: string | null }> {
  const items = await deps.store.deliveries.list(ctx.auth.tenantId, {
    state: query.state,
    channel: query.channel,
    limit: query.limit,
    cursor: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    hostUserId: ownUserIdOf(reachOf(ctx.auth, "deliveries.read")),
  });
  const last = items.at(-1);
  return { items, nextCursor: items.length === query.limit && last ? Buffer.from(JSON.stringify([last.createdAtMs, last.id])).toString("base64url") : null };
}

function decodeCursor(text: string): { createdAtMs: number; id: string } {
  try {
    const [createdAtMs, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown[];
    if (typeof createdAtMs === "number" && Number.isFinite(createdAtMs) && typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id)) return { createdAtMs, id };
  } catch {
    // answered below
  }
  throw new ConveneError("VALIDATION_FAILED", "cursor: not a cursor from a previous page");
}
