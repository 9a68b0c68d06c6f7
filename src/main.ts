// The composition root: read config → open adapters → build use cases → serve.
// Nothing else wires adapters to use cases.
import type { FastifyInstance } from "fastify";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pinoPretty from "pino-pretty";
import { pino, type DestinationStream, type Logger } from "pino";
import { withReadCache } from "./adapters/cache/read-cache.js";
import { argon2PasswordHasher } from "./adapters/crypto/argon2-password-hasher.js";
import { attendanceLinkKey, meetingRoomKey } from "./adapters/crypto/derived-keys.js";
import { createSecretBox } from "./adapters/crypto/secret-box.js";
import { ensureSecretKey, lockDataDir, type DataDirLock } from "./adapters/data-dir.js";
import { openDatabase, type Database } from "./adapters/db/client.js";
import { createStore } from "./adapters/db/store.js";
import type { DeliveryAttempt } from "./use-cases/ports/deliveries.js";
import type { Store } from "./use-cases/ports/store.js";
import { createDevOutboxMailer } from "./adapters/email/dev-outbox-mailer.js";
import { buildCalendarObject, buildInvite } from "./adapters/email/ics.js";
import { createSmtpMailer } from "./adapters/email/smtp-mailer.js";
import { logSerializers } from "./adapters/logging/log-serializers.js";
import { EVENTS_COMMITTED_CHANNEL, startDeliveryJobs, type DeliveryJobs } from "./adapters/jobs/delivery-jobs.js";
import type { Config } from "./config.js";
import { buildApp } from "./http/app.js";
import { pruneStaleRecords } from "./use-cases/housekeeping/prune-stale-records.js";
import type { DeliveryChannel } from "./use-cases/deliveries/channel.js";
import { deliverQueued } from "./use-cases/deliveries/deliver.js";
import { calendarChannel } from "./use-cases/deliveries/calendar-channel.js";
import { contactsChannel } from "./use-cases/deliveries/contacts-channel.js";
import { emailChannel } from "./use-cases/deliveries/email-channel.js";
import { leadsChannel } from "./use-cases/deliveries/leads-channel.js";
import { inAppChannel } from "./use-cases/deliveries/in-app-channel.js";
import { webhookChannel } from "./use-cases/deliveries/webhook-channel.js";
import type { WebhookDeps } from "./use-cases/webhooks/webhook-deps.js";
import { createWebhookSender, WEBHOOK_TIMEOUT_MS } from "./adapters/webhooks/webhook-sender.js";
import { startLiveFeed, type RunningLiveFeed } from "./adapters/db/live-feed.js";
import type { CalendarDeps } from "./use-cases/calendars/calendar-deps.js";
import { applySyncInterval, syncDueConnections } from "./use-cases/calendars/sync-calendars.js";
import { startCalendarSyncJobs, syncTickMs } from "./adapters/jobs/calendar-sync-jobs.js";
import { createCalendarProviderFactory } from "./adapters/calendars/provider-factory.js";
import { createContactDirectoryFactory } from "./adapters/contacts/contact-directory-factory.js";
import { createOAuthClients } from "./adapters/oauth/oauth-clients.js";
import { fanOutEvents } from "./use-cases/deliveries/fan-out.js";
import { createInboundProviders } from "./adapters/inbound/inbound-providers.js";
import type { InboundDeps } from "./use-cases/inbound/inbound-deps.js";
import { backfillDueSources } from "./use-cases/inbound/backfill-source.js";
import { backfillTickMs, startBackfillJobs } from "./adapters/jobs/backfill-jobs.js";
import { HOLD_SWEEP_TICK_MS, startHoldSweepJobs } from "./adapters/jobs/hold-sweep-jobs.js";
import { releaseExpiredHolds } from "./use-cases/holds/release-expired-holds.js";

export type Runtime = {
  config: Config;
  logger: Logger;
  database: Database;
  /** Everything use cases need: the mailer, the invite builder, the calendar and inbound providers included. */
  deps: CalendarDeps & InboundDeps & WebhookDeps;
  close(): Promise<void>;
};

