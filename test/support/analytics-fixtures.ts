// Rows for the analytics suites, written straight to the database: a funnel
// needs bookings made, held and cancelled in the past, which the API cannot
// make on the test's clock.
import type { FastifyInstance } from "fastify";
import { randomUUID } from "node:crypto";
import type { Database } from "../../src/adapters/db/client.js";
import { bookings } from "../../src/adapters/db/schema.js";
import type { BookingStatus } from "../../src/core/booking/booking.js";
import type { TenantId } from "../../src/core/tenancy.js";
import { bearer, type Owner } from "./test-app.js";
import { mintTenantIdForTest } from "./tenant.js";

/** A 30-minute booking: when it was made, when it starts, how it ended up, and the page view it was made from (none: through the API). */
export type PastBooking = { linkId: string; createdAt: string; startAt: string; status?: BookingStatus; cancelledAt?: string; linkViewId?: number };

export async function insertBooking(database: Database, tenantId: TenantId, row: PastBooking): Promise<void> {
  const startAt = new Date(row.startAt);
  await database.db.insert(bookings).values({
    tenantId,
    linkId: row.linkId,
    startAt,
    endAt: new Date(startAt.getTime() + 30 * 60_000),
    durationMin: 30,
    status: row.status ?? "scheduled",
    inviteeName: "Invitee",
    inviteeEmail: "invitee@example.com",
    inviteeTimeZone: "UTC",
    answers: {},
    guests: [],
    manageTokenHash: randomUUID(),
    createdAt: new Date(row.createdAt),
    cancelledAt: row.cancelledAt ? new Date(row.cancelledAt) : null,
    linkViewId: row.linkViewId ?? null,
  });
}

/** The owner's organisation, as the repositories take it. */
export async function tenantIdOf(app: FastifyInstance, owner: Owner): Promise<TenantId> {
  return mintTenantIdForTest((await app.inject({ method: "GET", url: "/api/v1/me", headers: bearer(owner) })).json().organization.id);
}
