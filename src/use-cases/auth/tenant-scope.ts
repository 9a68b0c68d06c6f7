// The one place a TenantId is minted: from a tenant just created by sign-up, or
// from a verified session or API key. Lint forbids importing this file outside
// use-cases/auth/.
import type { TenantId } from "../../core/tenancy.js";

export function mintTenantId(verifiedTenantId: string): TenantId {
  return verifiedTenantId as TenantId;
}
