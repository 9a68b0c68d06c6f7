// Organisation events: changes that belong to no booking (a lead's status, a
// calendar connection refused) but must reach the same channels the same way
// as booking events: written in the change's own transaction, fanned out by
// the relay, delivered with the one state model. Each has a subject (the lead,
// the connection) and a per-subject sequence so receivers can order them.
// The type is the outbound webhook's event type: only that channel plans them.

export const ORG_EVENT_TYPES = ["lead.status_changed", "calendar.connection_needs_reconnect"] as const;
export type OrgEventType = (typeof ORG_EVENT_TYPES)[number];

export type LeadStatusChangedFacts = {
  lead: { id: string; email: string; name: string | null; company: string | null; campaign: { id: string; name: string } | null };
  from: string;
  to: string;
  cause: string;
  causeRef: string | null;
};

export type ConnectionNeedsReconnectFacts = {
  connection: { id: string; provider: string; account: string };
  user: { id: string; name: string; email: string };
  error: string | null;
};

export type OrgEventFacts = { "lead.status_changed": LeadStatusChangedFacts; "calendar.connection_needs_reconnect": ConnectionNeedsReconnectFacts };

/** Whose events queue up in order: "lead.<id>", "connection.<id>" (no ":", so a dedupe key built from it splits cleanly). */
export const subjectOfLead = (leadId: string) => `lead.${leadId}`;
export const subjectOfConnection = (connectionId: string) => `connection.${connectionId}`;
