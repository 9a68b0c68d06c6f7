import { describe, expect, it } from "vitest";
import type { ExternalBookingChange } from "./external-booking.js";
import { decideExternalChange, type KnownExternalBooking } from "./external-order.js";

const HOUR = 3_600_000;
const change = (overrides: Partial<ExternalBookingChange>): ExternalBookingChange => ({
  kind: "booked",
  uid: "u1",
  previousUid: null,
  isRescheduleCancel: false,
  title: "Intro",
  startMs: 10 * HOUR,
  endMs: 10.5 * HOUR,
  attendees: [{ name: "Ann", email: "ann@example.com", timeZone: null }],
  hostEmail: null,
  cancelReason: null,
  meetingUrl: null,
  attendance: null,
  answers: {},
  occurredAtMs: 5 * HOUR,
  ...overrides,
});
const known = (overrides: Partial<KnownExternalBooking> = {}): KnownExternalBooking => ({ status: "scheduled", startMs: 10 * HOUR, endMs: 10.5 * HOUR, changedAtMs: 5 * HOUR, ...overrides });

describe("decideExternalChange", () => {
  it("creates an unknown booking from a create or a reschedule", () => {
    expect(decideExternalChange(null, change({}))).toEqual({ type: "create" });
    expect(decideExternalChange(null, change({ kind: "rescheduled", previousUid: "u0" }))).toEqual({ type: "create" });
  });

  it("creates and cancels a booking whose cancel arrives first", () => {
    expect(decideExternalChange(null, change({ kind: "cancelled" }))).toEqual({ type: "create_cancelled" });
  });

  it("never revives a cancelled booking, even with a newer create", () => {
    expect(decideExternalChange(known({ status: "cancelled" }), change({ occurredAtMs: 9 * HOUR, startMs: 11 * HOUR }))).toMatchObject({ type: "ignore" });
  });

  it("ignores the old half of a reschedule, known or not", () => {
    expect(decideExternalChange(null, change({ kind: "cancelled", isRescheduleCancel: true }))).toMatchObject({ type: "ignore" });
    expect(decideExternalChange(known(), change({ kind: "cancelled", isRescheduleCancel: true }))).toMatchObject({ type: "ignore" });
  });

  it("ignores a change older than the one applied, but not one at the same instant", () => {
    expect(decideExternalChange(known({ changedAtMs: 6 * HOUR }), change({ startMs: 12 * HOUR, endMs: 12.5 * HOUR }))).toMatchObject({ type: "ignore", reason: expect.stringMatching(/older/) });
    expect(decideExternalChange(known(), change({ startMs: 12 * HOUR, endMs: 12.5 * HOUR }))).toEqual({ type: "move" });
  });

  it("records nothing for a duplicate", () => {
    expect(decideExternalChange(known(), change({}))).toMatchObject({ type: "ignore", reason: "no change" });
    expect(decideExternalChange(known({ status: "no_show" }), change({ kind: "attendance", attendance: "no_show" }))).toMatchObject({ type: "ignore" });
  });

  it("cancels a live booking", () => {
    expect(decideExternalChange(known({ status: "rescheduled" }), change({ kind: "cancelled" }))).toEqual({ type: "cancel" });
  });

  it("maps attendance marks, and an unmark back to scheduled", () => {
    expect(decideExternalChange(known(), change({ kind: "attendance", attendance: "showed" }))).toEqual({ type: "mark", status: "completed" });
    expect(decideExternalChange(known(), change({ kind: "attendance", attendance: "no_show" }))).toEqual({ type: "mark", status: "no_show" });
    expect(decideExternalChange(known({ status: "no_show" }), change({ kind: "attendance", attendance: null }))).toEqual({ type: "mark", status: "scheduled" });
    expect(decideExternalChange(known({ status: "rescheduled" }), change({ kind: "attendance", attendance: null }))).toMatchObject({ type: "ignore" });
    expect(decideExternalChange(null, change({ kind: "attendance", attendance: "showed" }))).toMatchObject({ type: "ignore" });
  });
});
