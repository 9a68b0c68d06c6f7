import { describe, expect, it } from "vitest";
import { createDevOutboxMailer, type DevOutboxSink } from "../../src/adapters/email/dev-outbox-mailer.js";
import { messageIdFor, type OutboxMail, type OutgoingMail } from "../../src/adapters/email/mailer.js";

const FROM = "Convene <no-reply@convene.localhost>";

function memorySink(): DevOutboxSink & { saved: OutboxMail[] } {
  const saved: OutboxMail[] = [];
  return { saved, save: async (mail) => void saved.push(mail) };
}

const mail: OutgoingMail = {
  to: { name: "Ada Lovelace", email: "ada@example.com" },
  subject: "Confirmed: Intro call",
  text: "Hi Ada,\n",
  html: "<p>Hi Ada,</p>\n",
  invite: { method: "REQUEST", content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" },
  idempotencyKey: "notification-1",
};

describe("createDevOutboxMailer", () => {
  it("writes the whole message, both bodies and the invite, with its Message-ID, sender and time", async () => {
    const sink = memorySink();
    const mailer = createDevOutboxMailer(sink, FROM, { clock: () => 1_800_000_000_000 });
    const { messageId } = await mailer.send(mail);
    expect(messageId).toBe(messageIdFor("notification-1", FROM));
    expect(messageId).toMatch(/^<[0-9a-f]{64}@convene\.localhost>$/);
    expect(sink.saved).toEqual([{ ...mail, messageId, fromAddress: FROM, createdAtMs: 1_800_000_000_000 }]);
  });

  it("gives a re-sent message the same Message-ID", async () => {
    const sink = memorySink();
    const mailer = createDevOutboxMailer(sink, FROM);
    const first = await mailer.send(mail);
    const again = await mailer.send(mail);
    expect(again.messageId).toBe(first.messageId);
    expect((await mailer.send({ ...mail, idempotencyKey: "notification-2" })).messageId).not.toBe(first.messageId);
  });

  it("lets a failing sink's error through, so the job is retried", async () => {
    const mailer = createDevOutboxMailer({ save: async () => Promise.reject(new Error("database is closed")) }, FROM);
    await expect(mailer.send(mail)).rejects.toThrow("database is closed");
  });

  it("says where mail goes", async () => {
    const mailer = createDevOutboxMailer(memorySink(), FROM);
    expect(mailer.describe()).toBe("the dev outbox (GET /api/v1/dev/outbox)");
    await expect(mailer.close()).resolves.toBeUndefined();
  });
});

describe("messageIdFor", () => {
  it("takes the sender's domain, or 'convene' when the From has none", () => {
    expect(messageIdFor("k", "no-reply@Mail.Example")).toMatch(/@mail\.example>$/);
    expect(messageIdFor("k", "Convene <no-reply@mail.example>")).toMatch(/@mail\.example>$/);
    expect(messageIdFor("k", "Convene")).toMatch(/@convene>$/);
  });
});
