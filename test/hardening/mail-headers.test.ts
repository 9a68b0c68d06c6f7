// Names people type reach mail headers (To's display name; the subject
// quotes the link title and names): with CR/LF in them, headers came out
// folded wrongly and Python's strict email parser rejected the message. Each
// message is read back raw from a real SMTP listener and parsed with
// policy=email.policy.strict.
import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { smtpMailerTo, useSmtpListener } from "../support/smtp-listener.js";
import { useTestApp, useTestJobs } from "../support/test-app.js";

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

describeOnEngines("names in mail headers", (engine) => {
  const smtp = useSmtpListener();
  const t = useTestApp(engine, { mailer: () => smtpMailerTo(smtp.url), owners: { owner: "owner" } });
  const jobs = useTestJobs(t);

  it("collapses a display name with CR/LF to one line, so strict parsers accept every message", async () => {
    const owner = t.owner;
    await t.app.inject({ method: "PATCH", url: "/api/v1/me", headers: { cookie: owner.cookie, "x-csrf-token": owner.csrfToken }, payload: { name: "Host\nName\r\nX-Evil: 1" } });
    await createLinkAndBook(t.app, owner, { link: { slug: "headers", title: "Intro\r\ncall" }, invitee: { name: HOSTILE_NAME, email: "ada@example.com" } });
    await jobs.relayOnce(t.clock.nowMs);
    await smtp.waitForCount(2, 30_000);
    const raws = smtp.received.map((message) => message.raw);
    for (const raw of raws) {
      const headers = parseStrictly(raw);
      const names = headers.map(([key]) => key.toLowerCase());
      expect(names).not.toContain("bcc");
      expect(names).not.toContain("x-evil");
      for (const [, value] of headers) expect(value).not.toMatch(/[\r\n\u0000-\u001f]/);
    }
    const toInvitee = raws.map(parseStrictly).find((headers) => headers.some(([key, value]) => key === "To" && value.includes("ada@example.com")))!;
    expect(toInvitee.find(([key]) => key === "To")![1]).toContain("Ada Bcc: victim@example.com Lovelace");
  });
});
