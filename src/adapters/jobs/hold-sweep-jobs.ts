// The slot-hold sweep: a timer on every node releases holds past their
// expiry (see use-cases/holds/release-expired-holds.ts). Nothing waits on it:
// readers ignore an expired hold and bookings free their hosts' expired holds
// themselves; it keeps dead rows from lingering. SKIP LOCKED lets nodes share it.
import type { Logger } from "pino";
import { startPeriodicPass } from "./periodic-pass.js";

export type HoldSweepJobs = {
  /** Releases what has expired by nowMs (the timer does the same); answers how many. */
  sweepOnce(nowMs: number): Promise<number>;
  stop(): Promise<void>;
};

/** Holds last minutes: a sweep every 30 seconds frees a dead one within half a minute of its end. */
export const HOLD_SWEEP_TICK_MS = 30_000;

export function startHoldSweepJobs(options: { releaseExpired(nowMs: number): Promise<number>; clock: () => number; logger: Logger; tickMs: number }): HoldSweepJobs {
  const pass = startPeriodicPass({ name: "slot hold sweep", pass: options.releaseExpired, clock: options.clock, logger: options.logger, tickMs: options.tickMs });
  return { sweepOnce: pass.runOnce, stop: pass.stop };
}
