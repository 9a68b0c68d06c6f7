import { describe, expect, it } from "vitest";
import { bookingEventFacts } from "./events.js";

const invitee = { type: "invitee", id: "ada@example.com" } as const;
const owner = { type: "user", id: "u1" } as const;
const booking = {
  startAt: new Date("2026-12-02T15:00:00Z"),
  endAt: new Date("2026-12-02T15:30:00Z"),
  status: "scheduled" as const,
  hostUserIds: ["h1", "h2"],
  cancelReason: null,
};

describe("booking event facts", () => {
  it("takes times, status, hosts and actor from the booking as the change left it", () => {
    expect(bookingEventFacts("created", booking, { actor: invitee })).toEqual({
      startMs: Date.parse("2026-12-02T15:00:00Z"),
      endMs: Date.parse("2026-12-02T15:30:00Z"),
      previous: null,
      status: "scheduled",
      hostUserIds: ["h1", "h2"],
      cancelReason: null,
      attendance: null,
      actor: invitee,
    });
  });

  it("keeps the time before a reschedule, and only for a reschedule", () => {
    const before = { startAt: new Date("2026-12-01T14:00:00Z"), endAt: new Date("2026-12-01T14:30:00Z") };
    const moved = bookingEventFacts("rescheduled", { ...booking, status: "rescheduled" }, { actor: owner, before });
    expect(moved.previous).toEqual({ startMs: Date.parse("2026-12-01T14:00:00Z"), endMs: Date.parse("2026-12-01T14:30:00Z") });
    expect(bookingEventFacts("cancelled", { ...booking, status: "cancelled" }, { actor: owner, before }).previous).toBeNull();
  });

  it("names the cancel reason on a cancel and the attendance on attendance, nothing else", () => {
    const cancelled = { ...booking, status: "cancelled" as const, cancelReason: "Travel plans changed" };
    expect(bookingEventFacts("cancelled", cancelled, { actor: invitee }).cancelReason).toBe("Travel plans changed");
    expect(bookingEventFacts("rescheduled", cancelled, { actor: invitee }).cancelReason).toBeNull();
    const attended = bookingEventFacts("attendance_recorded", { ...booking, status: "no_show" }, { actor: owner, attendance: "no_show" });
    expect(attended).toMatchObject({ status: "no_show", attendance: "no_show" });
    expect(bookingEventFacts("created", booking, { actor: owner, attendance: "showed" }).attendance).toBeNull();
  });

  it("copies the host list, so a later change to the booking's list does not rewrite the event", () => {
    const hosts = ["h1"];
    const facts = bookingEventFacts("created", { ...booking, hostUserIds: hosts }, { actor: invitee });
    hosts.push("h2");
    expect(facts.hostUserIds).toEqual(["h1"]);
  });
});
