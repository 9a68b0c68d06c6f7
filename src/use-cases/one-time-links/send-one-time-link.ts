// Emails a one-time link to its recipient from Convene (SMTP or the dev outbox),
// with the owner's own words if given, and counts it on the link. Only a link
// that still works is sent; the mail goes out before the count is written, so
// a failed send changes nothing and can be tried again.
import { assertOneTimeLinkSendable } from "../../core/booking/one-time-link.js";
import { ConveneError } from "../../core/errors.js";
import { formatInstant, formatInstantShort } from "../../core/notifications/meeting-time.js";
import { oneTimeLinkUrls } from "../../core/public-urls.js";
import { sendAccountMail, type AccountMailDeps } from "../account/account-mail.js";
import { reachOf } from "../auth/reach.js";
import { isLinkInReach } from "../links/get-link.js";
import type { OneTimeLinkRecord } from "../ports/links.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

/** Offered times listed in the mail; more are on the booking page. */
const MAX_LISTED_TIMES = 10;

export async function sendOneTimeLink(deps: UseCaseDeps & AccountMailDeps, ctx: RequestContext, token: string, message: string | null): Promise<OneTimeLinkRecord> {
  const { tenantId, userId } = ctx.auth;
  const oneTimeLink = await deps.store.oneTimeLinks.findByToken(tenantId, token);
  if (!oneTimeLink) throw new ConveneError("NOT_FOUND", "No such one-time link.");
  assertOneTimeLinkSendable(oneTimeLink, ctx.nowMs);
  const [link, sender] = await Promise.all([deps.store.links.get(tenantId, oneTimeLink.linkId), deps.store.users.get(tenantId, userId)]);
  // Only through a link the caller may change: another member's one-time link is as unknown as another organisation's.
  if (!link || !sender || !isLinkInReach(link, reachOf(ctx.auth, "links.write"), "write")) throw new ConveneError("NOT_FOUND", "No such one-time link.");
  const times = oneTimeLink.slotStartsMs ?? [];
  await sendAccountMail(deps, {
    tenantId,
    to: { name: oneTimeLink.recipientName, email: oneTimeLink.recipientEmail },
    subject: `${sender.name} invites you to book “${link.title}”`,
    paragraphs: [`${sender.name} would like to meet you: pick a time that suits you for “${link.title}” on your personal booking page.`, ...(message ? [message] : [])],
    rows: [
      ...(oneTimeLink.topic ? [{ label: "Topic", value: oneTimeLink.topic }] : []),
      ...(oneTimeLink.durationMin ? [{ label: "Length", value: `${oneTimeLink.durationMin} minutes` }] : []),
      ...(times.length > 0
        ? [{ label: "Times offered", value: times.slice(0, MAX_LISTED_TIMES).map((startMs) => formatInstantShort(startMs, link.timeZone)).join("; ") + (times.length > MAX_LISTED_TIMES ? "; …" : "") }]
        : []),
    ],
    actions: [{ label: "Pick a time", url: oneTimeLinkUrls(deps.publicUrl, oneTimeLink.token).bookingUrl }],
    afterActions: [`The link is yours alone and works for one booking until ${formatInstant(oneTimeLink.expiresAt.getTime(), link.timeZone)}.`],
    idempotencyKey: `one-time-link:${oneTimeLink.id}:${oneTimeLink.emailCount + 1}`,
  });
  const sent = await deps.store.transaction(async (repos) => {
    const counted = await repos.oneTimeLinks.recordEmailed(tenantId, oneTimeLink.id, ctx.nowMs);
    if (!counted) throw new ConveneError("NOT_FOUND", "No such one-time link.");
    // Never the token: the audit log is read by more people than the link is meant for.
    await recordAudit(repos, ctx, "one_time_link.emailed", { type: "one_time_link", id: counted.id }, { linkId: counted.linkId, recipientEmail: counted.recipientEmail, emailCount: counted.emailCount });
    return counted;
  });
  return sent;
}
