// What the Calendars page says about a connection: its age in words, when the
// busy time is called stale (and why), the outcome of "Sync now", which colours
// are drawn, and a booking's calendar write as a badge.
import { describe, expect, it } from "vitest";
import {
  agoLabel,
  applyChoice,
  blockingCount,
  calendarColor,
  calendarWriteView,
  connectProblem,
  destinationOf,
  freshness,
  oauthConnectHref,
  oauthProblem,
  oauthProviderOf,
  showsAttempts,
  syncIntervalMs,
  syncOutcome,
  type CalendarWrite,
  type Connection,
} from "./calendar-model";

const MINUTE_S = 60;

function connection(fields: Partial<Connection> = {}): Connection {
  return {
    id: "7d2b1c1e-3f57-4a4e-9c55-9a3b0c7a1f00",
    user: { id: "5c0ffee0-3f57-4a4e-9c55-9a3b0c7a1f00", name: "Ada" },
    provider: "caldav",
    label: "Work",
    serverUrl: "https://caldav.fastmail.com/",
    username: "ada@example.com",
    status: "ok",
    lastSyncedAt: "2026-05-04T10:00:00.000Z",
    lastAttemptAt: "2026-05-04T10:00:00.000Z",
    staleSeconds: 2 * MINUTE_S,
    lastError: null,
    // A five-minute interval: the next sync is due five minutes after the last.
    nextSyncAt: "2026-05-04T10:05:00.000Z",
    createContacts: false,
    createdAt: "2026-05-01T09:00:00.000Z",
    sync: { mode: "polling", intervalMinutes: 5, reason: null },
    calendars: [
      { id: "c1", name: "Personal", color: "#ff2968ff", readOnly: false, isConflict: true, isDestination: true, lastSyncedAt: "2026-05-04T10:00:00.000Z" },
      { id: "c2", name: "Holidays", color: null, readOnly: true, isConflict: false, isDestination: false, lastSyncedAt: "2026-05-04T10:00:00.000Z" },
    ],
    ...fields,
  };
}

describe("agoLabel", () => {
  it("rounds down to the largest whole unit, singular for one", () => {
    expect(agoLabel(0)).toBe("just now");
    expect(agoLabel(59)).toBe("just now");
    expect(agoLabel(60)).toBe("1 minute ago");
    expect(agoLabel(119)).toBe("1 minute ago");
    expect(agoLabel(59 * MINUTE_S + 59)).toBe("59 minutes ago");
    expect(agoLabel(3600)).toBe("1 hour ago");
    expect(agoLabel(2 * 3600 + 59 * MINUTE_S)).toBe("2 hours ago");
    expect(agoLabel(86_400)).toBe("1 day ago");
    expect(agoLabel(3 * 86_400)).toBe("3 days ago");
  });
});

describe("freshness", () => {
  it("counts the busy time's age on from the server's answer, not from the browser's clock", () => {
    expect(freshness(connection({ staleSeconds: 30 }), 0, "UTC").summary).toBe("Last synced just now");
    expect(freshness(connection({ staleSeconds: 30 }), 4 * 60_000, "UTC").summary).toBe("Last synced 4 minutes ago");
    expect(freshness(connection({ staleSeconds: 30 }), 4 * 60_000, "UTC").ageSeconds).toBe(270);
  });

  it("warns when a healthy connection's busy time is older than three sync intervals", () => {
    expect(freshness(connection({ staleSeconds: 15 * MINUTE_S }), 0, "UTC").warning).toBeNull();
    const overdue = freshness(connection({ staleSeconds: 15 * MINUTE_S + 1 }), 0, "UTC");
    expect(overdue.warning).toBe("Showing busy time last synced 15 minutes ago: the regular sync is overdue. Try “Sync now”.");
    // Also when the list has been on screen long enough.
    expect(freshness(connection({ staleSeconds: 0 }), 16 * 60_000, "UTC").warning).toContain("last synced 16 minutes ago");
  });

  it("always warns after a failed sync, with the server's error and the next try", () => {
    const failed = freshness(connection({ status: "error", staleSeconds: 2 * 3600, lastError: "connect ECONNREFUSED 127.0.0.1:9", nextSyncAt: "2026-05-04T12:04:00.000Z" }), 0, "UTC");
    expect(failed.summary).toBe("Last synced 2 hours ago");
    expect(failed.warning).toMatch(/^Showing busy time last synced 2 hours ago; the server could not be reached: connect ECONNREFUSED 127\.0\.0\.1:9\. Next try .*12:04/);
    const never = freshness(connection({ status: "error", staleSeconds: null, lastSyncedAt: null, lastError: "HTTP 503" }), 0, "UTC");
    expect(never.summary).toBe("Not synced yet");
    expect(never.warning).toMatch(/^No busy time yet; the server could not be reached: HTTP 503\./);
  });

  it("tells the owner to reconnect when the credentials were refused, in the words of the provider", () => {
    const caldav = freshness(connection({ status: "needs_reconnect", lastError: "HTTP 401" }), 0, "UTC").warning!;
    expect(caldav).toContain("refused the saved password (HTTP 401)");
    expect(caldav).toContain("the busy time synced 2 minutes ago still counts");
    expect(caldav).toContain("Create a new app password");
    expect(freshness(connection({ provider: "ics", status: "needs_reconnect", lastError: "HTTP 401" }), 0, "UTC").warning).toContain("The feed now asks for a password");
  });

  it("says nothing alarming while the first sync runs", () => {
    expect(freshness(connection({ status: "pending", staleSeconds: null, lastSyncedAt: null }), 0, "UTC")).toEqual({ ageSeconds: null, summary: "Not synced yet", warning: null });
  });
});

