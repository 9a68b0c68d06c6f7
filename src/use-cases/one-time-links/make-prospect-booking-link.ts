// A prospect's booking link: a one-time link into one of the caller's booking
// links for someone who is not (yet) a lead, handed back with the caller's
// ready sentence — the counterpart of leads/make-lead-booking-link.ts.
import { firstNameOf, renderLinkSentence } from "../../core/leads/link-sentence.js";
import { oneTimeLinkUrls } from "../../core/public-urls.js";
import { MS_PER_DAY } from "../../core/time/calendar-date.js";
import type { OneTimeLinkRecord } from "../ports/links.js";
import type { UseCaseDeps } from "../ports/store.js";
import type { RequestContext } from "../request-context.js";
import { createOneTimeLink } from "./create-one-time-link.js";

export type ProspectBookingLinkInput = {
  recipient: { email: string; name: string; company?: string | undefined };
  topic?: string | undefined;
  durationMin?: number | undefined;
  expiresInDays?: number | undefined;
};

export async function makeProspectBookingLink(
  deps: UseCaseDeps & { publicUrl: string },
  ctx: RequestContext,
  linkId: string,
  input: ProspectBookingLinkInput,
): Promise<{ oneTimeLink: OneTimeLinkRecord; message: string }> {
  const { tenantId, userId } = ctx.auth;
  const oneTimeLink = await createOneTimeLink(deps, ctx, linkId, {
    recipient: input.recipient,
    topic: input.topic,
    durationMin: input.durationMin,
    expiresAtMs: input.expiresInDays === undefined ? undefined : ctx.nowMs + input.expiresInDays * MS_PER_DAY,
  });
  const [link, user] = await Promise.all([deps.store.links.get(tenantId, oneTimeLink.linkId), deps.store.users.get(tenantId, userId)]);
  const { name, company } = input.recipient;
  const message = renderLinkSentence(user?.leadLinkSentence ?? null, {
    name,
    firstName: firstNameOf(name),
    company: company ?? "",
    topic: input.topic ?? "",
    duration: String(oneTimeLink.durationMin ?? link?.defaultDurationMin ?? 30),
    link: oneTimeLinkUrls(deps.publicUrl, oneTimeLink.token).bookingUrl,
  });
  return { oneTimeLink, message };
}
