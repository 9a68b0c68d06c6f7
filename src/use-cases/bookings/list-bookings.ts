// The organisation's bookings, filtered and searched, one page at a time. The
// cursor is opaque to clients: the sort instant and id of the page's last booking.
import { ownUserIdOf, reachOf } from "../auth/reach.js";
import type { BookingListFilter, BookingRecord } from "../ports/bookings.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";

export type BookingCursor = NonNullable<BookingListFilter["cursor"]>;

export type BookingPage = { bookings: BookingRecord[]; nextCursor: string | null };

export function encodeBookingCursor(cursor: BookingCursor): string {
  return Buffer.from(JSON.stringify([cursor.sortMs, cursor.id])).toString("base64url");
}

/** The cursor a previous page handed out, or null when the text is not one. */
export function decodeBookingCursor(text: string): BookingCursor | null {
  try {
    const [sortMs, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof sortMs === "number" && typeof id === "string") return { sortMs, id };
  } catch {
    // not JSON: not ours
  }
  return null;
}

export async function listBookings(deps: UseCaseDeps, ctx: RequestContext, filter: Omit<BookingListFilter, "hostUserId">): Promise<BookingPage> {
  // A member sees the bookings they host, never the organisation's (issue 14's bug).
  const bookings = await deps.store.bookings.list(ctx.auth.tenantId, { ...filter, hostUserId: ownUserIdOf(reachOf(ctx.auth, "bookings.read")) });
  const last = bookings.at(-1);
  // A full page may have more behind it; a short one is the last.
  const nextCursor =
    bookings.length === filter.limit && last
      ? encodeBookingCursor({ sortMs: (filter.order === "created_desc" ? last.createdAt : last.startAt).getTime(), id: last.id })
      : null;
  return { bookings, nextCursor };
}
