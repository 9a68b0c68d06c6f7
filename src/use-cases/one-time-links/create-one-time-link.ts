// Creates a one-time link: a personal, single-use way into one of the tenant's
// booking links for one recipient, with an unguessable token in its URL.
import { planOneTimeLink } from "../../core/booking/one-time-link.js";
import { reachableLink } from "../links/get-link.js";
import { newSecretToken } from "../auth/secret-token.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export type OneTimeLinkInput = {
  recipient: { email: string; name: string; company?: string | undefined };
  topic?: string | undefined;
  leadRef?: string | undefined;
  /** The lead it is made for (use-cases/leads/make-lead-booking-link.ts). */
  leadId?: string | undefined;
  durationMin?: number | undefined;
  slotStartsMs?: number[] | undefined;
  expiresAtMs?: number | undefined;
};

export async function createOneTimeLink(deps: UseCaseDeps, ctx: RequestContext, linkId: string, input: OneTimeLinkInput) {
  const { auth, nowMs } = ctx;
  return deps.store.transaction(async (repos) => {
    const link = await reachableLink(repos, ctx, linkId, "write");
    const plan = planOneTimeLink(
      { durationMin: input.durationMin ?? null, slotStartsMs: input.slotStartsMs ?? null, expiresAtMs: input.expiresAtMs ?? null },
      link,
      nowMs,
    );
    const oneTimeLink = await repos.oneTimeLinks.create(auth.tenantId, {
      linkId: link.id,
      token: newSecretToken(),
      recipientEmail: input.recipient.email,
      recipientName: input.recipient.name,
      recipientCompany: input.recipient.company ?? null,
      topic: input.topic ?? null,
      leadRef: input.leadRef ?? null,
      leadId: input.leadId ?? null,
      ...plan,
    }, nowMs);
    // Never the token: the audit log is read by more people than the link is meant for.
    await recordAudit(repos, ctx, "one_time_link.created", { type: "one_time_link", id: oneTimeLink.id }, {
      linkId: link.id,
      recipientEmail: oneTimeLink.recipientEmail,
      leadRef: oneTimeLink.leadRef,
      ...(oneTimeLink.leadId ? { leadId: oneTimeLink.leadId } : {}),
      durationMin: oneTimeLink.durationMin,
      slotCount: oneTimeLink.slotStartsMs?.length ?? null,
      expiresAt: oneTimeLink.expiresAt.toISOString(),
    });
    return oneTimeLink;
  });
}
