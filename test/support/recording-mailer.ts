// A mailer that keeps every message in the dev outbox, as Convene does without
// SMTP, and also lists what it was handed: a test can see that a mail was sent
// even after the data it lived in (the outbox row too) was deleted.
import { createDevOutboxMailer } from "../../src/adapters/email/dev-outbox-mailer.js";
import type { Mailer, MailOutboxRepository, OutgoingMail } from "../../src/use-cases/ports/deliveries.js";

export type RecordingMailer = Mailer & { sent: OutgoingMail[]; failing: boolean };

/** The outbox is reached lazily (the store exists only once the suite's app started). */
export function recordingMailer(outbox: () => MailOutboxRepository): RecordingMailer {
  const mailer: RecordingMailer = {
    sent: [],
    failing: false,
    mode: "outbox",
    describe: () => "a recording dev outbox (tests)",
    close: async () => {},
    async send(mail) {
      if (mailer.failing) throw new Error("the test's mail server refused the message");
      mailer.sent.push(mail);
      return createDevOutboxMailer(outbox(), "Convene <no-reply@convene.test>").send(mail);
    },
  };
  return mailer;
}
