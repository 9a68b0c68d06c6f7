// The leads a booking was matched to, as notices show them: read-only.
import type { TenantId } from "../../core/tenancy.js";

export type BookingLeadDetails = {
  leadId: string;
  email: string;
  name: string | null;
  company: string | null;
  title: string | null;
  campaignName: string | null;
};

export interface BookingLeadDetailsRepository {
  /** The booking's matched leads, the invitee's first (by match time). */
  listForBooking(tenantId: TenantId, bookingId: string): Promise<BookingLeadDetails[]>;
}
