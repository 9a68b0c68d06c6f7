// Leads' states and status transitions over Drizzle.
import { and, asc, eq } from "drizzle-orm";
import type { LeadState } from "../../core/leads/lead-status.js";
import { statusOf } from "../../core/leads/lead-status.js";
import type { LeadStateRepository } from "../../use-cases/ports/lead-states.js";
import type { Db } from "./client.js";
import { bookings, leads, leadTransitions } from "./schema.js";

export function leadStateRepository(db: Db): LeadStateRepository {
  return {
    async getForUpdate(tenantId, leadId) {
      const [row] = await db
        .select({
          outreach: leads.outreach,
          outreachAt: leads.outreachAt,
          latestBookingId: leads.latestBookingId,
          bookingCreatedAt: bookings.createdAt,
          bookingStatus: bookings.status,
        })
        .from(leads)
        .leftJoin(bookings, eq(bookings.id, leads.latestBookingId))
        .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)))
        .for("update", { of: leads });
      if (!row) return null;
      const latestBooking =
        row.latestBookingId && row.bookingCreatedAt && row.bookingStatus
          ? { bookingId: row.latestBookingId, createdAtMs: row.bookingCreatedAt.getTime(), status: row.bookingStatus }
          : null;
      return { outreach: row.outreach, outreachAtMs: row.outreachAt?.getTime() ?? null, latestBooking } satisfies LeadState;
    },
    async save(tenantId, leadId, state, transition) {
      const changes = {
        outreach: state.outreach,
        outreachAt: state.outreachAtMs === null ? null : new Date(state.outreachAtMs),
        latestBookingId: state.latestBooking?.bookingId ?? null,
        status: statusOf(state),
        updatedAt: new Date(),
        ...(transition ? { statusChangedAt: new Date(transition.atMs) } : {}),
      };
      await db.update(leads).set(changes).where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)));
      if (!transition) return;
      await db.insert(leadTransitions).values({
        tenantId,
        leadId,
        fromStatus: transition.from,
        toStatus: transition.to,
        cause: transition.cause,
        causeRef: transition.causeRef,
        at: new Date(transition.atMs),
      });
    },
    async listTransitions(tenantId, leadId) {
      const rows = await db
        .select()
        .from(leadTransitions)
        .where(and(eq(leadTransitions.tenantId, tenantId), eq(leadTransitions.leadId, leadId)))
        .orderBy(asc(leadTransitions.at), asc(leadTransitions.id));
      return rows.map((row) => ({ id: row.id, from: row.fromStatus, to: row.toStatus, cause: row.cause, causeRef: row.causeRef, atMs: row.at.getTime() }));
    },
  };
}
