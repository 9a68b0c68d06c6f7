// The Store port over Drizzle: the same repositories on the pool or inside a transaction.
import type { Repositories, Store } from "../../use-cases/ports.js";
import { apiKeyRepository } from "./api-key-repository.js";
import { auditRepository } from "./audit-repository.js";
import type { Db } from "./client.js";
import { bookingRepository } from "./booking-repository.js";
import { idempotencyRepository } from "./idempotency-repository.js";
import { linkAnalyticsRepository } from "./link-analytics-repository.js";
import { linkRepository } from "./link-repository.js";
import { mailOutboxRepository } from "./mail-outbox-repository.js";
import { notificationRepository } from "./notification-repository.js";
import { linkViewRepository } from "./link-view-repository.js";
import { oneTimeLinkRepository } from "./one-time-link-repository.js";
import { sessionRepository } from "./session-repository.js";
import { templateRepository } from "./template-repository.js";
import { tenantRepository } from "./tenant-repository.js";
import { userRepository } from "./user-repository.js";

function repositories(db: Db): Repositories {
  return {
    tenants: tenantRepository(db),
    users: userRepository(db),
    links: linkRepository(db),
    templates: templateRepository(db),
    oneTimeLinks: oneTimeLinkRepository(db),
    linkViews: linkViewRepository(db),
    linkAnalytics: linkAnalyticsRepository(db),
    bookings: bookingRepository(db),
    idempotency: idempotencyRepository(db),
    notifications: notificationRepository(db),
    mailOutbox: mailOutboxRepository(db),
    sessions: sessionRepository(db),
    apiKeys: apiKeyRepository(db),
    audit: auditRepository(db),
  };
}

export function createStore(db: Db): Store {
  return {
    ...repositories(db),
    transaction: (fn) => db.transaction((tx) => fn(repositories(tx as unknown as Db))),
  };
}
