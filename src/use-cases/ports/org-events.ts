// Organisation events (core/org-events): appended in the change's transaction
// with a per-subject sequence, fanned out once by the relay like booking events.
import type { OrgEventFacts, OrgEventType } from "../../core/org-events/org-events.js";
import type { TenantId } from "../../core/tenancy.js";

export type OrgEventRecord<T extends OrgEventType = OrgEventType> = {
  id: string;
  tenantId: string;
  subject: string;
  seq: number;
  type: T;
  facts: OrgEventFacts[T];
  occurredAtMs: number;
  fannedOutAtMs: number | null;
};

export type NewOrgEvent<T extends OrgEventType = OrgEventType> = { subject: string; type: T; facts: OrgEventFacts[T]; occurredAtMs: number };

export interface OrgEventRepository {
  /** Appends the subject's next event (seq one above its last); call with the subject's row held (the unique index is the last word). */
  append<T extends OrgEventType>(tenantId: TenantId, event: NewOrgEvent<T>): Promise<OrgEventRecord<T>>;
  /** Unscoped, for the delivery handler: the event a delivery came from. */
  getForDelivery(eventId: string): Promise<OrgEventRecord | null>;
  /**
   * Unscoped, for the relay, inside its transaction: up to `limit` of the
   * oldest events not yet fanned out, oldest first (a subject's in seq
   * order); none when another node is fanning out (the relay's advisory lock).
   */
  claimUnfanned(limit: number): Promise<OrgEventRecord[]>;
  markFannedOut(eventId: string, nowMs: number): Promise<void>;
}
