// Reading account mail back from the test app's dev outbox.
import type { TestApp } from "../support/test-app.js";
import { settle } from "../support/polling.js";

export type CapturedMail = { to: { email: string }; subject: string; text: string; html: string };

/** The mails to an address so far, oldest first. */
export async function mailTo(t: TestApp, email: string): Promise<CapturedMail[]> {
  const all = await t.deps.store.mailOutbox.listAll({ limit: 500 });
  return all.filter((mail) => mail.to.email === email.toLowerCase()).reverse();
}

/** Waits for the count-th mail to an address (account mail may be sent after the answer) and returns it. */
export async function nthMailTo(t: TestApp, email: string, count: number): Promise<CapturedMail> {
  const mails = await settle(() => mailTo(t, email), (found) => found.length >= count);
  const mail = mails[count - 1];
  if (!mail) throw new Error(`no mail #${count} to ${email}; got ${mails.length}`);
  return mail;
}

/** The token of the first link to `page` (/reset-password, /confirm-email) in a mail's text. */
export function tokenIn(mail: CapturedMail, page: string): string {
  const match = new RegExp(`${page}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${page} link in: ${mail.text}`);
  return match[1]!;
}
