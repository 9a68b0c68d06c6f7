// How a connection's busy time is kept fresh, in words for its card: pushed
// by Google or Microsoft as changes happen, or checked on an interval (and,
// when the provider refused Convene's notification address, why).
import type { Connection } from "./calendar-model";

export type SyncModeView = { label: string; detail: string | null; tone: "success" | "muted" | "warning" };

const PUSHER: Partial<Record<Connection["provider"], string>> = { google: "Google", microsoft: "Microsoft" };

export function syncModeView(connection: Pick<Connection, "provider" | "sync">): SyncModeView {
  const { mode, intervalMinutes, reason } = connection.sync;
  const every = intervalMinutes === 1 ? "every minute" : `every ${intervalMinutes} min`;
  if (mode === "push") return { label: "Live updates", detail: `${PUSHER[connection.provider] ?? "The provider"} tells Convene of each change; a full check still runs ${every}.`, tone: "success" };
  if (reason) return { label: `Polling ${every}`, detail: `Live updates are off: ${reason}`, tone: "warning" };
  return { label: `Polling ${every}`, detail: null, tone: "muted" };
}
