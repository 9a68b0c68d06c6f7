// Creates a tenant with its first user (the owner): used by sign-up and by
// `convene user create`. Runs inside the caller's transaction.
import { DEFAULT_WORKING_HOURS } from "../../core/account/working-hours.js";
import { ConveneError } from "../../core/errors.js";
import type { TenantId } from "../../core/tenancy.js";
import { acceptTimeZone } from "../../core/time/zone.js";
import { slugify as slugifyText } from "../../core/slug.js";
import type { UserRecord } from "../ports/accounts.js";
import type { PasswordHasher, Repositories } from "../ports/store.js";
import { mintTenantId } from "./tenant-scope.js";
import { HANDLE_PATTERN, RESERVED_HANDLES } from "../../core/account/handle.js";
import { newSecretToken } from "./secret-token.js";
import { recordAudit } from "../request-context.js";

export type NewAccount = { email: string; password: string; name: string; organization: string; timeZone: string };

export async function createAccount(
  repos: Repositories,
  passwords: PasswordHasher,
  account: NewAccount,
  context: { ip: string | null; nowMs: number; via: "signup" | "cli" },
): Promise<{ tenantId: TenantId; user: UserRecord }> {
  const timeZone = acceptTimeZone(account.timeZone);
  if (await repos.users.isEmailTaken(account.email)) {
    throw new ConveneError("EMAIL_TAKEN", `An account with ${account.email} already exists; sign in instead.`);
  }
  const passwordHash = await passwords.hash(account.password);
  const tenant = await repos.tenants.create(account.organization);
  const tenantId = mintTenantId(tenant.id);
  const user = await createWithFreeHandle(repos, tenantId, {
    email: account.email,
    name: account.name,
    timeZone,
    role: "owner",
    passwordHash,
  });
  const { handle } = user;
  await recordAudit(
    repos,
    { ...context, auth: { tenantId, actor: { type: "user", id: user.id } } },
    "account.created",
    { type: "user", id: user.id },
    { email: user.email, name: user.name, organization: tenant.name, handle, timeZone: user.timeZone, via: context.via },
  );
  return { tenantId, user };
}

/** URL-safe handles from the name (or the email), made unique with a number; never a reserved or malformed one. */
function* handleCandidates(name: string, email: string): Generator<string> {
  const base = slugify(name) || slugify(email.split("@")[0] ?? "") || "owner";
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (HANDLE_PATTERN.test(candidate) && !RESERVED_HANDLES.has(candidate)) yield candidate;
  }
  // 1,000 people of one name: random suffixes, practically never taken.
  for (;;) yield `${base.slice(0, 30).replace(/-+$/, "")}-${newSecretToken().toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 8)}`;
}

/**
 * Inserts the user under the first free handle, with the default working hours unless given. The read skips handles known
 * to be taken; the insert (ON CONFLICT DO NOTHING) settles a race with a
 * concurrent sign-up of the same name, whose loser takes the next candidate.
 */
export async function createWithFreeHandle(repos: Repositories, tenantId: TenantId, user: Omit<Parameters<Repositories["users"]["create"]>[1], "handle">): Promise<UserRecord> {
  for (const handle of handleCandidates(user.name, user.email)) {
    if (await repos.users.isHandleTaken(handle)) continue;
    // Every new user starts with the office week in their zone (sign-up, a member added, an invitation accepted).
    const created = await repos.users.createIfHandleFree(tenantId, { weeklyHours: DEFAULT_WORKING_HOURS.map((rule) => ({ ...rule, days: [...rule.days] })), ...user, handle });
    if (created) return created;
  }
  throw new Error("unreachable: handle candidates never run out");
}

/** A handle's base from a name: other scripts transliterated (core/slug.ts), at most 40 characters. */
export function slugify(text: string): string {
  return slugifyText(text, 40);
}
