// The background calendar sync: a timer on every node asks the use case to
// sync the connections that are due. Connections are claimed with
// FOR UPDATE SKIP LOCKED and a lease, so nodes share the work without a
// queue; a node that dies mid-sync leaves its connections to the next lease.
import type { Logger } from "pino";

export type CalendarSyncJobs = {
  /** Syncs what is due now (the timer does the same); returns how many connections were synced. */
  syncDueOnce(nowMs: number): Promise<number>;
  stop(): Promise<void>;
};

/** How often to look for due connections: a fifth of the interval, between 1 and 10 seconds. */
export function syncTickMs(intervalSeconds: number): number {
  return Math.min(10_000, Math.max(1_000, (intervalSeconds * 1000) / 5));
}

export function startCalendarSyncJobs(options: {
  syncDue(nowMs: number): Promise<number>;
  clock: () => number;
  logger: Logger;
  /** 0 = only when syncDueOnce is called (tests). */
  tickMs: number;
}): CalendarSyncJobs {
  const { syncDue, clock, logger } = options;
  let running: Promise<number> | null = null;
  let isStopped = false;
  const syncDueOnce = (nowMs: number) => {
    // One pass at a time per node; a tick that finds one running skips.
    running ??= syncDue(nowMs).finally(() => {
      running = null;
    });
    return running;
  };
  const timer =
    options.tickMs > 0
      ? setInterval(() => {
          if (isStopped || running) return;
          syncDueOnce(clock()).catch((error: unknown) => logger.error({ err: error }, "calendar sync pass failed"));
        }, options.tickMs)
      : null;
  timer?.unref();
  return {
    syncDueOnce,
    async stop() {
      isStopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