describe("syncIntervalMs", () => {
  it("is the gap between a successful sync and the next one, and unknown otherwise", () => {
    expect(syncIntervalMs(connection())).toBe(5 * 60_000);
    expect(syncIntervalMs(connection({ status: "error" }))).toBeNull();
    expect(syncIntervalMs(connection({ lastSyncedAt: null }))).toBeNull();
    expect(syncIntervalMs(connection({ nextSyncAt: "2026-05-04T09:00:00.000Z" }))).toBeNull();
  });
});

describe("syncOutcome", () => {
  it("reports success with the calendars found, and a failure with its reason", () => {
    expect(syncOutcome(connection())).toEqual({ text: "Synced just now: 2 calendars, busy time up to date.", isError: false });
    expect(syncOutcome(connection({ status: "error", lastError: "HTTP 404 Not Found" }))).toEqual({ text: "Sync failed: HTTP 404 Not Found.", isError: true });
    expect(syncOutcome(connection({ status: "needs_reconnect", lastError: null })).text).toBe("Sync failed: the server refused the saved password.");
    expect(syncOutcome(connection({ provider: "google", status: "needs_reconnect", lastError: "invalid_grant" })).text).toBe("Sync failed: Google no longer lets Convene in (invalid_grant). Reconnect to allow access again.");
  });
});

describe("calendarColor", () => {
  it("draws the hex colours calendar servers send and nothing else", () => {
    expect(calendarColor("#ff2968ff")).toBe("#ff2968ff");
    expect(calendarColor("#0A0")).toBe("#0A0");
    expect(calendarColor("#123456")).toBe("#123456");
    expect(calendarColor(null)).toBeNull();
    expect(calendarColor("red; background: url(x)")).toBeNull();
    expect(calendarColor("#12345")).toBeNull();
  });
});

describe("destinationOf and blockingCount", () => {
  it("find the one calendar that receives bookings and count the blocking ones across connections", () => {
    const work = connection();
    const feed = connection({ id: "f", provider: "ics", calendars: [{ ...work.calendars[1]!, id: "c3", isConflict: true }] });
    expect(destinationOf([feed, work])).toEqual({ connection: work, calendar: work.calendars[0] });
    expect(destinationOf([feed])).toBeNull();
    expect(blockingCount([feed, work])).toBe(2);
    expect(blockingCount([])).toBe(0);
  });
});

describe("applyChoice", () => {
  it("changes only the chosen calendar, and moves the destination across connections", () => {
    const work = connection();
    const other = connection({ id: "o", calendars: [{ ...work.calendars[0]!, id: "c9", isDestination: false }] });
    const unblocked = applyChoice([work, other], { id: "c1", isConflict: false });
    expect(unblocked[0]!.calendars[0]).toMatchObject({ isConflict: false, isDestination: true });
    expect(unblocked[0]!.calendars[1]).toEqual(work.calendars[1]);
    const moved = applyChoice([work, other], { id: "c9", isDestination: true });
    expect(moved[0]!.calendars[0]!.isDestination).toBe(false);
    expect(moved[1]!.calendars[0]!.isDestination).toBe(true);
    expect(destinationOf(moved)?.calendar.id).toBe("c9");
    // Stopping writes leaves no destination.
    expect(destinationOf(applyChoice([work], { id: "c1", isDestination: false }))).toBeNull();
  });
});

