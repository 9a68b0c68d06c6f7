// The invited person's side: what the accept page shows, and accepting, which
// creates their account in the inviting organisation with the invited role and
// their own password, and signs them in. The token is how the organisation is
// found (hence this file lives beside the other token openers in auth/).
import { invitationStatus } from "../../core/account/invitation.js";
import { ConveneError } from "../../core/errors.js";
import { acceptTimeZone } from "../../core/time/zone.js";
import type { InvitationRecord } from "../ports/invitations.js";
import type { Repositories, UseCaseDeps } from "../ports/store.js";
import { recordAudit } from "../request-context.js";
import { createWithFreeHandle } from "./create-account.js";
import { hashToken } from "./secret-token.js";
import { startSession, type SignInContext } from "./start-session.js";
import { mintTenantId } from "./tenant-scope.js";

export type InvitationView = { organisation: string; inviterName: string | null; email: string; name: string; role: InvitationRecord["role"]; timeZone: string; expiresAt: Date };

export type Acceptance = { token: string; name?: string | undefined; password: string; timeZone?: string | undefined };

const REFUSALS = {
  expired: ["INVITATION_EXPIRED", "This invitation has expired; ask the person who invited you to send a new one."],
  revoked: ["INVITATION_REVOKED", "This invitation was withdrawn by the organisation."],
  accepted: ["INVITATION_USED", "This invitation was already accepted; sign in instead."],
} as const;

/** The invitation a token opens, if it still can be accepted; otherwise the reason as a clear code. */
async function openInvitation(repos: Pick<Repositories, "invitations">, token: string, nowMs: number, forUpdate: boolean): Promise<InvitationRecord> {
  const invitation = await repos.invitations.findByTokenHash(hashToken(token), { forUpdate });
  // A token replaced by a resend finds nothing, like one never issued.
  if (!invitation) throw new ConveneError("INVITATION_NOT_FOUND", "This invitation link is not valid; a newer one may have been sent.");
  const status = invitationStatus(invitation, nowMs);
  if (status !== "pending") {
    const [code, detail] = REFUSALS[status];
    throw new ConveneError(code, detail);
  }
  return invitation;
}

export async function describeInvitation(deps: UseCaseDeps, token: string, nowMs: number): Promise<InvitationView> {
  const invitation = await openInvitation(deps.store, token, nowMs, false);
  const tenantId = mintTenantId(invitation.tenantId);
  const [tenant, inviter] = await Promise.all([
    deps.store.tenants.get(tenantId),
    invitation.invitedByUserId ? deps.store.users.get(tenantId, invitation.invitedByUserId) : Promise.resolve(null),
  ]);
  const { email, name, role, timeZone, expiresAt } = invitation;
  return { organisation: tenant?.name ?? "", inviterName: inviter?.name ?? null, email, name, role, timeZone, expiresAt };
}

export async function acceptInvitation(deps: UseCaseDeps, acceptance: Acceptance, ctx: SignInContext) {
  // Today's zone names only (Asia/Kolkata, not Asia/Calcutta), from the invitee or from the invitation.
  const timeZone = acceptance.timeZone ? acceptTimeZone(acceptance.timeZone) : null;
  const passwordHash = await deps.passwords.hash(acceptance.password);
  return deps.store.transaction(async (repos) => {
    // Held until commit: of two accepts of one link, the second waits and then finds it used.
    const invitation = await openInvitation(repos, acceptance.token, ctx.nowMs, true);
    const tenantId = mintTenantId(invitation.tenantId);
    if (await repos.users.isEmailTaken(invitation.email)) {
      throw new ConveneError("EMAIL_TAKEN", `An account with ${invitation.email} already exists; sign in with it, or ask to be invited at another address.`);
    }
    const user = await createWithFreeHandle(repos, tenantId, {
      email: invitation.email,
      name: acceptance.name?.trim() || invitation.name,
      timeZone: timeZone ?? acceptTimeZone(invitation.timeZone),
      role: invitation.role,
      passwordHash,
    });
    await repos.invitations.markAccepted(tenantId, invitation.id, user.id, ctx.nowMs);
    const session = await startSession(repos, tenantId, user, ctx);
    await recordAudit(repos, { ...ctx, auth: { tenantId, actor: { type: "user", id: user.id } } }, "invitation.accepted", { type: "invitation", id: invitation.id }, { userId: user.id, role: user.role });
    return { user, ...session };
  });
}
