// What a booking page or an API caller is told when a time cannot be booked.
// The engine's own sentences (explain.ts) name hosts by id and show their busy
// times; an error answered to anyone holding a link says only why, in words an
// invitee understands, so no internal id or calendar detail leaves Convene.
import type { UnavailableReason } from "./types.js";

const SENTENCES: Record<UnavailableReason, string> = {
  OUTSIDE_WINDOW: "This time is outside the range asked about.",
  TOO_SOON: "This time is too soon: the host needs more notice.",
  BEYOND_WINDOW: "This time is too far ahead: the link does not take bookings that far out yet.",
  OFF_GRID: "This is not one of the start times this link offers.",
  OUTSIDE_HOURS: "This time is outside the host's working hours.",
  HOLIDAY: "The host is away on that day.",
  BUSY: "The host is not free at this time.",
  BUFFER: "The host needs a break around other meetings, so this time is not free.",
  DAY_LIMIT: "The host has no more room for meetings on that day.",
  WEEK_LIMIT: "The host has no more room for meetings that week.",
};

/** The sentence for a reason an instant is not bookable, the same for every host and caller. */
export function publicReasonDetail(reason: UnavailableReason): string {
  return SENTENCES[reason];
}
