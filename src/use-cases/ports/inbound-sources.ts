// Inbound sources (a Cal.com or Calendly account that sends Convene its
// bookings), the log of their webhook deliveries, and the provider uids that
// name each external booking.
import type { InboundProvider } from "../../core/inbound/external-booking.js";
import type { InboundDeliveryOutcome } from "../../core/inbound/inbound-delivery.js";
import type { TenantId } from "../../core/tenancy.js";

export type InboundSourceRecord = {
  id: string;
  tenantId: string;
  provider: InboundProvider;
  name: string;
  ownerUserId: string;
  signingSecretSealed: string;
  apiTokenSealed: string | null;
  providerWebhookRef: string | null;
  lastDeliveryAt: Date | null;
  lastBackfillAt: Date | null;
  unreachableSince: Date | null;
  lastError: string | null;
  createdAt: Date;
};

export type NewInboundSource = Pick<InboundSourceRecord, "provider" | "name" | "ownerUserId" | "signingSecretSealed" | "apiTokenSealed" | "providerWebhookRef"> & {
  webhookTokenHash: string;
  createdAtMs: number;
};

export type InboundSourceChanges = Partial<
  Pick<InboundSourceRecord, "name" | "signingSecretSealed" | "apiTokenSealed" | "providerWebhookRef" | "lastBackfillAt" | "unreachableSince" | "lastError">
>;


export type InboundDeliveryRecord = {
  id: number;
  trigger: string | null;
  outcome: InboundDeliveryOutcome;
  detail: string | null;
  bookingId: string | null;
  receivedCount: number;
  receivedAt: Date;
};

export interface InboundSourceRepository {
  create(tenantId: TenantId, source: NewInboundSource): Promise<InboundSourceRecord>;
  get(tenantId: TenantId, sourceId: string): Promise<InboundSourceRecord | null>;
  list(tenantId: TenantId): Promise<InboundSourceRecord[]>;
  /** Unscoped: the webhook URL's token is how a delivery finds its source. */
  findByWebhookTokenHash(tokenHash: string): Promise<InboundSourceRecord | null>;
  update(tenantId: TenantId, sourceId: string, changes: InboundSourceChanges & { webhookTokenHash?: string }): Promise<InboundSourceRecord | null>;
  delete(tenantId: TenantId, sourceId: string): Promise<boolean>;
  /** Outside the delivery's transaction, so concurrent deliveries do not queue on the source's row. */
  touchLastDelivery(tenantId: TenantId, sourceId: string, atMs: number): Promise<void>;
  /** Takes the backfill lease when nobody holds it (or it ran out): false when another node is backfilling. */
  claimBackfillLease(tenantId: TenantId, sourceId: string, nowMs: number, untilMs: number): Promise<boolean>;
  releaseBackfillLease(tenantId: TenantId, sourceId: string): Promise<void>;
  /** Unscoped, for the schedule: sources with an API token whose last backfill is older than the instant (or never ran) and not leased now. */
  listDueForBackfill(backfilledBeforeMs: number, nowMs: number, limit: number): Promise<{ tenantId: string; sourceId: string }[]>;

  /**
   * Starts a delivery's row (ON CONFLICT DO NOTHING on source + dedupeKey): isDuplicate when it was
   * there already, in which case its received count is bumped instead. Concurrent twins wait for
   * the first one's transaction and then see it as a duplicate: each delivery is processed once.
   */
  openDelivery(tenantId: TenantId, sourceId: string, delivery: { dedupeKey: string; trigger: string; receivedAtMs: number }): Promise<{ id: number; isDuplicate: boolean }>;
  finishDelivery(tenantId: TenantId, deliveryId: number, result: { outcome: "processed" | "ignored"; detail: string | null; bookingId: string | null }): Promise<void>;
  /** A delivery refused before it was processed (bad signature, unreadable body): kept, with no dedupe key, so the source's page shows it. */
  recordRefused(tenantId: TenantId, sourceId: string, refused: { outcome: "rejected" | "failed"; trigger: string | null; detail: string; receivedAtMs: number }): Promise<void>;
  recentDeliveries(tenantId: TenantId, sourceId: string, limit: number): Promise<InboundDeliveryRecord[]>;

  /** Serialises changes to the bookings these uids name until the transaction ends (advisory locks, in a fixed order). */
  lockUids(tenantId: TenantId, sourceId: string, uids: string[]): Promise<void>;
  /** The booking any of these uids names (they all name one, or none). */
  findBookingId(tenantId: TenantId, sourceId: string, uids: string[]): Promise<string | null>;
  addUid(tenantId: TenantId, sourceId: string, uid: string, bookingId: string): Promise<void>;
}
