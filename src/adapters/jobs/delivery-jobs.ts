// The delivery job queue: a relay fans booking events out into deliveries
// and hands due ones to pg-boss (on the same database, PGlite or PostgreSQL),
// and a dispatcher delivers them, several at once, with retries and
// exponential backoff. The delivery's id is the job id, so a relay that runs
// twice (a crash, two nodes) queues a delivery once; a job whose worker died
// expires and is retried.
import PgBoss from "pg-boss";
import type { Logger } from "pino";
import { createHash } from "node:crypto";
import type { DeliveryAttempt, DeliveryRecord, DeliveryRepository } from "../../use-cases/ports/deliveries.js";
import { databaseError, type Database } from "../db/client.js";

/** Named before there were channels; renaming it would strand the jobs an older version queued. */
const QUEUE = "notification";

export type RetryPolicy = { limit: number; delaySeconds: number };

/** Deliveries in flight per process: SMTP round trips overlap, the database is not the limit. */
export const DEFAULT_NOTIFY_CONCURRENCY = 10;
/**
 * How long a delivery may run before its job counts as lost (its worker was
 * killed) and is retried elsewhere. Above the SMTP mailer's own timeouts, so a
 * slow but live send is not duplicated; low enough that a killed worker's job
 * is redone within a minute (timeout + one maintenance pass + first retry delay).
 */
export const DEFAULT_NOTIFY_JOB_TIMEOUT_SECONDS = 20;
/** Deliveries handed to the queue per relay query. */
const RELAY_BATCH = 500;
/** Booking events fanned out between two hand-overs to the queue. */
const FAN_OUT_BATCH = 100;

/** The NOTIFY channel the booking_events and org_events triggers signal on commit (migration 0010). */
export const EVENTS_COMMITTED_CHANNEL = "convene_events_committed";

export type DeliveryJobs = {
  /** Fans out waiting events, then queues what is due by nowMs; returns how many deliveries were handed over. */
  relayOnce(nowMs: number): Promise<number>;
  /** Runs the housekeeping task now (it also runs on its interval). */
  housekeepOnce(nowMs: number): Promise<void>;
  stop(): Promise<void>;
};

/** How often housekeeping (pruning idempotency keys and expired sessions) runs. */
export const HOUSEKEEPING_INTERVAL_MS = 60 * 60_000;

