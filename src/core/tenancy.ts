// Tenant scope as a type. Every repository function that reads or writes tenant
// data takes a TenantId, and only the authentication use cases can make one
// (use-cases/auth/tenant-scope.ts; a lint rule keeps it there), so a query
// without a proven tenant scope does not compile.

declare const tenantIdBrand: unique symbol;

export type TenantId = string & { readonly [tenantIdBrand]: true };

/** Who did something: recorded in the audit log and in history rows. */
export type Actor =
  | { type: "user"; id: string }
  | { type: "api_key"; id: string }
  | { type: "invitee"; id: string | null }
  | { type: "system"; id: null }
  | { type: "anonymous"; id: null };
