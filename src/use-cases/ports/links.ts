// Booking links and what hangs off them: templates, one-time links, page views and funnel counts.
import type { FunnelTally } from "../../core/funnel/funnel.js";
import type { LinkLocation } from "../../core/booking/link-options.js";
import type { LinkRules } from "../../core/booking/link-rules.js";
import type { TemplateQuestion } from "../../core/booking/questions.js";
import type { TenantId } from "../../core/tenancy.js";
import type { UtmParameters } from "../../core/embedding/utm.js";

export type { LinkLocation };

export type LinkFields = LinkRules & {
  slug: string;
  title: string;
  description: string;
  location: LinkLocation;
  templateId: string | null;
  isActive: boolean;
};

export type LinkRecord = LinkFields & {
  id: string;
  tenantId: string;
  ownerUserId: string;
  createdAt: Date;
  updatedAt: Date;
};

export interface LinkRepository {
  /** Throws SLUG_TAKEN when the owner has a live link with the slug. */
  create(tenantId: TenantId, ownerUserId: string, link: LinkFields): Promise<LinkRecord>;
  /** Null for a deleted link, and for no link at all (a booking made outside Convene has none). */
  get(tenantId: TenantId, linkId: string | null): Promise<LinkRecord | null>;
  /** Live links, oldest first; only those the user owns or hosts when ownedOrHostedBy is given. */
  list(tenantId: TenantId, filter?: { ownedOrHostedBy?: string | undefined }): Promise<LinkRecord[]>;
  /** Throws SLUG_TAKEN on a slug clash; null when the tenant has no such live link. */
  update(tenantId: TenantId, linkId: string, changes: Partial<LinkFields>, nowMs: number): Promise<LinkRecord | null>;
  softDelete(tenantId: TenantId, linkId: string, nowMs: number): Promise<LinkRecord | null>;
  isSlugTaken(tenantId: TenantId, ownerUserId: string, slug: string): Promise<boolean>;
  /** Unscoped: the public page is reached by handle and slug. Includes inactive links; never deleted ones. */
  findPublic(handle: string, slug: string): Promise<LinkRecord | null>;
}

export type TemplateFields = { name: string; questions: TemplateQuestion[]; sendsFollowUp: boolean };

export type TemplateRecord = TemplateFields & { id: string; tenantId: string; createdAt: Date; updatedAt: Date };

export interface TemplateRepository {
  create(tenantId: TenantId, template: TemplateFields, nowMs: number): Promise<TemplateRecord>;
  /** Live templates only (deleted ones answer null). */
  get(tenantId: TenantId, templateId: string): Promise<TemplateRecord | null>;
  list(tenantId: TenantId): Promise<TemplateRecord[]>;
  update(tenantId: TenantId, templateId: string, changes: Partial<TemplateFields>, nowMs: number): Promise<TemplateRecord | null>;
  softDelete(tenantId: TenantId, templateId: string, nowMs: number): Promise<TemplateRecord | null>;
  /** Ids of the live links that ask this template's questions. */
  linkIdsUsing(tenantId: TenantId, templateId: string): Promise<string[]>;
}

export type OneTimeLinkRecord = {
  id: string;
  tenantId: string;
  linkId: string;
  token: string;
  recipientEmail: string;
  recipientName: string;
  recipientCompany: string | null;
  topic: string | null;
  leadRef: string | null;
  /** The lead the link was made for (POST /leads/{id}/booking-link); its booking is matched to that lead first. */
  leadId: string | null;
  durationMin: number | null;
  /** Owner-picked start instants, ascending; null: any free slot of the link. */
  slotStartsMs: number[] | null;
  expiresAt: Date;
  bookingId: string | null;
  revokedAt: Date | null;
  createdAt: Date;
  /** When Convene last emailed the link to its recipient (null: never), and how many times it has. */
  emailedAt: Date | null;
  emailCount: number;
};

export type OneTimeLinkFields = Omit<OneTimeLinkRecord, "id" | "tenantId" | "expiresAt" | "bookingId" | "revokedAt" | "createdAt" | "emailedAt" | "emailCount"> & {
  expiresAtMs: number;
};

export interface OneTimeLinkRepository {
  /** Stores the token and its digest (the lookup key). */
  create(tenantId: TenantId, oneTimeLink: OneTimeLinkFields, nowMs: number): Promise<OneTimeLinkRecord>;
  /** Newest first. */
  listForLink(tenantId: TenantId, linkId: string): Promise<OneTimeLinkRecord[]>;
  findByToken(tenantId: TenantId, token: string): Promise<OneTimeLinkRecord | null>;
  /** Revokes a link that is neither booked nor revoked; null when there is no such link (so: check why with findByToken). */
  revokeByToken(tenantId: TenantId, token: string, nowMs: number): Promise<OneTimeLinkRecord | null>;
  /** Unscoped: the token is how the public booking flow finds its tenant. Compares the token in constant time. */
  findByTokenForBooking(token: string): Promise<OneTimeLinkRecord | null>;
  /**
   * Marks the link used by a booking, only if it is neither booked nor revoked
   * (one conditional UPDATE, so single use holds under concurrency). True when it did.
   */
  markBooked(tenantId: TenantId, oneTimeLinkId: string, bookingId: string): Promise<boolean>;
  /** Counts one more email to the recipient at nowMs; null when the tenant has no such link. */
  recordEmailed(tenantId: TenantId, oneTimeLinkId: string, nowMs: number): Promise<OneTimeLinkRecord | null>;
}

/** utm: the UTM parameters the page was opened with (core/embedding/utm.ts); absent or null when none. */
export type LinkViewFields = { linkId: string; oneTimeLinkId: string | null; referrer: string | null; utm?: UtmParameters | null; atMs: number };

/** A recorded view as a booking needs it to claim it (see core/funnel/view-attribution.ts). */
export type LinkViewRecord = { id: number; linkId: string; oneTimeLinkId: string | null; atMs: number };

export interface LinkViewRepository {
  /** One opening of a link's public page (or a one-time link's); answers the view's id. */
  record(tenantId: TenantId, view: LinkViewFields): Promise<number>;
  get(tenantId: TenantId, viewId: number): Promise<LinkViewRecord | null>;
}

/** Which counts to take: buckets [boundariesMs[i], boundariesMs[i + 1]) (ascending), one link or all, and now (which meetings are held). */
export type FunnelQuery = {
  boundariesMs: number[];
  linkId: string | null;
  nowMs: number;
  /** A member's funnel: views of these links only, bookings this user hosts only. Absent: the organisation's. */
  ofMember?: { linkIds: string[]; hostUserId: string } | undefined;
};

export interface LinkAnalyticsRepository {
  /**
   * The tenant's funnel counts per link and bucket, in one pass over views and
   * one over bookings: a tally per (link, bucket, measure) that is not zero,
   * with `key` the link id and `dayIndex` the bucket (n boundaries, n − 1 buckets).
   */
  countFunnel(tenantId: TenantId, query: FunnelQuery): Promise<FunnelTally[]>;
}
