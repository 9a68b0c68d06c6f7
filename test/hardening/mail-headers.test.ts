// Names people type reach mail headers (To's display name; the subject
// quotes the link title and names): with CR/LF in them, headers came out
// folded wrongly and Python's strict email parser rejected the message. Each
// message is read back raw from a real SMTP listener and parsed with
// policy=email.policy.strict.
import { execFileSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSmtpMailer } from "../../src/adapters/email/smtp-mailer.js";
import type { DeliveryJobs } from "../../src/adapters/jobs/delivery-jobs.js";
import { book, createLink } from "../support/booking-fixtures.js";
import { engineNames } from "../support/engines.js";
import { signUpOwner, startTestApp, startTestJobs, type TestApp } from "../support/test-app.js";

async function startRawSmtp() {
  const messages: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        messages.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { messages, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Parses a raw message with Python's strict policy; returns its headers (name, value), or throws on any defect. */
function parseStrictly(raw: Buffer): [string, string][] {
  const script = [
    "import sys, json, email, email.policy",
    "msg = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.strict)",
    "headers = [[k, str(v)] for k, v in msg.items()]",
    "[str(v) for part in msg.walk() for v in part.values()]",
    "print(json.dumps(headers))",
  ].join("\n");
  return JSON.parse(execFileSync("python3", ["-c", script], { input: raw }).toString("utf8")) as [string, string][];
}

const HOSTILE_NAME = "Ada\r\nBcc: victim@example.com\r\n Lovelace\u001b[31m";

describe.each(engineNames())("names in mail headers on $title", ({ name, skip }) => {
  let smtp: Awaited<ReturnType<typeof startRawSmtp>>;
  let t: TestApp;
  let jobs: DeliveryJobs;
  beforeAll(async () => {
    if (skip) return;
    smtp = await startRawSmtp();
    t = await startTestApp(name, { mailer: createSmtpMailer({ smtpUrl: smtp.url, from: "Convene <no-reply@convene.test>" }) });
    jobs = await startTestJobs(t);
  });
  afterAll(async () => {
    await jobs?.stop();
    await t?.close();
    await smtp?.close();
  });

  it.skipIf(skip)("collapses a display name with CR/LF to one line, so strict parsers accept every message", async () => {
    const owner = await signUpOwner(t.app);
    await t.app.inject({ method: "PATCH", url: "/api/v1/me", headers: { cookie: owner.cookie, "x-csrf-token": owner.csrfToken }, payload: { name: "Host\nName\r\nX-Evil: 1" } });
    const link = await createLink(t.app, owner, { slug: "headers", title: "Intro\r\ncall" });
    const booked = await book(t.app, link.apiPath, "2026-12-01T14:00:00.000Z", { name: HOSTILE_NAME, email: "ada@example.com" });
    expect(booked.statusCode, booked.body).toBe(201);
    await jobs.relayOnce(t.clock.nowMs);
    const startMs = Date.now();
    while (smtp.messages.length < 2) {
      if (Date.now() - startMs > 30_000) throw new Error(`expected 2 messages, got ${smtp.messages.length}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const raw of smtp.messages) {
      const headers = parseStrictly(raw);
      const names = headers.map(([key]) => key.toLowerCase());
      expect(names).not.toContain("bcc");
      expect(names).not.toContain("x-evil");
      for (const [, value] of headers) expect(value).not.toMatch(/[\r\n\u0000-\u001f]/);
    }
    const toInvitee = smtp.messages.map(parseStrictly).find((headers) => headers.some(([key, value]) => key === "To" && value.includes("ada@example.com")))!;
    expect(toInvitee.find(([key]) => key === "To")![1]).toContain("Ada Bcc: victim@example.com Lovelace");
  });
});
