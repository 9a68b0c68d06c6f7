import { describe, expect, it } from "vitest";
import { LEAD_STATUSES, NEW_LEAD_STATE, leadStateAfter, statusOf, transitionOf, type LeadInput, type LeadState } from "./lead-status.js";

const event = (type: Extract<LeadInput, { kind: "lead_event" }>["type"], atMs = 1_000): LeadInput => ({ kind: "lead_event", type, atMs });
const booking = (bookingId: string, createdAtMs: number, status: "scheduled" | "cancelled" | "completed" | "no_show" | "rescheduled"): LeadInput => ({
  kind: "booking",
  booking: { bookingId, createdAtMs, status },
});
const run = (...inputs: LeadInput[]): LeadState => inputs.reduce(leadStateAfter, NEW_LEAD_STATE);

describe("lead status", () => {
  it("moves through outreach in order and never back", () => {
    expect(statusOf(run())).toBe("new");
    expect(statusOf(run(event("sent")))).toBe("contacted");
    expect(statusOf(run(event("sent"), event("delivered"), event("opened")))).toBe("contacted");
    expect(statusOf(run(event("sent"), event("replied")))).toBe("replied");
    expect(statusOf(run(event("replied"), event("sent"), event("opened")))).toBe("replied");
    expect(statusOf(run(event("replied", 1), event("interested", 2), event("replied", 3)))).toBe("interested");
  });

  it("lets the later of interested and not interested win, whatever order they arrive in", () => {
    expect(statusOf(run(event("interested", 10), event("not_interested", 20)))).toBe("not_interested");
    expect(statusOf(run(event("not_interested", 20), event("interested", 10)))).toBe("not_interested");
    expect(statusOf(run(event("not_interested", 10), event("interested", 20)))).toBe("interested");
  });

  it("takes a bounce only before a reply", () => {
    expect(statusOf(run(event("sent"), event("bounced")))).toBe("bounced");
    expect(statusOf(run(event("replied"), event("bounced")))).toBe("replied");
    expect(statusOf(run(event("bounced"), event("replied")))).toBe("replied");
  });

  it("follows the latest booking once there is one, whatever outreach says", () => {
    expect(statusOf(run(event("not_interested"), booking("b1", 5, "scheduled")))).toBe("meeting_booked");
    expect(statusOf(run(booking("b1", 5, "scheduled"), event("replied")))).toBe("meeting_booked");
    expect(statusOf(run(booking("b1", 5, "scheduled"), booking("b1", 5, "completed")))).toBe("showed");
    expect(statusOf(run(booking("b1", 5, "scheduled"), booking("b1", 5, "no_show")))).toBe("no_show");
  });

  it("counts a lead who books, cancels and books again by the latest booking, whatever order the changes arrive in", () => {
    const inOrder = run(booking("b1", 5, "scheduled"), booking("b1", 5, "cancelled"), booking("b2", 9, "scheduled"));
    expect(statusOf(inOrder)).toBe("meeting_booked");
    // The first booking's cancellation fanned out after the second booking: the older booking no longer decides.
    const late = run(booking("b1", 5, "scheduled"), booking("b2", 9, "scheduled"), booking("b1", 5, "cancelled"));
    expect(statusOf(late)).toBe("meeting_booked");
    expect(late.latestBooking?.bookingId).toBe("b2");
    expect(statusOf(run(booking("b2", 9, "scheduled"), booking("b2", 9, "cancelled")))).toBe("meeting_cancelled");
  });

  it("reports a transition only when the status changes", () => {
    const contacted = run(event("sent"));
    expect(transitionOf(NEW_LEAD_STATE, contacted)).toEqual({ from: "new", to: "contacted" });
    expect(transitionOf(contacted, leadStateAfter(contacted, event("opened")))).toBeNull();
    expect(LEAD_STATUSES).toContain(statusOf(run(booking("x", 1, "rescheduled"))));
  });
});
