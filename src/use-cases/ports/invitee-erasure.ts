// Erasing an invitee's personal data from one booking, everywhere Convene keeps a copy.
import type { TenantId } from "../../core/tenancy.js";

export interface InviteeErasureRepository {
  /**
   * Blanks the booking's personal fields (name, email, answers, guests, notes,
   * cancel reason), the invitee's traces in its history, events and
   * deliveries, the dev-outbox mail of its deliveries and any stored
   * idempotent answer; stamps erased_at. False when it was already erased.
   */
  eraseBooking(tenantId: TenantId, bookingId: string, nowMs: number): Promise<boolean>;
}
