// Leads: the people an organisation reaches out to, one per email address
// (email_key), with the fields an outreach tool knows and the state their
// status is derived from (written only through use-cases/leads/apply-lead-input.ts).
import type { LeadMatchKind } from "../../core/leads/lead-matching.js";
import type { LeadStatus } from "../../core/leads/lead-status.js";
import type { BookingSource } from "../../core/inbound/external-booking.js";
import type { BookingStatus } from "../../core/booking/booking.js";
import type { TenantId } from "../../core/tenancy.js";

export type LeadFields = {
  email: string;
  name: string | null;
  company: string | null;
  title: string | null;
  campaignId: string | null;
  ownerUserId: string | null;
  customFields: Record<string, string>;
};

export type LeadRecord = LeadFields & {
  id: string;
  tenantId: string;
  emailKey: string;
  status: LeadStatus;
  statusChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
};

export type LeadListFilter = {
  status?: LeadStatus | undefined;
  campaignId?: string | undefined;
  /** Part of the name, email or company, any case. */
  query?: string | undefined;
  /** Only this user's leads (a member's reach). */
  ownerUserId?: string | undefined;
  limit: number;
  /** Newest first: the page after this lead. */
  cursor?: { createdAtMs: number; id: string } | undefined;
};

/** A row of an import, resolved: campaign and owner are ids now. */
export type LeadUpsert = Omit<LeadFields, "email"> & { email: string; emailKey: string };

/** What an upsert did to one row: a lead created, one updated, or left alone (another user's lead, for a member's import). */
export type LeadUpsertOutcome = { emailKey: string; id: string; isCreated: boolean };

/** A booking matched to a lead, for its timeline. */
export type LeadBooking = { bookingId: string; startAt: Date; status: BookingStatus; source: BookingSource; matchedBy: LeadMatchKind; matchedAt: Date };

export interface LeadRepository {
  /** Throws LEAD_EMAIL_TAKEN (naming the existing lead's id) when the organisation has a lead with this email. */
  create(tenantId: TenantId, fields: LeadFields, nowMs: number): Promise<LeadRecord>;
  get(tenantId: TenantId, leadId: string): Promise<LeadRecord | null>;
  /** Leads by id; the ones that exist. */
  getMany(tenantId: TenantId, leadIds: string[]): Promise<LeadRecord[]>;
  /** Leads by email_key; the ones that exist. */
  findByEmailKeys(tenantId: TenantId, emailKeys: string[]): Promise<LeadRecord[]>;
  list(tenantId: TenantId, filter: LeadListFilter): Promise<LeadRecord[]>;
  /** Throws LEAD_EMAIL_TAKEN like create; null: no such lead. */
  update(tenantId: TenantId, leadId: string, changes: Partial<LeadFields>, nowMs: number): Promise<LeadRecord | null>;
  delete(tenantId: TenantId, leadId: string): Promise<boolean>;
  /**
   * Many leads in one statement (INSERT … ON CONFLICT (tenant_id, email_key) DO UPDATE): a blank field keeps
   * the stored value, custom fields merge. With onlyOwnerUserId, an existing lead of another owner is left alone
   * (and missing from the answer). A NEW lead whose row names no owner gets newLeadOwnerUserId (the importer);
   * an existing one keeps its owner. Email keys must be distinct within one call.
   */
  upsertMany(tenantId: TenantId, rows: LeadUpsert[], nowMs: number, owners: { onlyOwnerUserId: string | null; newLeadOwnerUserId: string }): Promise<LeadUpsertOutcome[]>;
  /** Creates the leads that do not exist yet (racing creators: one wins, nobody fails); answers every key's lead id. */
  ensureByEmail(tenantId: TenantId, rows: { email: string; emailKey: string; campaignId: string | null; ownerUserId: string | null }[], nowMs: number): Promise<{ emailKey: string; id: string; ownerUserId: string | null; isCreated: boolean }[]>;
  /** The bookings matched to the lead, newest first. */
  listBookings(tenantId: TenantId, leadId: string): Promise<LeadBooking[]>;
}
