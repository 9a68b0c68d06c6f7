// A real SMTP listener (smtp-server) on loopback that keeps every message,
// parsed with mailparser and as the raw bytes with its envelope, for tests
// that read Convene's mail as a client (or a strict parser) would.
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { createSmtpMailer } from "../../src/adapters/email/smtp-mailer.js";
import type { Mailer } from "../../src/use-cases/ports/deliveries.js";

/** A message as it arrived: its bytes and the envelope's sender and recipients. */
export type ReceivedMessage = { raw: Buffer; from: string | false; to: string[] };

export type SmtpListener = {
  port: number;
  url: string;
  /** Parsed, in arrival order; `received` holds the same messages raw. */
  messages: ParsedMail[];
  received: ReceivedMessage[];
  /** While set, a message is read but never answered (counted in stalledCount): the sender is mid-send for as long as the test wants. */
  isStalling: boolean;
  stalledCount: number;
  waitForCount(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
};

export type SmtpListenerOptions = {
  /** The port to listen on: a test that brings a server back on the same port after a while. */
  port?: number;
  /** Recipients answered 550, as a server without such a mailbox does. */
  refusesRecipient?: (address: string) => boolean;
  isStalling?: boolean;
};

export async function startSmtpListener(options: SmtpListenerOptions = {}): Promise<SmtpListener> {
  const listener = { messages: [] as ParsedMail[], received: [] as ReceivedMessage[], isStalling: options.isStalling ?? false, stalledCount: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refusesRecipient?.(address.address)) return callback(Object.assign(new Error("5.1.1 No such user here"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      if (listener.isStalling) {
        listener.stalledCount += 1;
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            listener.received.push({ raw, from: session.envelope.mailFrom && session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
            listener.messages.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  // A sender killed mid-message resets its connection: the crash tests do that on purpose.
  server.on("error", () => undefined);
  const boundPort = (server.server.address() as AddressInfo).port;
  return Object.assign(listener, {
    port: boundPort,
    url: `smtp://127.0.0.1:${boundPort}`,
    async waitForCount(count: number, timeoutMs = 20_000) {
      const startMs = Date.now();
      while (listener.messages.length < count) {
        if (Date.now() - startMs > timeoutMs) throw new Error(`expected ${count} messages, got ${listener.messages.length}: ${listener.messages.map((m) => m.subject).join(" | ")}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return listener.messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/**
 * A listener for the suite: started before its tests, closed after them. Use it only inside tests and
 * hooks; reads and writes go to the running listener, so `messages.length = 0` empties the real list.
 */
export function useSmtpListener(options: SmtpListenerOptions = {}): SmtpListener {
  let started: SmtpListener | undefined;
  beforeAll(async () => {
    started = await startSmtpListener(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  const running = (): SmtpListener => {
    if (!started) throw new Error("the suite's SMTP listener is used outside its tests and hooks");
    return started;
  };
  return new Proxy({} as SmtpListener, { get: (_, key) => Reflect.get(running(), key), set: (_, key, value) => Reflect.set(running(), key, value) });
}

export const TEST_MAIL_FROM = "Convene <no-reply@convene.test>";

/** Convene's SMTP mailer, sending to the listener at url. */
export function smtpMailerTo(url: string): Mailer {
  return createSmtpMailer({ smtpUrl: url, from: TEST_MAIL_FROM });
}

/** The invite carried by a message (its text/calendar part), as text. */
export function inviteOf(mail: ParsedMail): string {
  const attachment = mail.attachments.find((a) => a.contentType.startsWith("text/calendar") || a.contentType === "application/ics" || a.filename?.endsWith(".ics"));
  if (!attachment) throw new Error(`no invite in "${mail.subject}"`);
  return attachment.content.toString("utf8");
}

export function recipientOf(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address ?? "";
}
