// Tests that talk to repositories directly need a TenantId; this is the test suite's own mint.
import type { TenantId } from "../../src/core/tenancy.js";

export function mintTenantIdForTest(id: string): TenantId {
  return id as TenantId;
}
