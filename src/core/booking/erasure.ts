// What an invitee's erased booking keeps in place of their personal data: the
// slot, times, link and hosts stay (the owner's statistics need them); who
// booked, what they answered and wrote does not.

export const ERASED_NAME = "Erased";
/** Under .invalid (RFC 2606): no mail can ever be delivered to it. */
export const ERASED_EMAIL = "erased@erased.invalid";

/** Keys of booking_history values that may hold what the invitee wrote (a cancel reason) or who they are. */
export const PERSONAL_HISTORY_KEYS = ["reason", "name", "email", "inviteeName", "inviteeEmail", "answers", "guests", "notes"] as const;
