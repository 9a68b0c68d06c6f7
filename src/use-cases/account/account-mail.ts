// Mail to a person about their account rather than a meeting: a password reset,
// an email change, an invitation, a link the owner sends. One layout (greeting,
// paragraphs, one or more action links), sent straight through the mailer (SMTP
// or the dev outbox). The caller decides what a failure means: most answer
// with a clear error and can be asked again, a password reset never tells.
import { renderHtml, renderText, singleLine, type LayoutAction, type LayoutRow } from "../../core/notifications/message-layout.js";
import type { TenantId } from "../../core/tenancy.js";
import type { Mailer } from "../ports/deliveries.js";

export type AccountMailDeps = { mailer: Mailer; publicUrl: string };

export type AccountMail = {
  tenantId: TenantId | null;
  to: { name: string; email: string };
  subject: string;
  paragraphs: string[];
  rows?: LayoutRow[];
  actions: LayoutAction[];
  /** Paragraphs after the facts, saying what the actions do or when they expire. */
  afterActions?: string[];
  /** Same key, same Message-ID: a retry is recognisable as the same message. */
  idempotencyKey: string;
};

export async function sendAccountMail(deps: AccountMailDeps, mail: AccountMail): Promise<void> {
  const layout = {
    subject: singleLine(mail.subject),
    greeting: `Hi ${mail.to.name},`,
    paragraphs: mail.paragraphs,
    rows: mail.rows ?? [],
    actionIntro: mail.afterActions ?? [],
    actions: mail.actions,
    footer: { text: "Sent by Convene", url: deps.publicUrl },
  };
  await deps.mailer.send({
    to: { name: singleLine(mail.to.name), email: mail.to.email },
    subject: layout.subject,
    text: renderText(layout),
    html: renderHtml(layout),
    idempotencyKey: mail.idempotencyKey,
    ...(mail.tenantId ? { tenantId: mail.tenantId } : {}),
  });
}
