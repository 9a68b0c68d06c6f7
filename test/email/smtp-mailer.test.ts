// The SMTP mailer against a real SMTP listener (smtp-server on a free local
// port), each message read back with mailparser as a mail client would.
import { simpleParser, type Attachment, type ParsedMail } from "mailparser";
import { beforeEach, describe, expect, it } from "vitest";
import { buildInvite } from "../../src/adapters/email/ics.js";
import { messageIdFor, type OutgoingMail } from "../../src/adapters/email/mailer.js";
import { createSmtpMailer, describeSmtpUrl } from "../../src/adapters/email/smtp-mailer.js";
import { ConveneError } from "../../src/core/errors.js";
import { renderMessage } from "../../src/core/notifications/messages.js";
import { freePort } from "../support/convene-process.js";
import { meetingFacts } from "../support/meeting-facts.js";
import { useSmtpListener, type ReceivedMessage } from "../support/smtp-listener.js";

const FROM = "Convene <no-reply@mail.example>";
const smtp = useSmtpListener({ refusesRecipient: (address) => address.startsWith("nobody@") });

const forget = () => {
  smtp.received.length = 0;
  smtp.messages.length = 0;
};
beforeEach(forget);

// One host: the subject names the people who meet.
const facts = meetingFacts({ bookingId: "bk_smtp_1", description: "", hosts: [{ name: "Grace Hopper", email: "grace@example.com", timeZone: "America/New_York" }], answers: [], guests: [], bookAgainUrl: null });

function confirmationMail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    to: { name: "Ada Lovelace", email: "ada@example.com" },
    ...renderMessage("confirmation", "invitee", facts, facts.invitee),
    invite: { method: "REQUEST", content: buildInvite(facts, "REQUEST", facts.publicUrl) },
    idempotencyKey: "notification-1",
    ...overrides,
  };
}

const contentTypeOf = (attachment: Attachment) => attachment.headers.get("content-type") as { value: string; params: Record<string, string> };

async function sendAndParse(mail: OutgoingMail): Promise<{ messageId: string; parsed: ParsedMail; raw: string; envelope: ReceivedMessage }> {
  const mailer = createSmtpMailer({ smtpUrl: smtp.url, from: FROM });
  try {
    const { messageId } = await mailer.send(mail);
    expect(smtp.received).toHaveLength(1);
    const envelope = smtp.received[0]!;
    return { messageId, parsed: await simpleParser(envelope.raw), raw: envelope.raw.toString("utf8"), envelope };
  } finally {
    await mailer.close();
  }
}

