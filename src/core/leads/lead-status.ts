// A lead's status: where one person stands on the way from the first outreach
// email to a meeting that happened. Pure. Outreach events (from any outreach
// tool, through POST /lead-events) move the outreach stage; bookings matched
// to the lead decide once there is one, by the LATEST booking only, so a lead
// who books, cancels and books again counts once. Callers keep the state on
// the lead's row and store every change of status with its cause.
import type { BookingStatus } from "../booking/booking.js";

/** What an outreach tool reports about one email to one lead. */
export const LEAD_EVENT_TYPES = ["sent", "delivered", "opened", "replied", "interested", "not_interested", "bounced"] as const;
export type LeadEventType = (typeof LEAD_EVENT_TYPES)[number];

/** Where a lead stands before any booking: new until the first outreach event. */
export const OUTREACH_STAGES = ["new", "contacted", "replied", "interested", "not_interested", "bounced"] as const;
export type OutreachStage = (typeof OUTREACH_STAGES)[number];

/** Where a lead stands once a booking was matched to them: the latest booking's outcome. */
export const MEETING_STAGES = ["meeting_booked", "meeting_cancelled", "showed", "no_show"] as const;
export type MeetingStage = (typeof MEETING_STAGES)[number];

export const LEAD_STATUSES = [...OUTREACH_STAGES, ...MEETING_STAGES] as const;
export type LeadStatus = OutreachStage | MeetingStage;

/** The booking that decides a lead's status: the one made last (by creation time, then id). */
export type LatestBooking = { bookingId: string; createdAtMs: number; status: BookingStatus };

/** Everything the status is derived from; stored on the lead's row. */
export type LeadState = {
  outreach: OutreachStage;
  /** When the outreach stage last changed by a reply-level event (replied, interested, not_interested), to order late arrivals; null: never. */
  outreachAtMs: number | null;
  latestBooking: LatestBooking | null;
};

export const NEW_LEAD_STATE: LeadState = { outreach: "new", outreachAtMs: null, latestBooking: null };

/** Early stages an event of a later kind moves past; an early event never moves a lead back. */
const OUTREACH_RANK: Record<OutreachStage, number> = { new: 0, contacted: 1, bounced: 1, replied: 2, interested: 3, not_interested: 3 };

/**
 * The outreach stage after one event.
 * - sent, delivered, opened: a new lead becomes contacted; nothing else moves.
 * - bounced: only a lead not yet replied (a reply proves the address works).
 * - replied: moves a lead that has not gone further.
 * - interested / not_interested: the later of the two by event time wins, so
 *   an old "interested" arriving late does not overrule a newer "not interested".
 */
export function outreachAfter(state: Pick<LeadState, "outreach" | "outreachAtMs">, event: { type: LeadEventType; atMs: number }): Pick<LeadState, "outreach" | "outreachAtMs"> {
  const { outreach, outreachAtMs } = state;
  const rank = OUTREACH_RANK[outreach];
  switch (event.type) {
    case "sent":
    case "delivered":
    case "opened":
      return outreach === "new" ? { outreach: "contacted", outreachAtMs } : state;
    case "bounced":
      return rank <= 1 ? { outreach: "bounced", outreachAtMs } : state;
    case "replied":
      return rank < 2 ? { outreach: "replied", outreachAtMs: event.atMs } : state;
    case "interested":
    case "not_interested":
      if (rank === 3 && outreachAtMs !== null && event.atMs < outreachAtMs) return state;
      return { outreach: event.type, outreachAtMs: event.atMs };
  }
}

/** The stage a booking's status puts its lead in. */
export function meetingStageOf(status: BookingStatus): MeetingStage {
  switch (status) {
    case "scheduled":
    case "rescheduled":
      return "meeting_booked";
    case "cancelled":
      return "meeting_cancelled";
    case "completed":
      return "showed";
    case "no_show":
      return "no_show";
  }
}

/** Whether `booking` replaces `latest` as the lead's deciding booking: the same booking changed, or one made later. */
export function isLaterBooking(booking: LatestBooking, latest: LatestBooking | null): boolean {
  if (latest === null || latest.bookingId === booking.bookingId) return true;
  if (booking.createdAtMs !== latest.createdAtMs) return booking.createdAtMs > latest.createdAtMs;
  return booking.bookingId > latest.bookingId;
}

export function statusOf(state: LeadState): LeadStatus {
  return state.latestBooking ? meetingStageOf(state.latestBooking.status) : state.outreach;
}

/** What a lead's state becomes after one input; `status` changed when it differs from statusOf(before). */
export type LeadInput = { kind: "lead_event"; type: LeadEventType; atMs: number } | { kind: "booking"; booking: LatestBooking };

export function leadStateAfter(state: LeadState, input: LeadInput): LeadState {
  if (input.kind === "lead_event") return { ...state, ...outreachAfter(state, input) };
  return isLaterBooking(input.booking, state.latestBooking) ? { ...state, latestBooking: { ...input.booking } } : state;
}

/** One change of status, to be stored with what caused it; null when the status stays. */
export function transitionOf(before: LeadState, after: LeadState): { from: LeadStatus; to: LeadStatus } | null {
  const from = statusOf(before);
  const to = statusOf(after);
  return from === to ? null : { from, to };
}
