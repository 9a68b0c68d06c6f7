// Adds a member to the caller's organisation (owners only), so team links can have several hosts.
import { ConveneError } from "../core/errors.js";
import { assertTimeZone } from "../core/time/zone.js";
import type { AuthContext } from "./auth/authenticate.js";
import { freeHandle } from "./auth/create-account.js";
import type { UseCaseDeps } from "./ports.js";

export type NewMember = { email: string; name: string; timeZone: string; password?: string | undefined };

export async function addMember(deps: UseCaseDeps, auth: AuthContext, member: NewMember, meta: { ip: string | null }, nowMs: number) {
  assertTimeZone(member.timeZone);
  const passwordHash = member.password ? await deps.passwords.hash(member.password) : null;
  return deps.store.transaction(async (repos) => {
    const caller = await repos.users.get(auth.tenantId, auth.userId);
    if (caller?.role !== "owner") throw new ConveneError("FORBIDDEN", "Only an owner can add members.");
    if (await repos.users.isEmailTaken(member.email)) throw new ConveneError("EMAIL_TAKEN", `An account with ${member.email} already exists.`);
    const user = await repos.users.create(auth.tenantId, {
      email: member.email,
      name: member.name,
      handle: await freeHandle(repos, member.name, member.email),
      timeZone: member.timeZone,
      role: "member",
      passwordHash,
    });
    await repos.audit.record({
      tenantId: auth.tenantId,
      actor: auth.actor,
      action: "member.added",
      target: { type: "user", id: user.id },
      ip: meta.ip,
      changes: { email: user.email, name: user.name, timeZone: user.timeZone, canSignIn: passwordHash !== null },
      atMs: nowMs,
    });
    return user;
  });
}
