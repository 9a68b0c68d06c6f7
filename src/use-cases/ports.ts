// The ports the use cases need, implemented by adapters (adapters/db for the
// store, adapters/crypto for passwords), one file per aggregate under ports/.
// Tenant-scoped functions take a TenantId; the few lookups that establish a
// tenant (sign-in, session, API key) say so in their names.
export type * from "./ports/accounts.js";
export type * from "./ports/audit.js";
export type * from "./ports/bookings.js";
export type * from "./ports/deliveries.js";
export type * from "./ports/events.js";
export type * from "./ports/links.js";
export type * from "./ports/store.js";
