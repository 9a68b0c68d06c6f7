// The notification job queue: a relay hands due outbox rows to pg-boss (on
// the same database, PGlite or PostgreSQL), and workers deliver them with
// retries and exponential backoff. The outbox row's id is the job id, so a
// relay that runs twice (a crash, two nodes) queues a notification once.
import PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { NotificationRepository } from "../../use-cases/ports.js";
import type { Database } from "../db/client.js";

const QUEUE = "notification";

export type RetryPolicy = { limit: number; delaySeconds: number };

export type NotificationJobs = {
  /** Queues what is due by nowMs; returns how many were handed over. */
  relayOnce(nowMs: number): Promise<number>;
  stop(): Promise<void>;
};

export async function startNotificationJobs(options: {
  database: Pick<Database, "executeSql">;
  notifications: Pick<NotificationRepository, "due" | "markDispatched">;
  /** Sends one notification (the use case); throwing makes the queue retry it. */
  deliver(notificationId: string, nowMs: number, attempt: { isFinal: boolean }): Promise<string>;
  clock: () => number;
  logger: Logger;
  retry: RetryPolicy;
  /** How often the relay looks for due notifications; 0 = only when relayOnce is called (tests). */
  relayIntervalMs: number;
  /** How often idle workers look for jobs. */
  pollingIntervalSeconds?: number;
  workers?: number;
}): Promise<NotificationJobs> {
  const { notifications, deliver, clock, logger, retry } = options;
  const boss = new PgBoss({ db: { executeSql: options.database.executeSql }, schema: "pgboss" } as PgBoss.ConstructorOptions);
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  await boss.start();
  if (!(await boss.getQueue(QUEUE))) {
    await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: retry.limit, retryDelay: retry.delaySeconds, retryBackoff: true });
  }

  for (let i = 0; i < (options.workers ?? 2); i++) {
    await boss.work<{ notificationId: string }>(
      QUEUE,
      { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 },
      async ([job]) => {
        if (!job) return;
        const isFinal = job.retryCount >= job.retryLimit;
        try {
          const outcome = await deliver(job.data.notificationId, clock(), { isFinal });
          logger.debug({ notificationId: job.data.notificationId, outcome }, "notification handled");
        } catch (error) {
          logger.warn({ err: error, notificationId: job.data.notificationId, retryCount: job.retryCount, isFinal }, "notification delivery failed");
          throw error;
        }
      },
    );
  }

  let isRelaying = false;
  async function relayOnce(nowMs: number): Promise<number> {
    if (isRelaying) return 0;
    isRelaying = true;
    try {
      const due = await notifications.due(nowMs, 100);
      for (const notification of due) {
        await boss.send(QUEUE, { notificationId: notification.id }, { id: notification.id, retryLimit: retry.limit, retryDelay: retry.delaySeconds, retryBackoff: true });
      }
      await notifications.markDispatched(
        due.map((notification) => notification.id),
        nowMs,
      );
      return due.length;
    } finally {
      isRelaying = false;
    }
  }

  const timer =
    options.relayIntervalMs > 0
      ? setInterval(() => {
          relayOnce(clock()).catch((error: unknown) => logger.error({ err: error }, "notification relay failed"));
        }, options.relayIntervalMs)
      : null;

  return {
    relayOnce,
    stop: async () => {
      if (timer) clearInterval(timer);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
