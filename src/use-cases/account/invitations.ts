// An owner invites people into the organisation by email, resends (a new link;
// the old one stops working) and revokes invitations. The person sets their own
// password when accepting (auth/accept-invitation.ts); the owner never does.
import { formatInstant } from "../../core/notifications/meeting-time.js";
import { INVITATION_TTL_MS } from "../../core/account/account-tokens.js";
import { isRoleMailbox } from "../../core/account/member-address.js";
import { ConveneError } from "../../core/errors.js";
import { acceptTimeZone } from "../../core/time/zone.js";
import { hashToken, newSecretToken } from "../auth/secret-token.js";
import type { InvitationFields, InvitationRecord } from "../ports/invitations.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";
import { sendAccountMail, type AccountMailDeps } from "./account-mail.js";

type InviteDeps = UseCaseDeps & AccountMailDeps;

const notAddable = () => new ConveneError("EMAIL_NOT_ADDABLE", "This address cannot be invited; ask the person for another address.");

/** A fresh token for the invitation: the mail carries it, the row keeps only its hash. */
function freshToken(nowMs: number) {
  const token = newSecretToken();
  return { token, stored: { tokenHash: hashToken(token), expiresAtMs: nowMs + INVITATION_TTL_MS } };
}

export async function inviteMember(deps: InviteDeps, ctx: RequestContext, fields: InvitationFields): Promise<InvitationRecord> {
  const { tenantId, userId } = ctx.auth;
  fields = { ...fields, timeZone: acceptTimeZone(fields.timeZone) };
  const { token, stored } = freshToken(ctx.nowMs);
  const invitation = await deps.store.transaction(async (repos) => {
    // One lookup on every path, so that a refusal takes as long whatever its reason (see add-member.ts).
    const existing = await repos.users.findByEmailForSignIn(fields.email);
    if (existing?.tenantId === tenantId) throw new ConveneError("EMAIL_TAKEN", `${fields.email} is already a member of your organisation.`);
    if (existing || isRoleMailbox(fields.email)) throw notAddable();
    // Inviting an address again renews its open invitation (new link, new week, the new name and role).
    const open = await repos.invitations.findOpenByEmail(tenantId, fields.email);
    const saved = open
      ? await repos.invitations.renew(tenantId, open.id, { ...stored, nowMs: ctx.nowMs, invitedByUserId: userId }, fields)
      : await repos.invitations.create(tenantId, { ...fields, ...stored, invitedByUserId: userId, nowMs: ctx.nowMs });
    await recordAudit(repos, ctx, open ? "invitation.resent" : "invitation.created", { type: "invitation", id: saved!.id }, { email: saved!.email, role: saved!.role });
    return saved!;
  });
  await mailInvitation(deps, ctx, invitation, token);
  return invitation;
}

export function listInvitations(deps: UseCaseDeps, ctx: RequestContext): Promise<InvitationRecord[]> {
  return deps.store.invitations.listOpen(ctx.auth.tenantId);
}

export async function resendInvitation(deps: InviteDeps, ctx: RequestContext, invitationId: string): Promise<InvitationRecord> {
  const { token, stored } = freshToken(ctx.nowMs);
  const invitation = await deps.store.transaction(async (repos) => {
    const renewed = await repos.invitations.renew(ctx.auth.tenantId, invitationId, { ...stored, nowMs: ctx.nowMs, invitedByUserId: ctx.auth.userId });
    if (!renewed) throw new ConveneError("NOT_FOUND", "No open invitation with this id.");
    await recordAudit(repos, ctx, "invitation.resent", { type: "invitation", id: renewed.id }, { email: renewed.email });
    return renewed;
  });
  await mailInvitation(deps, ctx, invitation, token);
  return invitation;
}

export async function revokeInvitation(deps: UseCaseDeps, ctx: RequestContext, invitationId: string): Promise<void> {
  await deps.store.transaction(async (repos) => {
    const revoked = await repos.invitations.revoke(ctx.auth.tenantId, invitationId, ctx.nowMs);
    if (!revoked) throw new ConveneError("NOT_FOUND", "No open invitation with this id.");
    await recordAudit(repos, ctx, "invitation.revoked", { type: "invitation", id: revoked.id }, { email: revoked.email });
  });
}

async function inviterAndOrganisation(repos: Pick<Repositories, "users" | "tenants">, ctx: RequestContext) {
  const [inviter, tenant] = await Promise.all([repos.users.get(ctx.auth.tenantId, ctx.auth.userId), repos.tenants.get(ctx.auth.tenantId)]);
  return { inviterName: inviter?.name ?? "An owner", organisation: tenant?.name ?? "their organisation" };
}

/**
 * Sent after the invitation is saved: a mail server that refuses leaves an open
 * invitation the owner can resend, and the owner is told (MAIL_UNAVAILABLE).
 */
async function mailInvitation(deps: InviteDeps, ctx: RequestContext, invitation: InvitationRecord, token: string) {
  const { inviterName, organisation } = await inviterAndOrganisation(deps.store, ctx);
  const url = `${deps.publicUrl}/accept-invite?token=${encodeURIComponent(token)}`;
  try {
    await sendAccountMail(deps, {
      tenantId: ctx.auth.tenantId,
      to: { name: invitation.name, email: invitation.email },
      subject: `${inviterName} invited you to ${organisation} on Convene`,
      paragraphs: [`${inviterName} invited you to join ${organisation} on Convene as ${invitation.role === "admin" ? "an admin" : "a member"}, to host meetings with the team.`],
      actions: [{ label: "Accept the invitation", url }],
      afterActions: [`You choose your own password when you accept. The link works for 7 days, until ${formatInstant(invitation.expiresAt.getTime(), invitation.timeZone)}.`],
      // Every resend is a new message: it carries a new link.
      idempotencyKey: `invitation:${invitation.id}:${invitation.lastSentAt.getTime()}`,
    });
  } catch (error) {
    throw new ConveneError("MAIL_UNAVAILABLE", "The invitation is saved but the mail server did not take the message; resend it shortly.", { cause: error });
  }
}
