import { describe, expect, it } from "vitest";
import { assertChangeable, busyRangeMs, isActiveStatus, statusAfterAttendance } from "./booking.js";

const at = (iso: string) => Date.parse(iso);
const meeting = { status: "scheduled" as const, startMs: at("2026-12-01T14:00:00Z"), endMs: at("2026-12-01T14:30:00Z") };

describe("booking rules", () => {
  it("holds the meeting plus both buffers", () => {
    expect(busyRangeMs(meeting.startMs, 30, { bufferBeforeMin: 10, bufferAfterMin: 5 })).toEqual({
      startMs: at("2026-12-01T13:50:00Z"),
      endMs: at("2026-12-01T14:35:00Z"),
    });
  });

  it("knows which statuses are active", () => {
    expect(["scheduled", "rescheduled", "cancelled", "completed", "no_show"].map((s) => isActiveStatus(s as never))).toEqual([true, true, false, false, false]);
  });

  it("lets an active booking change until the meeting ends", () => {
    expect(() => assertChangeable(meeting, at("2026-12-01T14:10:00Z"))).not.toThrow();
    expect(() => assertChangeable(meeting, at("2026-12-01T14:30:00Z"))).toThrow(expect.objectContaining({ code: "BOOKING_NOT_ACTIVE" }));
    expect(() => assertChangeable({ ...meeting, status: "cancelled" }, at("2026-11-01T00:00:00Z"))).toThrow(expect.objectContaining({ code: "BOOKING_NOT_ACTIVE" }));
  });

  it("records attendance only once the meeting started, and allows corrections", () => {
    expect(() => statusAfterAttendance(meeting, "showed", at("2026-12-01T13:59:59Z"))).toThrow(expect.objectContaining({ code: "ATTENDANCE_TOO_EARLY" }));
    expect(statusAfterAttendance(meeting, "showed", meeting.startMs)).toBe("completed");
    expect(statusAfterAttendance({ ...meeting, status: "completed" }, "no_show", meeting.endMs)).toBe("no_show");
    expect(() => statusAfterAttendance({ ...meeting, status: "cancelled" }, "showed", meeting.endMs)).toThrow(expect.objectContaining({ code: "BOOKING_NOT_ACTIVE" }));
  });
});
