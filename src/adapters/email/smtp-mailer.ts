// Mail through an SMTP server (SMTP_URL, MAIL_FROM) with nodemailer. An
// invite travels as a `text/calendar; method=…` alternative, which calendar
// clients act on, and as an invite.ics attachment for everyone else;
// nodemailer's icalEvent writes both. A failure to hand a message over is
// MAIL_UNAVAILABLE, so the job queue retries it; details say whether the
// server refused the message for good (retrying will not help).
import { createTransport } from "nodemailer";
import { ConveneError } from "../../core/errors.js";
import { singleLine } from "../../core/notifications/message-layout.js";
import { messageIdFor, type Mailer } from "./mailer.js";

export type SmtpMailerOptions = {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465 (TLS from the start). */
  smtpUrl: string;
  /** The From header: "Convene <no-reply@mail.example>" or a bare address. */
  from: string;
  /** Open SMTP connections kept and reused (one per delivery sent at once); 1 by default. */
  maxConnections?: number;
};

// A job must not hang on a silent server: nodemailer's defaults wait minutes.
// Each stays under the job timeout (NOTIFY_JOB_TIMEOUT_SECONDS, 20 s by
// default), so a slow but live send fails on its own instead of being
// taken for a dead worker's and sent twice.
const CONNECTION_TIMEOUT_MS = 5_000;
const GREETING_TIMEOUT_MS = 5_000;
const SOCKET_TIMEOUT_MS = 15_000;

/** "smtp://mail.example:587": where mail goes, without user or password. */
export function describeSmtpUrl(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    const isSecure = url.protocol === "smtps:";
    return `${url.protocol}//${url.hostname}:${url.port || (isSecure ? 465 : 587)}`;
  } catch {
    return "(an SMTP URL that does not parse)";
  }
}

type SmtpFailure = Error & { code?: string; responseCode?: number; permanent?: boolean };

export function createSmtpMailer({ smtpUrl, from, maxConnections = 1 }: SmtpMailerOptions): Mailer {
  // A pool keeps connections open between messages: a new connection (and
  // TLS handshake) per message costs more than the message itself.
  const transport = createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections,
    maxMessages: 500,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  });
  const where = describeSmtpUrl(smtpUrl);

  return {
    async send(mail) {
      const messageId = messageIdFor(mail.idempotencyKey, from);
      try {
        const info = await transport.sendMail({
          from,
          // Names are typed by people: one line each, or a CR/LF would fold or forge headers.
          to: { name: singleLine(mail.to.name), address: mail.to.email },
          subject: singleLine(mail.subject),
          text: mail.text,
          html: mail.html,
          messageId,
          // RFC 3834: no vacation replies to notifications.
          headers: { "Auto-Submitted": "auto-generated" },
          ...(mail.invite ? { icalEvent: { method: mail.invite.method, content: mail.invite.content, filename: "invite.ics" } } : {}),
        });
        return { messageId: info.messageId || messageId };
      } catch (error) {
        const failure = error as SmtpFailure;
        throw new ConveneError("MAIL_UNAVAILABLE", `Sending mail through ${where} failed: ${failure.message}`, {
          cause: error,
          details: { smtpResponseCode: failure.responseCode ?? null, isPermanent: failure.permanent === true },
        });
      }
    },
    mode: "smtp",
    describe: () => `SMTP ${where}`,
    close: async () => transport.close(),
  };
}
