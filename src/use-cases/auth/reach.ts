// How far a caller reaches with a permission: the whole organisation, or only
// what they own or host. Use cases turn it into a repository filter (lists) or
// a check on one record (reads and writes by id); a record out of reach is
// answered as NOT_FOUND, so a member learns nothing about others' ids.
import type { Permission } from "../../core/account/permissions.js";
import type { AuthContext } from "./authenticate.js";
import { requireScope } from "./authenticate.js";

export type Reach = { scope: "all" } | { scope: "own"; userId: string };

export const EVERYTHING: Reach = { scope: "all" };

export function reachOf(auth: Pick<AuthContext, "role" | "userId">, permission: Permission): Reach {
  return requireScope(auth, permission) === "all" ? EVERYTHING : { scope: "own", userId: auth.userId };
}

/** The user whose things a list is narrowed to; undefined: everyone's. */
export function ownUserIdOf(reach: Reach): string | undefined {
  return reach.scope === "own" ? reach.userId : undefined;
}
