// What an account's fields may hold, declared once for the HTTP schemas and the
// use cases: password length, email length and how an email is compared.

/** Ten characters: long enough that a guessed password is rare, short enough for a passphrase; the cap keeps hashing cheap. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
/** The longest address SMTP carries (RFC 5321's path limit, less the angle brackets). */
export const EMAIL_MAX_LENGTH = 254;

/** Who a user is in their organisation; what each may do is in permissions.ts. */
export const USER_ROLES = ["owner", "admin", "member"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * The form an email is stored and compared in: lower-cased, so "Ada@Example.com"
 * signs in, books and is found as "ada@example.com". Only case: anything else
 * (plus-addressing, dots) may be a different mailbox.
 */
export function normalizeEmail(email: string): string {
  return email.toLowerCase();
}
