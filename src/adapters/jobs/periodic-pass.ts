// A pass that runs on a timer on every node (calendar sync, the inbound
// backfill): one pass at a time per node (a tick that finds one running
// skips it), errors logged, the timer unref'd so it never holds the process.
// What the pass claims (connections, sources) it claims with leases, so the
// nodes share the work without a queue.
import type { Logger } from "pino";

export type PeriodicPass = {
  /** Runs a pass now (joining the one running, if any); answers how many items it handled. */
  runOnce(nowMs: number): Promise<number>;
  stop(): Promise<void>;
};

/** tickMs 0: no timer, only runOnce (tests). */
export function startPeriodicPass(options: { name: string; pass(nowMs: number): Promise<number>; clock: () => number; logger: Logger; tickMs: number }): PeriodicPass {
  const { pass, clock, logger } = options;
  let running: Promise<number> | null = null;
  let isStopped = false;
  const runOnce = (nowMs: number) => {
    running ??= pass(nowMs).finally(() => {
      running = null;
    });
    return running;
  };
  const timer =
    options.tickMs > 0
      ? setInterval(() => {
          if (isStopped || running) return;
          runOnce(clock()).catch((error: unknown) => logger.error({ err: error }, `${options.name} pass failed`));
        }, options.tickMs)
      : null;
  timer?.unref();
  return {
    runOnce,
    async stop() {
      isStopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
