// Bookings matched to leads (booking_leads) and the attendees no lead matched
// yet (unmatched_attendees): what the leads channel, late leads claiming
// their bookings and the owner's unmatched queue read and write.
import type { BookingStatus } from "../../core/booking/booking.js";
import type { BookingSource } from "../../core/inbound/external-booking.js";
import type { LeadMatchKind, UnmatchedState } from "../../core/leads/lead-matching.js";
import type { Attendee } from "../../core/leads/match-attendees.js";
import type { SuggestionCandidate } from "../../core/leads/lead-suggestions.js";
import type { TenantId } from "../../core/tenancy.js";

export type LeadSummary = { id: string; email: string; emailKey: string; name: string | null; company: string | null; ownerUserId: string | null };

export type NewBookingLead = { leadId: string; attendeeEmail: string; matchedBy: LeadMatchKind };

export type UnmatchedRecord = {
  id: string;
  bookingId: string;
  email: string;
  emailKey: string;
  name: string | null;
  state: UnmatchedState;
  leadId: string | null;
  createdAtMs: number;
};

/** An open entry with what the queue shows of its booking. */
export type UnmatchedEntry = UnmatchedRecord & {
  booking: { startMs: number; endMs: number; status: BookingStatus; source: BookingSource; title: string | null; company: string | null };
};

export interface LeadMatchRepository {
  /** Whether the organisation has any lead at all (one that does not use leads is not told about unmatched bookings). */
  hasLeads(tenantId: TenantId): Promise<boolean>;
  /** The lead the booking's one-time link was made for; null: none (or no such link). */
  leadOfOneTimeLink(tenantId: TenantId, oneTimeLinkId: string): Promise<string | null>;
  /** Lead ids by email_key, of the keys that have a lead. */
  leadIdsByEmailKeys(tenantId: TenantId, emailKeys: readonly string[]): Promise<Map<string, string>>;
  getLeads(tenantId: TenantId, leadIds: readonly string[]): Promise<LeadSummary[]>;
  /** Writes the matches; a (booking, lead) already matched keeps how it was first matched. */
  addBookingLeads(tenantId: TenantId, bookingId: string, matches: readonly NewBookingLead[], atMs: number): Promise<void>;
  /** Every lead matched to the booking, however (the ones to tell about its changes). */
  leadIdsOfBooking(tenantId: TenantId, bookingId: string): Promise<string[]>;
  /** Opens one entry per (booking, attendee address); one already there (open or resolved) stays as it is. */
  addUnmatched(tenantId: TenantId, bookingId: string, attendees: readonly Attendee[], atMs: number): Promise<void>;
  /** Open entries of the queue, newest first; hostUserId: only bookings this user hosts. */
  listOpen(tenantId: TenantId, filter: { limit: number; hostUserId?: string | undefined }): Promise<UnmatchedEntry[]>;
  /** The entry, its row locked until the transaction ends (two owners resolving it queue up). */
  getForUpdate(tenantId: TenantId, entryId: string): Promise<UnmatchedRecord | null>;
  /** Open entries with these addresses, locked, oldest first: what a lead created later claims. */
  openForEmailKeys(tenantId: TenantId, emailKeys: readonly string[]): Promise<UnmatchedRecord[]>;
  resolve(tenantId: TenantId, entryId: string, resolution: { state: Exclude<UnmatchedState, "open">; leadId: string | null; byUserId: string | null; atMs: number }): Promise<void>;
  /** Leads with one of these normal names (lower-cased, spaces collapsed) or an address at one of these domains; newest first, at most limit; ownerUserId: only this user's leads. */
  suggestionCandidates(tenantId: TenantId, keys: { names: readonly string[]; domains: readonly string[]; ownerUserId?: string | undefined }, limit: number): Promise<SuggestionCandidate[]>;
  /** Whether the user hosts the booking (a member reaches only those entries). */
  isHostOf(tenantId: TenantId, bookingId: string, userId: string): Promise<boolean>;
}
