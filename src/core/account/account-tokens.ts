// Single-use links mailed to a user: what they are for and how long they live.

export const ACCOUNT_TOKEN_PURPOSES = ["password_reset", "email_change"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/** A reset link lives an hour: long enough to find the mail, short enough that an old mailbox leak is useless. */
export const PASSWORD_RESET_TTL_MS = 60 * 60_000;
/** An email-change link lives a day. */
export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60_000;
/** An invitation lives a week; resending it starts a new week. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;
