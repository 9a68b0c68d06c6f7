import { describe, expect, it } from "vitest";
import { ATTENDANCE_CHECK_DELAY_MS, dedupeKeyOf, isMoot, isNotificationKind, isTooLate, planNotifications, SCHEDULED_KINDS, supersededKinds, type Recipient } from "./plan.js";

const H = 3_600_000;
const invitee: Recipient = { role: "invitee", email: "ada@example.com", name: "Ada", timeZone: "Europe/London" };
const host: Recipient = { role: "host", email: "owner@example.com", name: "Owner", timeZone: "America/New_York" };
const nowMs = Date.parse("2026-11-20T12:00:00Z");
const threeDaysOut = { sequence: 0, startMs: nowMs + 72 * H, endMs: nowMs + 72.5 * H };

describe("notification plan", () => {
  it("confirms to both sides now and reminds both 24 h and 1 h before", () => {
    const plan = planNotifications("created", threeDaysOut, [invitee, host], { nowMs, sendsFollowUp: false });
    expect(plan.map((p) => [p.kind, p.recipient.role, p.runAtMs - nowMs])).toEqual([
      ["confirmation", "invitee", 0],
      ["confirmation", "host", 0],
      ["reminder_24h", "invitee", 48 * H],
      ["reminder_24h", "host", 48 * H],
      ["reminder_1h", "invitee", 71 * H],
      ["reminder_1h", "host", 71 * H],
      ["attendance_check", "host", 72.5 * H + ATTENDANCE_CHECK_DELAY_MS],
    ]);
  });

  it("skips reminders whose moment has passed and adds the follow-up when asked", () => {
    const soon = { sequence: 2, startMs: nowMs + 3 * H, endMs: nowMs + 4 * H };
    const plan = planNotifications("rescheduled", soon, [invitee, host], { nowMs, sendsFollowUp: true });
    expect(plan.map((p) => [p.kind, p.recipient.role, p.sequence])).toEqual([
      ["reschedule", "invitee", 2],
      ["reschedule", "host", 2],
      ["reminder_1h", "invitee", 2],
      ["reminder_1h", "host", 2],
      ["follow_up", "invitee", 2],
      ["attendance_check", "host", 2],
    ]);
    expect(plan.at(-2)!.runAtMs).toBe(soon.endMs + H);
  });

  it("writes to hosts only for a booking whose invitee its provider mails (Cal.com, Calendly)", () => {
    const plan = planNotifications("created", threeDaysOut, [invitee, host], { nowMs, sendsFollowUp: true, mailsInvitee: false });
    expect(plan.map((p) => [p.kind, p.recipient.role])).toEqual([
      ["confirmation", "host"],
      ["reminder_24h", "host"],
      ["reminder_1h", "host"],
      ["attendance_check", "host"],
    ]);
    expect(planNotifications("cancelled", threeDaysOut, [invitee, host], { nowMs, sendsFollowUp: false, mailsInvitee: false }).map((p) => p.recipient.role)).toEqual(["host"]);
  });

  it("cancels with a notice only", () => {
    expect(planNotifications("cancelled", threeDaysOut, [invitee, host], { nowMs, sendsFollowUp: true }).map((p) => p.kind)).toEqual(["cancellation", "cancellation"]);
  });

  it("keys by booking, kind, sequence and recipient", () => {
    const [first] = planNotifications("created", threeDaysOut, [invitee], { nowMs, sendsFollowUp: false });
    expect(dedupeKeyOf("b1", first!)).toBe("b1:confirmation:0:ada@example.com");
  });
});

describe("late scheduled messages", () => {
  it("drops reminders that would arrive too late to mean what they say", () => {
    expect(isTooLate("reminder_24h", 0, 12 * H)).toBe(false);
    expect(isTooLate("reminder_24h", 0, 12 * H + 1)).toBe(true);
    expect(isTooLate("reminder_1h", 0, 31 * 60_000)).toBe(true);
    expect(isTooLate("confirmation", 0, 100 * H)).toBe(false);
  });
});

describe("moot notifications", () => {
  const at = { sequence: 0, runAtMs: nowMs };
  it("asks about attendance only while none is recorded and the booking stands as planned", () => {
    const check = { kind: "attendance_check" as const, ...at };
    expect(isMoot(check, { status: "scheduled", sequence: 0 }, nowMs)).toBe(false);
    expect(isMoot(check, { status: "rescheduled", sequence: 0 }, nowMs)).toBe(false);
    for (const status of ["completed", "no_show", "cancelled"] as const) expect(isMoot(check, { status, sequence: 0 }, nowMs), status).toBe(true);
    expect(isMoot(check, { status: "rescheduled", sequence: 1 }, nowMs)).toBe(true);
    expect(isMoot(check, { status: "scheduled", sequence: 0 }, nowMs + 7 * 24 * H + 1)).toBe(true);
  });
  it("skips a confirmation or reschedule notice once the booking is cancelled, so nothing says Confirmed for a cancelled meeting", () => {
    expect(isMoot({ kind: "confirmation", ...at }, { status: "cancelled", sequence: 1 }, nowMs)).toBe(true);
    expect(isMoot({ kind: "reschedule", sequence: 1, runAtMs: nowMs }, { status: "cancelled", sequence: 2 }, nowMs)).toBe(true);
    expect(isMoot({ kind: "cancellation", sequence: 1, runAtMs: nowMs }, { status: "cancelled", sequence: 1 }, nowMs)).toBe(false);
  });
  it("sends a confirmation for a booking still on, even one moved since (it renders the current time)", () => {
    expect(isMoot({ kind: "confirmation", ...at }, { status: "scheduled", sequence: 0 }, nowMs)).toBe(false);
    expect(isMoot({ kind: "confirmation", ...at }, { status: "rescheduled", sequence: 1 }, nowMs)).toBe(false);
  });
  it("skips reminders for a moved, cancelled or finished booking, and anything when the booking is gone", () => {
    expect(isMoot({ kind: "reminder_1h", ...at }, { status: "rescheduled", sequence: 1 }, nowMs)).toBe(true);
    expect(isMoot({ kind: "reminder_1h", ...at }, { status: "completed", sequence: 0 }, nowMs)).toBe(true);
    expect(isMoot({ kind: "follow_up", ...at }, { status: "completed", sequence: 0 }, nowMs)).toBe(false);
    expect(isMoot({ kind: "reminder_24h", runAtMs: nowMs - 13 * H, sequence: 0 }, { status: "scheduled", sequence: 0 }, nowMs)).toBe(true);
    expect(isMoot({ kind: "confirmation", ...at }, null, nowMs)).toBe(true);
  });
});

describe("what a booking event changes for mail", () => {
  it("plans no mail for recorded attendance", () => {
    expect(planNotifications("attendance_recorded", threeDaysOut, [invitee, host], { nowMs, sendsFollowUp: true })).toEqual([]);
  });

  it("supersedes pending reminders and follow-ups when the booking moves or ends, nothing otherwise", () => {
    expect(supersededKinds("rescheduled")).toEqual(SCHEDULED_KINDS);
    expect(supersededKinds("cancelled")).toEqual(SCHEDULED_KINDS);
    expect(supersededKinds("created")).toEqual([]);
    expect(supersededKinds("attendance_recorded")).toEqual([]);
  });

  it("tells an email's kind from another channel's", () => {
    expect(isNotificationKind("reminder_1h")).toBe(true);
    expect(isNotificationKind("created")).toBe(false);
  });
});
