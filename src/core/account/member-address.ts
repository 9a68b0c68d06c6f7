// Which addresses may become members. A member is a person who hosts meetings
// and receives their invitations, so mailboxes that belong to no person (RFC
// 2142 role mailboxes, no-reply senders) are refused; an address with an
// account in another organisation is refused with the very same answer, so
// adding members cannot be used to learn who has an account elsewhere.

const ROLE_MAILBOXES = new Set(["postmaster", "hostmaster", "webmaster", "abuse", "noc", "security", "mailer-daemon", "noreply", "no-reply", "donotreply", "do-not-reply"]);

/** True for role mailboxes (postmaster@, abuse@, no-reply@, …), whatever the domain, ignoring case and +tags. */
export function isRoleMailbox(email: string): boolean {
  const local = email.slice(0, email.lastIndexOf("@")).toLowerCase().split("+")[0] ?? "";
  return ROLE_MAILBOXES.has(local);
}
