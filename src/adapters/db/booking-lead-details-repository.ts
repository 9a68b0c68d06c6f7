// The leads a booking was matched to, with their campaign's name (read-only, for notices).
import { and, asc, eq } from "drizzle-orm";
import type { BookingLeadDetailsRepository } from "../../use-cases/ports/booking-leads.js";
import type { Db } from "./client.js";
import { bookingLeads, campaigns, leads } from "./schema.js";

export function bookingLeadDetailsRepository(db: Db): BookingLeadDetailsRepository {
  return {
    async listForBooking(tenantId, bookingId) {
      return db
        .select({ leadId: leads.id, email: leads.email, name: leads.name, company: leads.company, title: leads.title, campaignName: campaigns.name })
        .from(bookingLeads)
        .innerJoin(leads, eq(leads.id, bookingLeads.leadId))
        .leftJoin(campaigns, eq(campaigns.id, leads.campaignId))
        .where(and(eq(bookingLeads.tenantId, tenantId), eq(bookingLeads.bookingId, bookingId)))
        .orderBy(asc(bookingLeads.matchedAt), asc(leads.email));
    },
  };
}
