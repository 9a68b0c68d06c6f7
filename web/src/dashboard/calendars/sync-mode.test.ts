// The words a connection card uses for push and polling.
import { describe, expect, it } from "vitest";
import { syncModeView } from "./sync-mode";

describe("syncModeView", () => {
  it("says a pushed connection is live, and that the safety-net check still runs", () => {
    expect(syncModeView({ provider: "google", sync: { mode: "push", intervalMinutes: 5, reason: null } })).toEqual({
      label: "Live updates",
      detail: "Google tells Convene of each change; a full check still runs every 5 min.",
      tone: "success",
    });
  });

  it("says how often a polled connection is checked, and why push is off when the provider refused it", () => {
    expect(syncModeView({ provider: "caldav", sync: { mode: "polling", intervalMinutes: 1, reason: null } })).toEqual({ label: "Polling every minute", detail: null, tone: "muted" });
    expect(syncModeView({ provider: "google", sync: { mode: "polling", intervalMinutes: 5, reason: "WebHook callback must be HTTPS" } })).toEqual({
      label: "Polling every 5 min",
      detail: "Live updates are off: WebHook callback must be HTTPS",
      tone: "warning",
    });
  });
});
