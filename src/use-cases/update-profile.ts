// The signed-in user changes their own profile: name, time zone, handle (which
// moves every booking URL of theirs). The audit log keeps old and new values.
import { assertHandle } from "../core/account/handle.js";
import { ConveneError } from "../core/errors.js";
import { assertTimeZone } from "../core/time/zone.js";
import type { AuthContext } from "./auth/authenticate.js";
import type { ProfileFields, UseCaseDeps } from "./ports.js";

export async function updateProfile(deps: UseCaseDeps, auth: AuthContext, changes: Partial<ProfileFields>, meta: { ip: string | null }, nowMs: number) {
  return deps.store.transaction(async (repos) => {
    const before = await repos.users.get(auth.tenantId, auth.userId);
    if (!before) throw new ConveneError("UNAUTHENTICATED", "This account no longer exists.");
    const changed = (Object.keys(changes) as (keyof ProfileFields)[]).filter((key) => changes[key] !== undefined && changes[key] !== before[key]);
    if (changed.length === 0) return before;
    if (changed.includes("timeZone")) assertTimeZone(changes.timeZone!);
    if (changed.includes("handle")) {
      assertHandle(changes.handle!);
      if (await repos.users.isHandleTaken(changes.handle!)) throw new ConveneError("HANDLE_TAKEN", `The handle ${changes.handle} is taken; pick another.`);
    }
    const after = await repos.users.update(auth.tenantId, auth.userId, Object.fromEntries(changed.map((key) => [key, changes[key]])));
    if (!after) throw new ConveneError("UNAUTHENTICATED", "This account no longer exists.");
    await repos.audit.record({
      tenantId: auth.tenantId,
      actor: auth.actor,
      action: "user.updated",
      target: { type: "user", id: after.id },
      ip: meta.ip,
      changes: Object.fromEntries(changed.map((key) => [key, { old: before[key], new: after[key] }])),
      atMs: nowMs,
    });
    return after;
  });
}
