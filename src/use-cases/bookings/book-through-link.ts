// The owner (or their agent) books a prospect through one of their links: the
// very booking an invitee makes on the link's page (same rules, same
// transaction, SLOT_TAKEN with the nearest free times), reached by the link's
// id by a caller who may read the link rather than by its public address.
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";
import { bookMeeting, type Booked, type BookingRequest } from "./book-meeting.js";
import { linkAccessFor } from "./link-availability.js";

export async function bookThroughLink(deps: UseCaseDeps, ctx: RequestContext, linkId: string, request: BookingRequest): Promise<Booked> {
  const { link, owner } = await linkAccessFor(deps, ctx, linkId);
  return bookMeeting(deps, { handle: owner.handle, slug: link.slug }, request, { ip: ctx.ip, nowMs: ctx.nowMs });
}
