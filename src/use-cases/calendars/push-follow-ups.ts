// Runs push follow-ups after the provider got its answer, one connection at a
// time: notifications for a connection that arrive while it syncs are folded
// into one more pass, so a burst of changes costs two syncs, not one each.
import type { CalendarDeps } from "./calendar-deps.js";
import { runPushFollowUp, type PushFollowUp } from "./receive-push.js";

export type PushFollowUps = {
  enqueue(followUps: PushFollowUp[]): void;
  /** Resolves once nothing is queued or running (on shutdown, before the database closes). */
  idle(): Promise<void>;
};

const keyOf = (followUp: PushFollowUp) => (followUp.action === "sync" ? "sync" : `${followUp.action}:${followUp.channelId}`);
/** Renewals and replacements first: a sync after them sees the channel as it now is. */
const ORDER: Record<PushFollowUp["action"], number> = { renew: 0, replace: 1, sync: 2 };

export function createPushFollowUps(deps: CalendarDeps, clock: () => number): PushFollowUps {
  const queued = new Map<string, Map<string, PushFollowUp>>();
  const running = new Map<string, Promise<void>>();

  const drain = async (connectionId: string) => {
    for (let batch = queued.get(connectionId); batch && batch.size > 0; batch = queued.get(connectionId)) {
      queued.delete(connectionId);
      for (const followUp of [...batch.values()].sort((a, b) => ORDER[a.action] - ORDER[b.action])) {
        try {
          await runPushFollowUp(deps, followUp, clock());
        } catch (error) {
          deps.logger?.error({ err: error, connectionId, action: followUp.action }, "a calendar push follow-up failed");
        }
      }
    }
  };

  const start = (connectionId: string) => {
    if (running.has(connectionId)) return;
    const run = drain(connectionId).finally(() => {
      running.delete(connectionId);
      // Queued between the drain's last look and now.
      if (queued.has(connectionId)) start(connectionId);
    });
    running.set(connectionId, run);
  };

  return {
    enqueue(followUps) {
      for (const followUp of followUps) {
        const batch = queued.get(followUp.connectionId) ?? new Map<string, PushFollowUp>();
        batch.set(keyOf(followUp), followUp);
        queued.set(followUp.connectionId, batch);
        start(followUp.connectionId);
      }
    },
    async idle() {
      while (running.size > 0) await Promise.all(running.values());
    },
  };
}
