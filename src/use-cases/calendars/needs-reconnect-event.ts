// A connection whose credentials were refused becomes a
// calendar.connection_needs_reconnect organisation event (outbound webhooks),
// written in the transaction that marks it, so a receiver hears of it once it
// commits and never of a marking that rolled back.
import { subjectOfConnection } from "../../core/org-events/org-events.js";
import type { TenantId } from "../../core/tenancy.js";
import type { UserRecord } from "../ports/accounts.js";
import type { ConnectionRecord } from "../ports/calendars.js";
import type { Repositories } from "../ports/store.js";

export async function recordNeedsReconnect(repos: Repositories, tenantId: TenantId, connection: ConnectionRecord, owner: UserRecord, error: string | null, nowMs: number): Promise<void> {
  await repos.orgEvents.append(tenantId, {
    subject: subjectOfConnection(connection.id),
    type: "calendar.connection_needs_reconnect",
    facts: {
      connection: { id: connection.id, provider: connection.provider, account: connection.username ?? connection.label },
      user: { id: owner.id, name: owner.name, email: owner.email },
      error,
    },
    occurredAtMs: nowMs,
  });
}