describe("calendarWriteView", () => {
  const write = (fields: Partial<CalendarWrite>): CalendarWrite => ({
    hostUserId: "u1",
    state: "written",
    calendarId: "c1",
    calendarName: "Personal",
    attempts: 1,
    lastError: null,
    updatedAt: "2026-05-04T10:00:00.000Z",
    ...fields,
  });

  it("names every state with a word and a shape, like the delivery log", () => {
    expect(calendarWriteView(write({}), "UTC")).toMatchObject({ label: "Written", tone: "success", mark: "check" });
    expect(calendarWriteView(write({}), "UTC").detail).toContain("10:00");
    expect(calendarWriteView(write({ state: "removed" }), "UTC")).toMatchObject({ label: "Removed", mark: "dash" });
    expect(calendarWriteView(write({ state: "failed", attempts: 5 }), "UTC")).toMatchObject({ label: "Failed", tone: "danger", detail: "Gave up after 5 attempts" });
    expect(calendarWriteView(write({ state: "skipped", calendarName: null }), "UTC")).toMatchObject({ label: "Not written", detail: "No calendar chosen for new bookings" });
    expect(calendarWriteView(write({ state: "pending", attempts: 0 }), "UTC")).toMatchObject({ label: "Pending", mark: "clock" });
    expect(calendarWriteView(write({ state: "pending", attempts: 2 }), "UTC")).toMatchObject({ label: "Retrying", tone: "warning", detail: "2 attempts so far" });
  });

  it("mentions the attempts only where they tell something the badge does not", () => {
    expect(showsAttempts(write({ attempts: 1 }))).toBe(false);
    expect(showsAttempts(write({ attempts: 3 }))).toBe(true);
    expect(showsAttempts(write({ state: "removed", attempts: 2 }))).toBe(true);
    expect(showsAttempts(write({ state: "failed", attempts: 5 }))).toBe(false);
    expect(showsAttempts(write({ state: "pending", attempts: 2 }))).toBe(false);
  });
});

describe("connectProblem", () => {
  it("explains each calendar error code for the form it came from", () => {
    expect(connectProblem("CALENDAR_AUTH_FAILED", "HTTP 401", "caldav").advice).toContain("app password");
    expect(connectProblem("CALENDAR_AUTH_FAILED", "HTTP 401", "ics").title).toBe("The feed asks for a password");
    expect(connectProblem("CALENDAR_UNREACHABLE", "HTTP 503", "ics").title).toBe("The feed could not be loaded");
    expect(connectProblem("CALENDAR_REJECTED", "HTTP 404", "ics").title).toBe("No calendar at this address");
    expect(connectProblem("CALENDAR_URL_REFUSED", "private address", "ics").title).toBe("This address is not allowed");
    expect(connectProblem("VALIDATION_FAILED", "url must be an absolute URL.", "ics")).toEqual({ title: "Check the highlighted fields", advice: "", detail: "url must be an absolute URL." });
    expect(connectProblem("NETWORK", "Convene could not be reached.", "caldav").title).toBe("Could not connect");
  });
});

describe("Google and Microsoft connections", () => {
  it("tells a refused grant to reconnect, not to make an app password", () => {
    const warning = freshness(connection({ provider: "google", status: "needs_reconnect", lastError: "invalid_grant" }), 0, "UTC").warning!;
    expect(warning).toContain("Google no longer lets Convene in");
    expect(warning).toContain("Reconnect");
    expect(warning).not.toMatch(/app password/i);
    expect(oauthProviderOf(connection({ provider: "microsoft" }))).toBe("microsoft");
    expect(oauthProviderOf(connection({ provider: "caldav" }))).toBeNull();
  });

  it("links to the connect route, with the connection to renew", () => {
    expect(oauthConnectHref("google")).toBe("/api/v1/calendars/connect/google");
    expect(oauthConnectHref("microsoft", "7d2b1c1e-3f57-4a4e-9c55-9a3b0c7a1f00")).toBe("/api/v1/calendars/connect/microsoft?reconnect=7d2b1c1e-3f57-4a4e-9c55-9a3b0c7a1f00");
  });

  it("puts each consent failure in its own words, and an unknown code in general ones", () => {
    const codes = ["OAUTH_CONSENT_DENIED", "OAUTH_STATE_INVALID", "OAUTH_PROVIDER_NOT_CONFIGURED", "UNAUTHENTICATED", "CALENDAR_AUTH_FAILED", "CALENDAR_UNREACHABLE", "NOT_FOUND"];
    const titles = codes.map((code) => oauthProblem(code).title);
    expect(new Set(titles).size).toBe(codes.length);
    expect(titles).not.toContain(oauthProblem("SOMETHING_NEW").title);
    expect(oauthProblem("OAUTH_CONSENT_DENIED").title).toBe("Access was not granted");
  });
});