export function createLogger(config: Pick<Config, "logLevel"> & Partial<Pick<Config, "logFormat">>, destination?: DestinationStream): Logger {
  // Tokens in URLs and query values in errors never reach a log line (log-serializers.ts).
  const options = { level: config.logLevel, base: { service: "convene" }, serializers: logSerializers };
  const format = config.logFormat ?? "json";
  const isTerminal = !destination && process.stdout.isTTY;
  if (format === "pretty" || (format === "auto" && isTerminal)) {
    // Read by a person: time, level and message on one line, the fields after it; colours only on a terminal.
    const pretty = pinoPretty({ sync: true, colorize: isTerminal, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,service", ...(destination ? { destination } : {}) });
    return pino(options, pretty);
  }
  return destination ? pino(options, destination) : pino(options);
}

/** Opens the database (locking the embedded data directory), migrates it, and builds the adapters. */
export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  let lock: DataDirLock | undefined;
  let secretKeyBase64 = config.secretKeyBase64;
  if (!config.databaseUrl) {
    lock = lockDataDir(config.dataDir);
    if (!secretKeyBase64) {
      const secret = ensureSecretKey(config.dataDir);
      secretKeyBase64 = secret.keyBase64;
      if (secret.wasGenerated) logger.warn({ keyPath: secret.keyPath }, "generated CONVENE_SECRET_KEY into the data directory; back it up with the data");
    }
  }
  try {
    const database = await openDatabase(
      config.databaseUrl
        ? { engine: "postgres", url: config.databaseUrl, maxConnections: config.databasePool.size, connectionWaitMs: config.databasePool.waitMs }
        : { engine: "pglite", dataDir: path.join(config.dataDir, "pgdata") },
    );
    await database.migrate();
    const store = withReadCache(createStore(database.db), { clock: Date.now });
    const mailer = config.smtpUrl ? createSmtpMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, maxConnections: config.notifyConcurrency }) : createDevOutboxMailer(store.mailOutbox, config.mailFrom);
    const deps: CalendarDeps & InboundDeps & WebhookDeps = {
      store,
      passwords: argon2PasswordHasher,
      secrets: createSecretBox(secretKeyBase64!),
      meetingRooms: { jitsiBaseUrl: config.jitsiBaseUrl, roomKey: meetingRoomKey(secretKeyBase64!) },
      attendanceLinkKey: attendanceLinkKey(secretKeyBase64!),
      mailer,
      invites: { build: (facts, method) => buildInvite(facts, method, config.publicUrl), calendarObject: (facts) => buildCalendarObject(facts, config.publicUrl) },
      publicUrl: config.publicUrl,
      calendarProviders: createCalendarProviderFactory({
        allowPrivateUrls: config.calendars.allowPrivateUrls,
        timeoutMs: config.calendars.fetchTimeoutSeconds * 1000,
        maxBodyBytes: config.calendars.maxBodyBytes,
        googleApiUrl: config.google.apiUrl,
        microsoftGraphUrl: config.microsoft.graphUrl,
      }),
      contactDirectories: createContactDirectoryFactory({
        timeoutMs: config.calendars.fetchTimeoutSeconds * 1000,
        maxBodyBytes: config.calendars.maxBodyBytes,
        googlePeopleApiUrl: config.google.peopleApiUrl,
        microsoftGraphUrl: config.microsoft.graphUrl,
      }),
      oauthClients: createOAuthClients({ google: config.google, microsoft: config.microsoft, timeoutMs: config.calendars.fetchTimeoutSeconds * 1000 }),
      calendarSyncIntervalMs: config.calendars.syncIntervalSeconds * 1000,
      inboundProviders: createInboundProviders({ calcomApiUrl: config.inbound.calcomApiUrl, calendlyApiUrl: config.inbound.calendlyApiUrl }),
      inbound: { backfillDays: config.inbound.backfillDays, backfillIntervalMs: config.inbound.backfillIntervalMinutes * 60_000 },
      webhookSender: createWebhookSender({ allowPrivateUrls: config.webhooks.allowPrivateUrls, timeoutMs: WEBHOOK_TIMEOUT_MS }),
      logger,
    };
    return {
      config,
      logger,
      database,
      deps,
      close: async () => {
        await mailer.close();
        await database.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Every channel booking events are delivered on: a new integration is one adapter and one line here. */
export function defaultChannels(deps: CalendarDeps & WebhookDeps): DeliveryChannel[] {
  return [emailChannel(deps), calendarChannel(deps), contactsChannel(deps), leadsChannel(deps), inAppChannel(deps), webhookChannel(deps)];
}

/** What the delivery jobs run on these channels: the fan-out, the due deliveries and the delivery of one. */
export function channelRuntime(store: Store, channels: readonly DeliveryChannel[]) {
  return {
    fanOut: (nowMs: number, maxEvents: number) => fanOutEvents(store, channels, nowMs, maxEvents),
    deliveries: store.deliveries,
    deliver: (deliveryId: string, nowMs: number, attempt: DeliveryAttempt) => deliverQueued(store, channels, deliveryId, nowMs, attempt),
  };
}

/** The background work of a node: the delivery relay and workers, the calendar sync, the inbound backfill and the slot-hold sweep. */
export async function startJobs(runtime: Runtime, channels: readonly DeliveryChannel[] = defaultChannels(runtime.deps)): Promise<DeliveryJobs> {
  runtime.logger.info({ mail: runtime.deps.mailer.describe(), channels: channels.map((channel) => channel.name) }, "notification workers started");
  await applySyncInterval(runtime.deps, Date.now());
  const calendarSync = startCalendarSyncJobs({
    syncDue: (nowMs) => syncDueConnections(runtime.deps, nowMs),
    clock: Date.now,
    logger: runtime.logger,
    tickMs: syncTickMs(runtime.config.calendars.syncIntervalSeconds),
  });
  const backfill = startBackfillJobs({
    backfillDue: (nowMs) => backfillDueSources(runtime.deps, nowMs),
    clock: Date.now,
    logger: runtime.logger,
    tickMs: backfillTickMs(runtime.deps.inbound.backfillIntervalMs),
  });
  const holdSweep = startHoldSweepJobs({
    releaseExpired: (nowMs) => releaseExpiredHolds(runtime.deps.store, nowMs),
    clock: Date.now,
    logger: runtime.logger,
    tickMs: HOLD_SWEEP_TICK_MS,
  });
  const deliveryJobs = await startDeliveryJobs({
    database: runtime.database,
    ...channelRuntime(runtime.deps.store, channels),
    clock: Date.now,
    logger: runtime.logger,
    retry: runtime.config.notificationRetry,
    relayIntervalMs: 1_000,
    onEventsCommitted: (wake) => runtime.database.listen(EVENTS_COMMITTED_CHANNEL, wake),
    concurrency: runtime.config.notifyConcurrency,
    jobTimeoutSeconds: runtime.config.notifyJobTimeoutSeconds,
    housekeep: (nowMs) => pruneStaleRecords(runtime.deps.store, nowMs),
  }).catch(async (error: unknown) => {
    await calendarSync.stop();
    await backfill.stop();
    await holdSweep.stop();
    throw error;
  });
  return {
    ...deliveryJobs,
    stop: async () => {
      await calendarSync.stop();
      await backfill.stop();
      await holdSweep.stop();
      await deliveryJobs.stop();
    },
  };
}

/** web/dist beside src/ and dist/: where `npm run build` puts the web app. */
export const WEB_ROOT = fileURLToPath(new URL("../web/dist", import.meta.url));

export type RunningServer = { app: FastifyInstance; url: string; close(): Promise<void> };

/** channelsOf: the delivery channels this node runs (tests add a test-only one to Convene's own). */
export async function serve(config: Config, logger = createLogger(config), channelsOf: (deps: CalendarDeps & WebhookDeps) => DeliveryChannel[] = defaultChannels): Promise<RunningServer> {
  const runtime = await openRuntime(config, logger);
  const webRoot = config.webDir ?? WEB_ROOT;
  let jobs: DeliveryJobs | null = null;
  let liveFeed: RunningLiveFeed | null = null;
  try {
    liveFeed = await startLiveFeed(runtime.database, () => logger.warn("a live signal that is not JSON was ignored"));
    const app = await buildApp(
      { ...runtime.deps, clock: Date.now, database: runtime.database, liveFeed },
      {
        logger,
        trustProxy: config.trustProxy,
        bodyLimitBytes: config.bodyLimitBytes,
        rateLimits: config.rateLimits,
        holdMinutes: config.holdMinutes,
        webRoot,
        requestTimeoutSeconds: config.requestTimeoutSeconds,
        maxConnections: config.maxConnections,
        ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
        embedFrameAncestors: config.embedFrameAncestors,
      },
    );
    if (config.isRunningWorkers) jobs = await startJobs(runtime, channelsOf(runtime.deps));
    else logger.info("notification workers are off here (CONVENE_WORKERS=false): run `convene worker`");
    await app.listen({ port: config.port, host: config.host });
    if (!existsSync(path.join(WEB_ROOT, "index.html"))) logger.warn({ webRoot }, "the web app is not built (run `npm run build`): serving the API only");
    logger.info({ url: config.publicUrl, database: runtime.database.engine, dataDir: config.dataDir, mail: runtime.deps.mailer.describe() }, "Convene is listening");
    return {
      app,
      url: config.publicUrl,
      // Stop accepting, let in-flight requests and jobs finish, then close the database.
      close: async () => {
        await app.close();
        await jobs?.stop();
        await liveFeed?.stop();
        await runtime.close();
      },
    };
  } catch (error) {
    await jobs?.stop();
    await liveFeed?.stop();
    await runtime.close();
    throw error;
  }
}
