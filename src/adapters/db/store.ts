// The Store port over Drizzle: the same repositories on the pool or inside a
// transaction. A transaction that loses a deadlock or a serialization check is
// run again, a few times; a busy pool surfaces as DATABASE_BUSY.
import { setTimeout as delay } from "node:timers/promises";
import { ConveneError, isConveneError } from "../../core/errors.js";
import type { Repositories, Store } from "../../use-cases/ports/store.js";
import { leadStateRepository } from "./lead-state-repository.js";
import { leadMatchRepository } from "./lead-match-repository.js";
import { leadFunnelRepository } from "./lead-funnel-repository.js";
import { inboundSourceRepository } from "./inbound-source-repository.js";
import { leadRepository } from "./lead-repository.js";
import { campaignRepository } from "./campaign-repository.js";
import { leadEventRepository } from "./lead-event-repository.js";
import { accountTokenRepository } from "./account-token-repository.js";
import { apiKeyRepository } from "./api-key-repository.js";
import { auditRepository } from "./audit-repository.js";
import { hostAssignmentRepository } from "./host-assignment-repository.js";
import { bookingEventRepository } from "./booking-event-repository.js";
import { bookingRepository } from "./booking-repository.js";
import { calendarRepository } from "./calendar-repository.js";
import { databaseError, type Db } from "./client.js";
import { deliveryRepository } from "./delivery-repository.js";
import { idempotencyRepository } from "./idempotency-repository.js";
import { linkAnalyticsRepository } from "./link-analytics-repository.js";
import { linkRepository } from "./link-repository.js";
import { mailOutboxRepository } from "./mail-outbox-repository.js";
import { linkViewRepository } from "./link-view-repository.js";
import { oauthStateRepository } from "./oauth-state-repository.js";
import { oneTimeLinkRepository } from "./one-time-link-repository.js";
import { pushChannelRepository } from "./push-channel-repository.js";
import { sessionRepository } from "./session-repository.js";
import { templateRepository } from "./template-repository.js";
import { tenantRepository } from "./tenant-repository.js";
import { userRepository } from "./user-repository.js";
import { invitationRepository } from "./invitation-repository.js";
import { memberRepository } from "./member-repository.js";
import { organizationDataRepository } from "./organization-data-repository.js";
import { inviteeErasureRepository } from "./invitee-erasure-repository.js";
import { inAppNotificationRepository, liveSignalRepository } from "./in-app-notification-repository.js";
import { bookingLeadDetailsRepository } from "./booking-lead-details-repository.js";
import { webhookEndpointRepository } from "./webhook-endpoint-repository.js";
import { webhookAttemptRepository } from "./webhook-attempt-repository.js";
import { embedOriginRepository } from "./embed-origin-repository.js";
import { holdRepository } from "./hold-repository.js";
import { orgEventRepository } from "./org-event-repository.js";

function repositories(db: Db): Repositories {
  return {
    tenants: tenantRepository(db),
    users: userRepository(db),
    links: linkRepository(db),
    hostAssignments: hostAssignmentRepository(db),
    templates: templateRepository(db),
    oneTimeLinks: oneTimeLinkRepository(db),
    linkViews: linkViewRepository(db),
    linkAnalytics: linkAnalyticsRepository(db),
    bookings: bookingRepository(db),
    holds: holdRepository(db),
    idempotency: idempotencyRepository(db),
    bookingEvents: bookingEventRepository(db),
    calendars: calendarRepository(db),
    oauthStates: oauthStateRepository(db),
    pushChannels: pushChannelRepository(db),
    deliveries: deliveryRepository(db),
    mailOutbox: mailOutboxRepository(db),
    sessions: sessionRepository(db),
    apiKeys: apiKeyRepository(db),
    audit: auditRepository(db),
    invitations: invitationRepository(db),
    members: memberRepository(db),
    accountTokens: accountTokenRepository(db),
    leadStates: leadStateRepository(db),
    leadMatches: leadMatchRepository(db),
    leadFunnel: leadFunnelRepository(db),
    inboundSources: inboundSourceRepository(db),
    leads: leadRepository(db),
    campaigns: campaignRepository(db),
    leadEvents: leadEventRepository(db),
    organizationData: organizationDataRepository(db),
    inviteeErasure: inviteeErasureRepository(db),
    inAppNotifications: inAppNotificationRepository(db),
    liveSignals: liveSignalRepository(db),
    bookingLeadDetails: bookingLeadDetailsRepository(db),
    webhookEndpoints: webhookEndpointRepository(db),
    webhookAttempts: webhookAttemptRepository(db),
    embedOrigins: embedOriginRepository(db),
    orgEvents: orgEventRepository(db),
  };
}

/** 40P01 deadlock_detected, 40001 serialization_failure: PostgreSQL rolled back the loser; running it again is safe. */
const RETRYABLE_SQLSTATES = new Set(["40P01", "40001"]);
/** Bookings queue on host locks before writing, so a retry is rare; four attempts cover what remains. */
export const MAX_TRANSACTION_ATTEMPTS = 4;

/** A ConveneError raised under a driver error (the pool's DATABASE_BUSY) reaches the caller as itself. */
function unwrapped(error: unknown): unknown {
  for (let current = error; current && typeof current === "object"; current = (current as { cause?: unknown }).cause) {
    if (isConveneError(current)) return current;
  }
  return error;
}

export function createStore(db: Db): Store {
  return {
    ...repositories(db),
    transaction: async (fn) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction((tx) => fn(repositories(tx as unknown as Db)));
        } catch (error) {
          if (!RETRYABLE_SQLSTATES.has(databaseError(error).sqlState ?? "")) throw unwrapped(error);
          if (attempt >= MAX_TRANSACTION_ATTEMPTS) {
            throw new ConveneError("DATABASE_BUSY", "The database kept refusing this change under contention; retry shortly.", { cause: error, details: { retryAfterSeconds: 1 } });
          }
          // A little jitter so the retried transactions do not collide again in lockstep.
          await delay(5 + Math.random() * 20 * attempt);
        }
      }
    },
  };
}