describe("createSmtpMailer", () => {
  it("delivers subject, both bodies, From and To", async () => {
    const mail = confirmationMail();
    const { parsed, envelope } = await sendAndParse(mail);
    expect(envelope.from).toBe("no-reply@mail.example");
    expect(envelope.to).toEqual(["ada@example.com"]);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.subject).toBe("Confirmed: Intro call with Grace Hopper on 1 Dec 2026, 15:00 CET");
    expect(parsed.text).toBe(mail.text);
    expect(parsed.html).toBe(mail.html);
    expect(parsed.from?.value).toEqual([{ name: "Convene", address: "no-reply@mail.example" }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : null).toEqual([{ name: "Ada Lovelace", address: "ada@example.com" }]);
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
  });

  it("carries the invite as a text/calendar; method=REQUEST alternative and as one invite.ics attachment", async () => {
    const mail = confirmationMail();
    const { parsed, raw } = await sendAndParse(mail);
    expect(raw).toMatch(/Content-Type: multipart\/alternative;/);
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    const alternative = parsed.attachments.find((attachment) => attachment.contentType === "text/calendar")!;
    expect(contentTypeOf(alternative).params["method"]).toBe("REQUEST");
    expect(alternative.contentDisposition).toBeUndefined();
    expect(alternative.content.toString("utf8")).toBe(mail.invite!.content);
    const files = parsed.attachments.filter((attachment) => attachment.filename?.endsWith(".ics"));
    expect(files).toHaveLength(1);
    expect(files[0]!.filename).toBe("invite.ics");
    expect(files[0]!.contentType).toBe("application/ics");
    expect(files[0]!.contentDisposition).toBe("attachment");
    expect(files[0]!.content.toString("utf8")).toBe(mail.invite!.content);
  });

  it("carries METHOD:CANCEL for a cancellation", async () => {
    const cancelled = { ...facts, sequence: 1, status: "cancelled" as const };
    const { parsed } = await sendAndParse(confirmationMail({ invite: { method: "CANCEL", content: buildInvite(cancelled, "CANCEL", facts.publicUrl) } }));
    const alternative = parsed.attachments.find((attachment) => attachment.contentType === "text/calendar")!;
    expect(contentTypeOf(alternative).params["method"]).toBe("CANCEL");
    expect(alternative.content.toString("utf8")).toContain("STATUS:CANCELLED");
  });

  it("sends a message without an invite as text and HTML only", async () => {
    const { parsed } = await sendAndParse(confirmationMail({ invite: undefined }));
    expect(parsed.attachments).toEqual([]);
    expect(parsed.html).toContain("Reschedule or cancel");
  });

  it("sets a Message-ID derived from the idempotency key, the same on every re-send", async () => {
    const first = await sendAndParse(confirmationMail());
    forget();
    const again = await sendAndParse(confirmationMail());
    forget();
    const other = await sendAndParse(confirmationMail({ idempotencyKey: "notification-2" }));
    expect(first.messageId).toBe(messageIdFor("notification-1", FROM));
    expect(first.messageId).toMatch(/^<[0-9a-f]{64}@mail\.example>$/);
    expect(first.parsed.messageId).toBe(first.messageId);
    expect(again.parsed.messageId).toBe(first.messageId);
    expect(other.parsed.messageId).not.toBe(first.messageId);
  });

  it("fails with MAIL_UNAVAILABLE when no server listens, so the job is retried", async () => {
    const closedPort = await freePort();
    const mailer = createSmtpMailer({ smtpUrl: `smtp://127.0.0.1:${closedPort}`, from: FROM });
    const error = await mailer.send(confirmationMail()).then(
      () => null,
      (failure: unknown) => failure,
    );
    await mailer.close();
    expect(error).toBeInstanceOf(ConveneError);
    expect((error as ConveneError).code).toBe("MAIL_UNAVAILABLE");
    expect((error as ConveneError).message).toContain(`smtp://127.0.0.1:${closedPort}`);
    expect((error as ConveneError).details).toEqual({ smtpResponseCode: null, isPermanent: false });
    expect((error as ConveneError).cause).toBeInstanceOf(Error);
  });

  it("says when the server refused the message for good", async () => {
    const mailer = createSmtpMailer({ smtpUrl: smtp.url, from: FROM });
    const error = await mailer.send(confirmationMail({ to: { name: "Nobody", email: "nobody@example.com" } })).catch((failure: unknown) => failure);
    await mailer.close();
    expect((error as ConveneError).code).toBe("MAIL_UNAVAILABLE");
    expect((error as ConveneError).details).toEqual({ smtpResponseCode: 550, isPermanent: true });
    expect(smtp.received).toEqual([]);
  });

  it("describes where mail goes without the credentials", () => {
    const mailer = createSmtpMailer({ smtpUrl: "smtp://mailer:s3cret@mail.example:2525", from: FROM });
    expect(mailer.describe()).toBe("SMTP smtp://mail.example:2525");
    expect(describeSmtpUrl("smtps://user:pw@mail.example")).toBe("smtps://mail.example:465");
    expect(describeSmtpUrl("smtp://mail.example")).toBe("smtp://mail.example:587");
    expect(describeSmtpUrl("not a url")).not.toContain("not a url");
  });
});
