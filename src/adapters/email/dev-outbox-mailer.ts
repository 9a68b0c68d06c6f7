// Mail for installations without SMTP settings: every message, both bodies and
// the invite, is written to the dev outbox (the mail_outbox table) instead of
// being sent, and the dashboard shows it. Nothing leaves the machine.
import { messageIdFor, type Mailer, type OutboxMail } from "./mailer.js";

/** Where the outbox keeps messages; the mail_outbox repository implements it. */
export type DevOutboxSink = { save(mail: OutboxMail): Promise<void> };

export function createDevOutboxMailer(sink: DevOutboxSink, from: string, options: { clock?: () => number } = {}): Mailer {
  const clock = options.clock ?? Date.now;
  return {
    async send(mail) {
      const messageId = messageIdFor(mail.idempotencyKey, from);
      await sink.save({ ...mail, messageId, fromAddress: from, createdAtMs: clock() });
      return { messageId };
    },
    mode: "outbox",
    describe: () => "the dev outbox (GET /api/v1/dev/outbox)",
    close: async () => {},
  };
}
