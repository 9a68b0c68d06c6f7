// An owner changes a member's role (owner, admin, member); an organisation always keeps an owner.
import type { UserRole } from "../../core/account/limits.js";
import { ConveneError } from "../../core/errors.js";
import type { UseCaseDeps } from "../ports/store.js";
import { recordAudit, type RequestContext } from "../request-context.js";

export async function changeMemberRole(deps: UseCaseDeps, ctx: RequestContext, userId: string, role: UserRole) {
  return deps.store.transaction(async (repos) => {
    const member = await repos.users.get(ctx.auth.tenantId, userId);
    if (!member) throw new ConveneError("NOT_FOUND", "No such member.");
    // Counted under the owners' row locks, inside the transaction that demotes: two owners demoting each other at once still leave one.
    if (member.role === "owner" && role !== "owner" && (await repos.members.countOwners(ctx.auth.tenantId)) <= 1) {
      throw new ConveneError("LAST_OWNER", "The organisation's last owner cannot stop being one; make someone else an owner first.");
    }
    const changed = await repos.members.setRole(ctx.auth.tenantId, userId, role);
    await recordAudit(repos, ctx, "member.role_changed", { type: "user", id: userId }, { role: { from: member.role, to: role } });
    return { ...member, role: changed!.role };
  });
}
