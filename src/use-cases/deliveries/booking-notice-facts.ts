// What owners' notices (the bell, and the host's mail about an external
// booking) say about who booked: the meeting's title wherever it was booked,
// the lead it was matched to, and the company from the lead or the answers.
import { orderedAnswers } from "../../core/booking/answer-order.js";
import type { BookingSource } from "../../core/inbound/external-booking.js";
import { companyFromAnswers } from "../../core/notifications/in-app.js";
import type { TenantId } from "../../core/tenancy.js";
import type { BookingLeadDetails } from "../ports/booking-leads.js";
import type { BookingRecord } from "../ports/bookings.js";
import type { Repositories } from "../ports/store.js";

export const SOURCE_NAMES: Record<BookingSource, string | null> = { convene: null, calcom: "Cal.com", calendly: "Calendly" };

export type WhoBooked = {
  meetingTitle: string;
  /** The invitee's lead when matched (the first match otherwise). */
  lead: BookingLeadDetails | null;
  company: string | null;
  answers: { label: string; value: string }[];
};

export async function whoBooked(repos: Repositories, tenantId: TenantId, booking: BookingRecord): Promise<WhoBooked> {
  const link = await repos.links.get(tenantId, booking.linkId);
  const template = link?.templateId ? await repos.templates.get(tenantId, link.templateId) : null;
  const answers = orderedAnswers(template?.questions ?? [], booking.answers).map(({ label, value }) => ({ label, value }));
  const leads = await repos.bookingLeadDetails.listForBooking(tenantId, booking.id);
  const invitee = booking.inviteeEmail.trim().toLowerCase();
  const lead = leads.find((candidate) => candidate.email.trim().toLowerCase() === invitee) ?? leads[0] ?? null;
  return {
    meetingTitle: booking.title ?? link?.title ?? booking.externalTitle ?? "Meeting",
    lead,
    company: lead?.company?.trim() || companyFromAnswers(answers),
    answers,
  };
}
