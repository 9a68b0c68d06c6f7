// The dashboard's bell: what an owner is told in the app, one kind per reason. Pure.

export const IN_APP_KINDS = ["booking_created", "booking_rescheduled", "booking_cancelled", "no_show", "unmatched_booking", "source_problem"] as const;
export type InAppKind = (typeof IN_APP_KINDS)[number];
