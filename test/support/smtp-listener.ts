// A real SMTP listener (smtp-server) on loopback that keeps every message,
// parsed with mailparser, for tests that read Convene's mail as a client would.
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type SmtpListener = { port: number; url: string; messages: ParsedMail[]; waitForCount(count: number, timeoutMs?: number): Promise<ParsedMail[]>; close(): Promise<void> };

export async function startSmtpListener(port = 0): Promise<SmtpListener> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const boundPort = (server.server.address() as AddressInfo).port;
  return {
    port: boundPort,
    url: `smtp://127.0.0.1:${boundPort}`,
    messages,
    async waitForCount(count, timeoutMs = 20_000) {
      const startMs = Date.now();
      while (messages.length < count) {
        if (Date.now() - startMs > timeoutMs) throw new Error(`expected ${count} messages, got ${messages.length}: ${messages.map((m) => m.subject).join(" | ")}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
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