export async function startDeliveryJobs(options: {
  database: Pick<Database, "executeSql">;
  /** Fans up to maxEvents waiting booking events out into deliveries (the use case); returns how many. */
  fanOut(nowMs: number, maxEvents: number): Promise<number>;
  deliveries: Pick<DeliveryRepository, "due" | "markDispatched">;
  /** Delivers one delivery (the use case); throwing makes the queue retry it. */
  deliver(deliveryId: string, nowMs: number, attempt: DeliveryAttempt): Promise<string>;
  clock: () => number;
  logger: Logger;
  retry: RetryPolicy;
  /** How often the relay looks for events and due deliveries; 0 = only when relayOnce is called (tests). */
  relayIntervalMs: number;
  /** How often an idle dispatcher looks for jobs queued by other processes. */
  pollingIntervalSeconds?: number;
  /** Deliveries in flight at once in this process. */
  concurrency?: number;
  /** A job still active after this long is failed by pg-boss's maintenance and retried (see DEFAULT_NOTIFY_JOB_TIMEOUT_SECONDS). */
  jobTimeoutSeconds?: number;
  /** Periodic clean-up (the pruneStaleRecords use case); idempotent, so several nodes may run it. */
  housekeep?: (nowMs: number) => Promise<Record<string, number>>;
  /** Default HOUSEKEEPING_INTERVAL_MS; 0 = only when housekeepOnce is called (tests). */
  housekeepingIntervalMs?: number;
  /**
   * Subscribes to "an event was committed" (a NOTIFY sent by the events
   * tables' trigger, so every node hears it): the relay runs at once instead
   * of on its next tick. Answers the unsubscribe.
   */
  onEventsCommitted?: (wake: () => void) => Promise<() => Promise<void>>;
}): Promise<DeliveryJobs> {
  const { deliveries, deliver, clock, logger, retry } = options;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_NOTIFY_CONCURRENCY);
  const jobTimeoutSeconds = Math.max(1, Math.round(options.jobTimeoutSeconds ?? DEFAULT_NOTIFY_JOB_TIMEOUT_SECONDS));
  const pollingIntervalMs = Math.max(100, (options.pollingIntervalSeconds ?? 0.5) * 1000);
  const boss = await startQueue(() => {
    const instance = new PgBoss({
      db: { executeSql: options.database.executeSql },
      schema: "pgboss",
      // Maintenance is what fails expired jobs (those of a killed worker); pg-boss
      // runs it every 2 minutes by default, and one node at a time does it.
      supervise: true,
      maintenanceIntervalSeconds: Math.max(1, Math.min(10, Math.floor(jobTimeoutSeconds / 3))),
    } as PgBoss.ConstructorOptions);
    instance.on("error", (error) => logger.error({ err: error }, "job queue error"));
    return instance;
  }, { name: QUEUE, retryLimit: retry.limit, retryDelay: retry.delaySeconds, retryBackoff: true, expireInSeconds: jobTimeoutSeconds }, logger);

  // The dispatcher. pg-boss's own work() waits a full polling interval after
  // every batch, even when more jobs are waiting, and its batch fails or
  // completes as one; with two workers of one job each that capped delivery
  // at ~4 mails/s. Here up to `concurrency` deliveries run at once, each job
  // completes or fails on its own, and the next fetch happens as soon as a
  // slot frees; only an empty queue waits for the polling interval.
  const inFlight = new Set<Promise<void>>();
  let isStopping = false;
  let wake: (() => void) | null = null;
  const napMs = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function handle(job: PgBoss.JobWithMetadata<{ notificationId: string }>): Promise<void> {
    // The payload's name is older than channels: jobs queued by an older version carry it too.
    const deliveryId = job.data.notificationId;
    const isFinal = job.retryCount >= job.retryLimit;
    const nowMs = clock();
    try {
      const outcome = await withinSeconds(deliver(deliveryId, nowMs, { isFinal, retryAtMs: nowMs + earliestRetryDelayMs(job) }), jobTimeoutSeconds);
      await boss.complete(QUEUE, job.id);
      logger.debug({ deliveryId, outcome }, "delivery handled");
    } catch (error) {
      // A delivery waiting for something (a Meet or Teams link) is not a failure worth a warning.
      if (error instanceof Error && error.name === "DeliveryDeferred") logger.info({ deliveryId, retryCount: job.retryCount, reason: error.message }, "delivery waits");
      else logger.warn({ err: error, deliveryId, retryCount: job.retryCount, isFinal }, "delivery failed");
      // If this fails too, the job expires and maintenance retries it.
      await boss.fail(QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) }).catch((failure: unknown) => logger.error({ err: failure }, "job queue error"));
    }
  }

  async function dispatch(): Promise<void> {
    while (!isStopping) {
      let fetched = 0;
      try {
        const free = concurrency - inFlight.size;
        if (free > 0) {
          const jobs = await boss.fetch<{ notificationId: string }>(QUEUE, { batchSize: free, includeMetadata: true });
          fetched = jobs.length;
          for (const job of jobs) {
            const running: Promise<void> = handle(job).finally(() => inFlight.delete(running));
            inFlight.add(running);
          }
        }
      } catch (error) {
        logger.error({ err: error }, "job queue error");
      }
      if (isStopping) break;
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
      else if (fetched === 0) await napMs(pollingIntervalMs);
    }
  }
  const dispatching = dispatch();

  /** Hands every due delivery not yet queued to the queue; returns how many. */
  async function queueDue(nowMs: number): Promise<number> {
    let queued = 0;
    for (;;) {
      const due = await deliveries.due(nowMs, RELAY_BATCH);
      if (due.length === 0) break;
      // One insert per batch; the job id is the delivery id, so a second relay of the same row is ignored.
      await boss.insert(
        due.map((delivery) => ({
          name: QUEUE,
          id: jobIdOf(delivery),
          data: { notificationId: delivery.id },
          retryLimit: retry.limit,
          retryDelay: retry.delaySeconds,
          retryBackoff: true,
          expireInSeconds: jobTimeoutSeconds,
        })),
      );
      await deliveries.markDispatched(
        due.map((delivery) => delivery.id),
        nowMs,
      );
      queued += due.length;
      wake?.();
      if (due.length < RELAY_BATCH) break;
    }
    return queued;
  }

  let isRelaying = false;
  /** Set when a wake-up arrives during a relay: that relay may have read before the new event committed. */
  let isRelayWanted = false;
  async function relayOnce(nowMs: number): Promise<number> {
    if (isRelaying) return 0;
    isRelaying = true;
    try {
      // A batch of events at a time, each batch's deliveries queued at once: after a burst of
      // bookings the first mails go out while later events are still being planned.
      let relayed = 0;
      for (;;) {
        const fannedOut = await options.fanOut(nowMs, FAN_OUT_BATCH);
        const queued = await queueDue(nowMs);
        relayed += queued;
        // The dispatcher may be napping on an empty queue: fetch what was just queued now.
        if (queued > 0) wake?.();
        if (fannedOut < FAN_OUT_BATCH) return relayed;
      }
    } finally {
      isRelaying = false;
    }
  }

  function relaySoon(): void {
    if (isStopping) return;
    if (isRelaying) {
      isRelayWanted = true;
      return;
    }
    relayOnce(clock())
      .then(() => {
        if (!isRelayWanted) return;
        isRelayWanted = false;
        relaySoon();
      })
      .catch((error: unknown) => logger.error({ err: error }, "delivery relay failed"));
  }
  const stopListening = options.onEventsCommitted ? await options.onEventsCommitted(relaySoon) : null;

  const timer =
    options.relayIntervalMs > 0
      ? setInterval(() => {
          relayOnce(clock()).catch((error: unknown) => logger.error({ err: error }, "delivery relay failed"));
        }, options.relayIntervalMs)
      : null;

  async function housekeepOnce(nowMs: number): Promise<void> {
    if (!options.housekeep) return;
    const removed = await options.housekeep(nowMs);
    if (Object.values(removed).some((count) => count > 0)) logger.info({ removed }, "housekeeping removed stale records");
  }
  const housekeepingIntervalMs = options.housekeepingIntervalMs ?? HOUSEKEEPING_INTERVAL_MS;
  const housekeepingTimer =
    options.housekeep && housekeepingIntervalMs > 0
      ? setInterval(() => {
          housekeepOnce(clock()).catch((error: unknown) => logger.error({ err: error }, "housekeeping failed"));
        }, housekeepingIntervalMs)
      : null;
  housekeepingTimer?.unref();

  return {
    relayOnce,
    housekeepOnce,
    stop: async () => {
      await stopListening?.();
      if (timer) clearInterval(timer);
      if (housekeepingTimer) clearInterval(housekeepingTimer);
      isStopping = true;
      wake?.();
      await dispatching;
      // Let deliveries under way finish (each is bounded by the job timeout).
      await Promise.allSettled([...inFlight]);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/**
 * The delivery's id, the first time it is queued. A delivery its channel put
 * back for later (DeliveryRetryAt: next_attempt_at = run_at, not dispatched)
 * is queued again under an id derived from (id, run_at): pg-boss keeps a
 * finished job's id for hours, and a relay running twice still queues it once.
 */
export function jobIdOf(delivery: Pick<DeliveryRecord, "id" | "runAtMs" | "nextAttemptAtMs">): string {
  if (delivery.nextAttemptAtMs === null || delivery.nextAttemptAtMs !== delivery.runAtMs) return delivery.id;
  const hex = createHash("sha256").update(`${delivery.id}:${delivery.runAtMs}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** SQLSTATEs of losing a race to create pg-boss's schema or queue: unique violation, deadlock, serialization failure. */
const START_RACE_STATES = new Set(["23505", "40P01", "40001"]);
const START_ATTEMPTS = 5;

/**
 * Starts pg-boss and makes sure the queue exists. Nodes starting at the same
 * moment on a fresh database race to create pg-boss's schema and queue
 * (pg-boss 10 does not serialise that: 23505 on pg_namespace, 40P01 in
 * create_queue); the loser sees the winner's work when it tries again.
 */
async function startQueue(create: () => PgBoss, queue: PgBoss.Queue, logger: Logger): Promise<PgBoss> {
  for (let attempt = 1; ; attempt++) {
    const boss = create();
    try {
      await boss.start();
      if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, queue);
      return boss;
    } catch (error) {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      if (attempt >= START_ATTEMPTS || !START_RACE_STATES.has(databaseError(error).sqlState ?? "")) throw error;
      logger.info({ attempt, sqlState: databaseError(error).sqlState }, "another node is setting up the job queue; trying again");
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 200));
    }
  }
}

/** The soonest pg-boss runs a failed job again: its backoff waits retryDelay · 2^retryCount to twice that. */
function earliestRetryDelayMs(job: PgBoss.JobWithMetadata): number {
  return job.retryDelay * 1000 * (job.retryBackoff ? 2 ** Math.min(16, job.retryCount) : 1);
}

/** The promise's value, or a rejection once `seconds` have passed (the job has expired by then). */
function withinSeconds<T>(promise: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`delivery took longer than ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
