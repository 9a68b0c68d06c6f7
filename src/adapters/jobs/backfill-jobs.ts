// The inbound backfill schedule: like the calendar sync (calendar-sync-jobs.ts),
// a timer on every node asks the use case to backfill the sources that are due;
// each source's lease keeps two nodes from backfilling it at once.
import type { Logger } from "pino";
import { startPeriodicPass } from "./periodic-pass.js";

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
  const pass = startPeriodicPass({ name: "inbound backfill", pass: options.backfillDue, clock: options.clock, logger: options.logger, tickMs: options.tickMs });
  return { backfillDueOnce: pass.runOnce, stop: pass.stop };
}
