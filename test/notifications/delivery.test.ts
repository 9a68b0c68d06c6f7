// Book → both sides get a confirmation with a REQUEST invite; reschedule →
// REQUEST with SEQUENCE+1 and both times; cancel → CANCEL with the same UID.
// Reminders run on the injected clock. Real SMTP listener, ical.js parsing.
import ICAL from "ical.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { book, bookingDetail, createLink, createLinkAndBook, managePath } from "../support/booking-fixtures.js";
import { freePort } from "../support/convene-process.js";
import { describeOnEngines } from "../support/engines.js";
import { settle, until } from "../support/polling.js";
import { inviteOf, recipientOf, smtpMailerTo, startSmtpListener, useSmtpListener, type SmtpListener } from "../support/smtp-listener.js";
import { bearer, useTestApp, useTestJobs } from "../support/test-app.js";

function parseInvite(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent("vevent")!;
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: event.getFirstPropertyValue("uid"),
    sequence: Number(event.getFirstPropertyValue("sequence")),
    status: event.getFirstPropertyValue("status"),
    startMs: (event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().getTime(),
    endMs: (event.getFirstPropertyValue("dtend") as ICAL.Time).toJSDate().getTime(),
  };
}

describeOnEngines("notifications", (engine) => {
  const smtp = useSmtpListener();
  const t = useTestApp(engine, { mailer: () => smtpMailerTo(smtp.url), owners: { owner: "owner" } });
  const jobs = useTestJobs(t);
  afterEach(() => {
    smtp.messages.length = 0;
  });

  const detail = (id: string) => bookingDetail(t.app, t.owner, id);

  it("confirms, reschedules and cancels with invites that calendars understand", async () => {
    const { booking: booked } = await createLinkAndBook(t.app, t.owner, { link: { slug: "notify" }, invitee: { name: "Ada <script>", email: "ada@example.com" } });
    // Two confirmations, the leads channel's delivery and the owner's bell notice.
    expect(await jobs.relayOnce(t.clock.nowMs)).toBe(4);
    const confirmations = await smtp.waitForCount(2);
    expect(confirmations.map(recipientOf).sort()).toEqual(["ada@example.com", t.owner.email]);
    const forInvitee = confirmations.find((mail) => recipientOf(mail) === "ada@example.com")!;
    expect(forInvitee.text).toContain("/manage/");
    expect(forInvitee.text).toMatch(/14:00.*Europe\/London/);
    expect(forInvitee.html).not.toContain("<script>");
    const invite = parseInvite(inviteOf(forInvitee));
    expect(invite).toMatchObject({ method: "REQUEST", uid: `${booked.id}@convene`, sequence: 0, startMs: Date.parse("2026-12-01T14:00:00Z"), endMs: Date.parse("2026-12-01T14:30:00Z") });
    const forOwner = confirmations.find((mail) => recipientOf(mail) === t.owner.email)!;
    expect(forOwner.text).toMatch(/09:00.*Europe\/Berlin|15:00.*Europe\/Berlin/);
    expect(inviteOf(forOwner)).not.toContain("/manage/");

    smtp.messages.length = 0;
    const moved = await t.app.inject({ method: "POST", url: `${managePath(booked.manageApiUrl)}/reschedule`, payload: { start: "2026-12-02T15:00:00.000Z" } });
    expect(moved.statusCode, moved.body).toBe(200);
    await jobs.relayOnce(t.clock.nowMs);
    const reschedules = await smtp.waitForCount(2);
    const rescheduled = reschedules.find((mail) => recipientOf(mail) === "ada@example.com")!;
    expect(parseInvite(inviteOf(rescheduled))).toMatchObject({ method: "REQUEST", uid: `${booked.id}@convene`, sequence: 1, startMs: Date.parse("2026-12-02T15:00:00Z") });
    expect(rescheduled.text).toMatch(/1 December 2026/);
    expect(rescheduled.text).toMatch(/2 December 2026/);

    smtp.messages.length = 0;
    await t.app.inject({ method: "POST", url: `${managePath(booked.manageApiUrl)}/cancel`, payload: { reason: "Travel plans changed" } });
    await jobs.relayOnce(t.clock.nowMs);
    const cancellations = await smtp.waitForCount(2);
    const cancelled = cancellations.find((mail) => recipientOf(mail) === "ada@example.com")!;
    expect(parseInvite(inviteOf(cancelled))).toMatchObject({ method: "CANCEL", uid: `${booked.id}@convene`, sequence: 2, status: "CANCELLED" });
    expect(cancelled.text).toContain("Travel plans changed");

    // The SMTP server has both mails a moment before the worker records the second as sent.
    const sentCount = (states: string[]) => states.filter((s) => s.endsWith(":sent")).length;
    const states = await settle(
      async () => (await detail(booked.id)).notifications.map((n: { kind: string; state: string }) => `${n.kind}:${n.state}`) as string[],
      (read) => sentCount(read) >= 6,
    );
    expect(states.filter((s: string) => s.endsWith(":sent")).sort()).toEqual(
      ["cancellation", "cancellation", "confirmation", "confirmation", "reschedule", "reschedule"].map((k) => `${k}:sent`),
    );
    expect(states.filter((s: string) => s.startsWith("reminder")).every((s: string) => s.endsWith(":skipped"))).toBe(true);

    const ics = await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booked.id}/ics`, headers: bearer(t.owner) });
    expect(ics.headers["content-type"]).toMatch(/^text\/calendar/);
    expect(parseInvite(ics.body)).toMatchObject({ uid: `${booked.id}@convene`, status: "CANCELLED" });
  });

  it("reminds both sides 24 h and 1 h before, moves reminders on reschedule and drops them on cancel", async () => {
    const link = await createLink(t.app, t.owner, { slug: "remind" });
    const startMs = t.clock.nowMs + 3 * 24 * 3_600_000 + 2 * 3_600_000; // Monday 23 Nov, 14:00Z
    const start = new Date(startMs).toISOString();
    const booked = (await book(t.app, link.apiPath, start, { email: "grace@example.com" })).json();
    const originalNowMs = t.clock.nowMs;
    try {
      await jobs.relayOnce(t.clock.nowMs);
      await smtp.waitForCount(2);
      smtp.messages.length = 0;

      t.clock.nowMs = startMs - 24 * 3_600_000 - 60_000;
      expect(await jobs.relayOnce(t.clock.nowMs)).toBe(0);
      t.clock.nowMs = startMs - 24 * 3_600_000;
      expect(await jobs.relayOnce(t.clock.nowMs)).toBe(2);
      const day = await smtp.waitForCount(2);
      expect(day.every((mail) => /24 hours/i.test(mail.subject ?? "") || /24 hours/i.test(mail.text ?? ""))).toBe(true);

      // Moved 30 minutes later: the 1-hour reminders follow the new time.
      const movedStartMs = startMs + 30 * 60_000;
      await t.app.inject({ method: "POST", url: `${managePath(booked.manageApiUrl)}/reschedule`, payload: { start: new Date(movedStartMs).toISOString() } });
      t.clock.nowMs = startMs - 3_600_000;
      await jobs.relayOnce(t.clock.nowMs); // sends the reschedule notices only
      await smtp.waitForCount(4);
      const reminders = (await detail(booked.id)).notifications.filter((n: { kind: string; state: string }) => n.kind === "reminder_1h" && n.state === "pending");
      expect(reminders.map((n: { runAt: string }) => n.runAt)).toEqual([new Date(movedStartMs - 3_600_000).toISOString(), new Date(movedStartMs - 3_600_000).toISOString()]);
      smtp.messages.length = 0;
      t.clock.nowMs = movedStartMs - 3_600_000;
      expect(await jobs.relayOnce(t.clock.nowMs)).toBe(2);
      const hour = await smtp.waitForCount(2);
      expect(hour.every((mail) => /1 hour/i.test(`${mail.subject} ${mail.text}`))).toBe(true);

      // A second booking cancelled before its reminders: none go out.
      smtp.messages.length = 0;
      t.clock.nowMs = originalNowMs;
      const other = (await book(t.app, link.apiPath, new Date(startMs + 24 * 3_600_000).toISOString(), { email: "alan@example.com" })).json();
      await t.app.inject({ method: "POST", url: `/api/v1/bookings/${other.id}/cancel`, headers: bearer(t.owner), payload: {} });
      t.clock.nowMs = startMs + 24 * 3_600_000;
      await jobs.relayOnce(t.clock.nowMs);
      // The confirmations are moot by the time they would go out (isMoot in core/notifications/plan.ts): only the cancellations
      // are sent (and the first booking, over with no attendance recorded, gets its host's attendance check).
      await smtp.waitForCount(3);
      expect(smtp.messages.map((mail) => mail.subject).sort()).toEqual([expect.stringMatching(/^Cancelled/), expect.stringMatching(/^Cancelled/), "Did Ada Lovelace attend Intro call?"]);
      // Nothing more can go out once none of its deliveries is pending: the reminders were skipped by the cancel, before they were due.
      type Delivery = { channel: string; kind: string; state: string };
      const deliveries = await settle(
        async (): Promise<Delivery[]> => (await detail(other.id)).deliveries,
        (read) => !read.some((d) => d.state === "pending"),
      );
      expect(deliveries.filter((d) => d.channel === "email").map((d) => `${d.kind}:${d.state}`).sort()).toEqual([
        "attendance_check:skipped",
        "cancellation:sent",
        "cancellation:sent",
        "confirmation:skipped",
        "confirmation:skipped",
        "reminder_1h:skipped",
        "reminder_1h:skipped",
        "reminder_24h:skipped",
        "reminder_24h:skipped",
      ]);
      expect(smtp.messages.map((mail) => mail.subject).filter((subject) => /remind|hour/i.test(subject ?? ""))).toEqual([]);
    } finally {
      t.clock.nowMs = originalNowMs;
    }
  });
});

describe("SMTP down for a while", () => {
  let port: number;
  let smtp: SmtpListener | undefined;
  beforeAll(async () => {
    port = await freePort();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  const t = useTestApp("pglite", { mailer: () => smtpMailerTo(`smtp://127.0.0.1:${port}`), owners: { owner: "owner" } });
  const jobs = useTestJobs(t, { limit: 5, delaySeconds: 1 });

  it("retries with backoff and delivers when the server comes back", async () => {
    const { booking: booked } = await createLinkAndBook(t.app, t.owner);
    await jobs.relayOnce(t.clock.nowMs);
    type Delivery = { kind: string; state: string; attempts: number; lastError: string | null };
    const confirmationsOf = async (): Promise<Delivery[]> => (await bookingDetail(t.app, t.owner, booked.id)).notifications.filter((n: Delivery) => n.kind === "confirmation");
    // Deliveries run several at once: wait until every one has failed once, so each must be retried.
    await until(async () => (await confirmationsOf()).every((n) => n.attempts > 0 && n.lastError), 15_000, () => "no failed attempt recorded");
    smtp = await startSmtpListener({ port });
    const delivered = await smtp.waitForCount(2, 30_000);
    expect(delivered.map(recipientOf).sort()).toEqual(["ada@example.com", t.owner.email].sort());
    // The row is marked sent just after the SMTP server took the message: wait for that write, with a deadline.
    const confirmations = await settle(confirmationsOf, (read) => !read.some((n) => n.state === "pending"));
    expect(confirmations.every((n) => n.state === "sent" && n.attempts >= 2), JSON.stringify(confirmations)).toBe(true);
  }, 90_000); // a few backoff rounds on a busy machine come close to the default 30 s
});
