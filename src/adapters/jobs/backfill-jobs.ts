// The inbound backfill schedule: like the calendar sync (calendar-sync-jobs.ts),
// a timer on every node asks the use case to backfill the sources that are due;
// each source's lease keeps two nodes from backfilling it at once.
import type { Logger } from "pino";

export type BackfillJobs = {
  /** Backfills what is due now (the timer does the same); returns how many sources it tried. */
  backfillDueOnce(nowMs: number): Promise<number>;
  stop(): Promise<void>;
};

/**
 * How often to look for due sources: a tenth of the interval, between 10 seconds and a minute.
 * A source whose provider fails stays due, so it is tried again at this pace, not at every interval.
 */
export function backfillTickMs(intervalMs: number): number {
  return Math.min(60_000, Math.max(10_000, intervalMs / 10));
}

export function startBackfillJobs(options: { backfillDue(nowMs: number): Promise<number>; clock: () => number; logger: Logger; tickMs: number }): BackfillJobs {
  const { backfillDue, clock, logger } = options;
  let running: Promise<number> | null = null;
  let isStopped = false;
  const backfillDueOnce = (nowMs: number) => {
    running ??= backfillDue(nowMs).finally(() => {
      running = null;
    });
    return running;
  };
  const timer =
    options.tickMs > 0
      ? setInterval(() => {
          if (isStopped || running) return;
          backfillDueOnce(clock()).catch((error: unknown) => logger.error({ err: error }, "inbound backfill pass failed"));
        }, options.tickMs)
      : null;
  timer?.unref();
  return {
    backfillDueOnce,
    async stop() {
      isStopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
