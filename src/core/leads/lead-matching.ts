// How a booking's attendee is tied to a lead, and the normal form of the
// address both are compared by. Pure.

/** Lower-cased and trimmed: the form lead emails are unique and matched in. */
export function emailKeyOf(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * - one_time_link: the booking came through a one-time link made for the lead;
 * - email: an attendee's address is the lead's;
 * - confirmed: the owner picked the lead for an unmatched attendee;
 * - claimed: the lead was created after the booking and took it over by address.
 */
export const LEAD_MATCH_KINDS = ["one_time_link", "email", "confirmed", "claimed"] as const;
export type LeadMatchKind = (typeof LEAD_MATCH_KINDS)[number];

/** An attendee no lead matched waits for the owner: open, then confirmed (to a lead) or dismissed. */
export const UNMATCHED_STATES = ["open", "confirmed", "dismissed"] as const;
export type UnmatchedState = (typeof UNMATCHED_STATES)[number];

/** What moved a lead's status: an outreach event, a matched booking's change, or the owner. */
export const LEAD_TRANSITION_CAUSES = ["lead_event", "booking", "owner"] as const;
export type LeadTransitionCause = (typeof LEAD_TRANSITION_CAUSES)[number];
