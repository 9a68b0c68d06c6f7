// What each role may do, in one table. Every authenticated route names the
// permission it needs (route config `permission`); the auth gate refuses a role
// whose scope is null with 403 before anything else runs, and the use cases
// narrow "own" to what the caller owns or hosts. The role sweep
// (test/foundation/roles.test.ts) checks every route against this table.
import type { UserRole } from "./limits.js";

/** "all": everything in the organisation; "own": only what the caller owns or hosts; null: not at all. */
export type Scope = "all" | "own" | null;

type RoleScopes = Readonly<Record<UserRole, Scope>>;

const everyone = (scope: Scope): RoleScopes => ({ owner: scope, admin: scope, member: scope });
/** Owners and admins see the organisation; a member only their own. */
const teamOrOwn: RoleScopes = { owner: "all", admin: "all", member: "own" };
/** Owners and admins only. */
const managers: RoleScopes = { owner: "all", admin: "all", member: null };
/** Billing-level things: members, deletion, export. */
const ownersOnly: RoleScopes = { owner: "all", admin: null, member: null };

export const PERMISSIONS = {
  /** One's own profile, password, email, sessions and API keys. */
  "account.self": everyone("own"),
  /** The organisation's people (to choose hosts, to see who is who). */
  "members.read": everyone("all"),
  /** Invite, resend, revoke, remove members and change roles. */
  "members.manage": ownersOnly,
  /** Export the organisation's data; delete a user or the organisation. */
  "organization.export": ownersOnly,
  "organization.delete": ownersOnly,
  /** The organisation's settings: everyone reads them (the snippet generator needs the embedding sites), managers change them. */
  "organization.read": everyone("all"),
  "organization.settings": managers,
  /** Booking links and their one-time links: a member's own are the links they own. */
  "links.read": teamOrOwn,
  "links.write": teamOrOwn,
  /** Question templates are shared: everyone uses them, managers change them. */
  "templates.read": everyone("all"),
  "templates.write": managers,
  /** Bookings: a member's own are the ones they host. */
  "bookings.read": teamOrOwn,
  "bookings.write": teamOrOwn,
  "analytics.read": teamOrOwn,
  /** Free times without a link (GET /availability): a member asks about themselves, managers about anyone in the organisation. */
  "availability.read": teamOrOwn,
  "deliveries.read": teamOrOwn,
  "audit.read": managers,
  /** Calendar connections: managers see everyone's (to help), each changes only their own. */
  "calendars.read": teamOrOwn,
  "calendars.write": everyone("own"),
  /** People suggested from one's own connected accounts. */
  "contacts.read": everyone("own"),
  /** Leads, their outreach events, booking links and matches: a member's own are the leads they own. */
  "leads.read": teamOrOwn,
  "leads.write": teamOrOwn,
  /** Campaigns group leads: everyone files leads under them, managers make them. */
  "campaigns.read": everyone("all"),
  "campaigns.write": managers,
  /** Cal.com and Calendly accounts that send their bookings in (they hold signing secrets and API tokens). */
  "inbound.read": managers,
  "inbound.write": managers,
  /** Outbound webhook endpoints (they hold signing secrets and see every booking), their delivery log, tests and replays. */
  "webhooks.read": managers,
  "webhooks.write": managers,
  /** One's own in-app notifications (the bell). */
  "notifications.read": everyone("own"),
  /** The development outbox (mail not sent because no SMTP server is set). */
  "outbox.read": managers,
} as const satisfies Record<string, RoleScopes>;

export type Permission = keyof typeof PERMISSIONS;

export function scopeOf(role: UserRole, permission: Permission): Scope {
  return PERMISSIONS[permission][role];
}

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** Everything a role may do, permission by permission (GET /me answers it, so the dashboard hides what the role cannot use). */
export function permissionsOf(role: UserRole): Record<Permission, Scope> {
  return Object.fromEntries(PERMISSION_NAMES.map((permission) => [permission, scopeOf(role, permission)])) as Record<Permission, Scope>;
}
