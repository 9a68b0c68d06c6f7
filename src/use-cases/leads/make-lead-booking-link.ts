// A lead's booking link: a one-time link into one of the caller's booking
// links, prefilled from the lead and carrying it (so the booking is matched to
// this lead first), handed back with a ready sentence in the caller's words.
import { MS_PER_DAY } from "../../core/time/calendar-date.js";
import { firstNameOf, renderLinkSentence } from "../../core/leads/link-sentence.js";
import { oneTimeLinkUrls } from "../../core/public-urls.js";
import { ConveneError, isConveneError } from "../../core/errors.js";
import { reachableLink } from "../links/get-link.js";
import { createOneTimeLink } from "../one-time-links/create-one-time-link.js";
import type { OneTimeLinkRecord } from "../ports/links.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";
import { reachableLead } from "./lead-reach.js";

export type LeadBookingLinkInput = { linkId: string; topic?: string | undefined; expiresInDays?: number | undefined };

/** A lead known only by address is greeted by the part before the @. */
function recipientNameOf(lead: { name: string | null; email: string }): string {
  return lead.name ?? lead.email.split("@")[0]!;
}

export async function makeLeadBookingLink(
  deps: UseCaseDeps & { publicUrl: string },
  ctx: RequestContext,
  leadId: string,
  input: LeadBookingLinkInput,
): Promise<{ oneTimeLink: OneTimeLinkRecord; message: string }> {
  const { tenantId, userId } = ctx.auth;
  const lead = await reachableLead(deps.store, ctx, leadId, "write");
  // The URL names the lead (404 when unknown); a link the body names that the caller cannot use is a bad request.
  await reachableLink(deps.store, ctx, input.linkId, "write").catch((error: unknown) => {
    if (isConveneError(error) && error.code === "NOT_FOUND") {
      throw new ConveneError("VALIDATION_FAILED", "linkId: no booking link of yours has this id.", { details: { errors: [{ path: "body.linkId", message: "no booking link of yours has this id" }] } });
    }
    throw error;
  });
  const name = recipientNameOf(lead);
  const oneTimeLink = await createOneTimeLink(deps, ctx, input.linkId, {
    recipient: { email: lead.email, name, company: lead.company ?? undefined },
    topic: input.topic,
    leadId: lead.id,
    expiresAtMs: input.expiresInDays === undefined ? undefined : ctx.nowMs + input.expiresInDays * MS_PER_DAY,
  });
  const [link, user] = await Promise.all([deps.store.links.get(tenantId, oneTimeLink.linkId), deps.store.users.get(tenantId, userId)]);
  const durationMin = oneTimeLink.durationMin ?? link?.defaultDurationMin ?? 30;
  const message = renderLinkSentence(user?.leadLinkSentence ?? null, {
    name,
    firstName: firstNameOf(name),
    company: lead.company ?? "",
    topic: input.topic ?? "",
    duration: String(durationMin),
    link: oneTimeLinkUrls(deps.publicUrl, oneTimeLink.token).bookingUrl,
  });
  return { oneTimeLink, message };
}
