// Adds a member to the caller's organisation (owners only), so team links can have several hosts.
// Whether an address has an account in another organisation is never told: that
// answer is the one any unaddable address gets (see core/account/member-address.ts).
import { isRoleMailbox } from "../../core/account/member-address.js";
import { ConveneError, isConveneError } from "../../core/errors.js";
import { acceptTimeZone } from "../../core/time/zone.js";
import { createWithFreeHandle } from "../auth/create-account.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export type NewMember = { email: string; name: string; timeZone: string; password?: string | undefined };

const notAddable = (cause?: unknown) =>
  new ConveneError("EMAIL_NOT_ADDABLE", "This address cannot be added as a member; ask the person for another address.", cause === undefined ? undefined : { cause });

export async function addMember(deps: UseCaseDeps, ctx: RequestContext, member: NewMember) {
  const { auth } = ctx;
  const timeZone = acceptTimeZone(member.timeZone);
  const passwordHash = member.password ? await deps.passwords.hash(member.password) : null;
  return deps.store.transaction(async (repos) => {
    const caller = await repos.users.get(auth.tenantId, auth.userId);
    if (caller?.role !== "owner") throw new ConveneError("FORBIDDEN", "Only an owner can add members.");
    // One lookup on every path, so a refusal takes as long whatever its reason.
    const existing = await repos.users.findByEmailForSignIn(member.email);
    if (existing?.tenantId === auth.tenantId) throw new ConveneError("EMAIL_TAKEN", `${member.email} is already a member of your organisation.`);
    if (existing || isRoleMailbox(member.email)) throw notAddable();
    const user = await createWithFreeHandle(repos, auth.tenantId, { email: member.email, name: member.name, timeZone, role: "member", passwordHash }).catch(
      (error: unknown) => {
        // Taken meanwhile by a concurrent sign-up or add: answer as for any address taken elsewhere.
        throw isConveneError(error) && error.code === "EMAIL_TAKEN" ? notAddable(error) : error;
      },
    );
    await recordAudit(repos, ctx, "member.added", { type: "user", id: user.id }, { email: user.email, name: user.name, timeZone: user.timeZone, canSignIn: passwordHash !== null });
    return user;
  });
}
