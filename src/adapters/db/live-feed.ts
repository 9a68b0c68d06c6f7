// This node's ear on every node's live signals: one LISTEN for the whole
// process, fanned out in memory to the open streams. Signals are published by
// NOTIFY inside the writing transaction (in-app-notification-repository.ts), so
// a stream hears a change once it committed, on whichever node it was made.
import type { LiveFeed, LiveSignal } from "../../use-cases/ports/in-app-notifications.js";
import type { Database } from "./client.js";
import { LIVE_CHANNEL } from "./in-app-notification-repository.js";

export type RunningLiveFeed = LiveFeed & { stop(): Promise<void> };

export async function startLiveFeed(database: Pick<Database, "listen">, onBadPayload: (payload: string) => void = () => undefined): Promise<RunningLiveFeed> {
  const listeners = new Set<(signal: LiveSignal) => void>();
  const stop = await database.listen(LIVE_CHANNEL, (payload) => {
    let signal: LiveSignal;
    try {
      signal = JSON.parse(payload) as LiveSignal;
    } catch {
      onBadPayload(payload);
      return;
    }
    for (const listener of listeners) listener(signal);
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: async () => {
      listeners.clear();
      await stop();
    },
  };
}
