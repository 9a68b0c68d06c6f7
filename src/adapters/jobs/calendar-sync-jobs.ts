// The background calendar sync: a timer on every node asks the use case to
// sync the connections that are due. Connections are claimed with
// FOR UPDATE SKIP LOCKED and a lease, so nodes share the work without a
// queue; a node that dies mid-sync leaves its connections to the next lease.
import type { Logger } from "pino";
import { startPeriodicPass } from "./periodic-pass.js";

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
  const pass = startPeriodicPass({ name: "calendar sync", pass: options.syncDue, clock: options.clock, logger: options.logger, tickMs: options.tickMs });
  return { syncDueOnce: pass.runOnce, stop: pass.stop };
}
