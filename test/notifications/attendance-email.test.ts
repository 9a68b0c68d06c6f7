// The attendance email: when a meeting ends with no attendance recorded, each
// host is asked "Did {name} attend {title}?" with a "Showed" and a "No-show"
// link. The links need no sign-in, a GET changes nothing (mail scanners open
// links), the page's POST records the mark through the attendance change
// (same history, same booking event), once; expired and forged links are refused.
import { expect, it } from "vitest";
import { createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { deliverAll } from "../support/in-app-fixtures.js";
import { bearer, useTestApp, type Owner } from "../support/test-app.js";

type Mail = { to: { email: string }; subject: string; text: string; html: string; invite?: unknown };

const START = "2026-12-01T14:00:00.000Z";
const END_MS = Date.parse(START) + 30 * 60_000;

describeOnEngines("the attendance email", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "attendance" } });

  const outbox = async (owner: Owner): Promise<Mail[]> => (await t.app.inject({ method: "GET", url: "/api/v1/dev/outbox", headers: bearer(owner) })).json().items;
  const checks = async (owner: Owner) => (await outbox(owner)).filter((mail) => mail.subject.startsWith("Did "));
  const linksIn = (mail: Mail) => [...mail.text.matchAll(/http:\/\/convene\.test\/attendance\/([A-Za-z0-9_-]+)/g)].map((match) => match[1]!);
  const at = async <T>(ms: number, run: () => Promise<T>): Promise<T> => {
    const before = t.clock.nowMs;
    t.clock.nowMs = ms;
    try {
      return await run();
    } finally {
      t.clock.nowMs = before;
    }
  };

  it("asks the host after the end, and its links record once, on POST only", async () => {
    const { owner } = t;
    const { booking } = await createLinkAndBook(t.app, owner, { link: { slug: "attend", title: "Discovery call" }, start: START, invitee: { name: "Ada Lovelace" } });
    await deliverAll(t, owner);
    // Not before the meeting ended.
    await at(END_MS, () => deliverAll(t, owner));
    expect(await checks(owner)).toEqual([]);
    await at(END_MS + 15 * 60_000, () => deliverAll(t, owner));
    const [mail, ...more] = await checks(owner);
    expect(more).toEqual([]);
    expect(mail!.to.email).toBe(owner.email);
    expect(mail!.subject).toBe("Did Ada Lovelace attend Discovery call?");
    expect(mail!.invite).toBeFalsy();
    // Nothing for the invitee.
    expect((await outbox(owner)).filter((m) => m.subject.startsWith("Did ") && m.to.email !== owner.email)).toEqual([]);
    const [showed, noShow] = linksIn(mail!);
    expect(mail!.html).toContain(">Showed<");
    expect(mail!.html).toContain(">No-show<");
    expect(showed).toBeDefined();
    expect(noShow).toBeDefined();
    expect(showed).not.toBe(noShow);

    const later = END_MS + 60 * 60_000;
    await at(later, async () => {
      // The page's read: what the link records, and that nothing is recorded; reading twice changes nothing.
      for (let i = 0; i < 2; i++) {
        const read = await t.app.inject({ method: "GET", url: `/api/v1/attendance/${noShow}` });
        expect(read.statusCode, read.body).toBe(200);
        expect(read.json()).toMatchObject({ mark: "no_show", meetingTitle: "Discovery call", inviteeName: "Ada Lovelace", status: "scheduled", recorded: null });
      }
      const stillOpen = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booking.id}`, headers: bearer(owner) })).json();
      expect(stillOpen.status).toBe("scheduled");

      const recorded = await t.app.inject({ method: "POST", url: `/api/v1/attendance/${noShow}` });
      expect(recorded.statusCode, recorded.body).toBe(200);
      expect(recorded.json()).toMatchObject({ status: "no_show", recorded: "no_show" });
      // Once: the same link again, and the other link, are told it is recorded.
      for (const token of [noShow, showed]) {
        const again = await t.app.inject({ method: "POST", url: `/api/v1/attendance/${token}` });
        expect(again.statusCode, again.body).toBe(409);
        expect(again.headers["content-type"]).toContain("application/problem+json");
        expect(again.json().code).toBe("ATTENDANCE_ALREADY_RECORDED");
      }
      const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booking.id}`, headers: bearer(owner) })).json();
      expect(detail.status).toBe("no_show");
      const attendance = detail.history.filter((entry: { action: string }) => entry.action === "attendance");
      expect(attendance).toHaveLength(1);
      expect(attendance[0].actor).toEqual({ type: "user", id: owner.userId });
      expect(detail.events.map((event: { type: string }) => event.type)).toEqual(["created", "attendance_recorded"]);
      // The no-show went through the fan-out like the dashboard's: the bell has it.
      await deliverAll(t, owner);
      const bell = (await t.app.inject({ method: "GET", url: "/api/v1/notifications", headers: bearer(owner) })).json();
      expect(bell.items.filter((item: { bookingId: string }) => item.bookingId === booking.id).map((item: { kind: string }) => item.kind)).toEqual(["no_show", "booking_created"]);
    });
  });

  it("is not sent once attendance is recorded or the booking is cancelled, and refuses expired and forged links", async () => {
    const { owner } = t;
    const marked = await createLinkAndBook(t.app, owner, { link: { slug: "attend-marked" }, start: "2026-12-02T14:00:00.000Z", invitee: { name: "Marked Early" } });
    const cancelled = await createLinkAndBook(t.app, owner, { link: { slug: "attend-cancelled" }, start: "2026-12-02T15:00:00.000Z", invitee: { name: "Called Off" } });
    const open = await createLinkAndBook(t.app, owner, { link: { slug: "attend-open" }, start: "2026-12-02T16:00:00.000Z", invitee: { name: "Never Answered" } });
    await deliverAll(t, owner);
    await t.app.inject({ method: "POST", url: `/api/v1/bookings/${cancelled.booking.id}/cancel`, headers: bearer(owner), payload: {} });
    await at(Date.parse("2026-12-02T14:31:00.000Z"), () =>
      t.app.inject({ method: "POST", url: `/api/v1/bookings/${marked.booking.id}/attendance`, headers: bearer(owner), payload: { status: "showed" } }),
    );
    await at(Date.parse("2026-12-02T18:00:00.000Z"), () => deliverAll(t, owner));
    const subjects = (await checks(owner)).map((mail) => mail.subject);
    expect(subjects.filter((subject) => /Marked Early|Called Off/.test(subject))).toEqual([]);
    const mail = (await checks(owner)).find((m) => m.subject.includes("Never Answered"))!;
    const [showed] = linksIn(mail);

    // Expired: two weeks after the email went out.
    const expired = await at(Date.parse("2026-12-16T18:00:00.000Z"), () => t.app.inject({ method: "POST", url: `/api/v1/attendance/${showed}` }));
    expect([expired.statusCode, expired.json().code]).toEqual([410, "ATTENDANCE_LINK_EXPIRED"]);
    // Forged: one character changed, or not a token at all.
    const forgedToken = `${showed!.slice(0, 10)}${showed![10] === "A" ? "B" : "A"}${showed!.slice(11)}`;
    for (const token of [forgedToken, "x".repeat(90), "short-token-here"]) {
      const forged = await t.app.inject({ method: "POST", url: `/api/v1/attendance/${token}` });
      expect([forged.statusCode, forged.json().code], token).toEqual([404, "ATTENDANCE_LINK_INVALID"]);
      const read = await t.app.inject({ method: "GET", url: `/api/v1/attendance/${token}` });
      expect(read.json().code).toBe("ATTENDANCE_LINK_INVALID");
    }
    const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${open.booking.id}`, headers: bearer(owner) })).json();
    expect(detail.status).toBe("scheduled");
  });

  it("records one mark when both links are clicked at once (the row is held; a real race on PostgreSQL)", async () => {
    const { owner } = t;
    const { booking } = await createLinkAndBook(t.app, owner, { link: { slug: "attend-race" }, start: "2026-12-03T14:00:00.000Z", invitee: { name: "Both Buttons" } });
    await deliverAll(t, owner);
    await at(Date.parse("2026-12-03T15:00:00.000Z"), () => deliverAll(t, owner));
    const mail = (await checks(owner)).find((m) => m.subject.includes("Both Buttons"))!;
    const [showed, noShow] = linksIn(mail);
    const answers = await at(Date.parse("2026-12-03T16:00:00.000Z"), () =>
      Promise.all([showed, noShow, showed, noShow].map((token) => t.app.inject({ method: "POST", url: `/api/v1/attendance/${token}` }))),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409, 409, 409]);
    const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booking.id}`, headers: bearer(owner) })).json();
    expect(detail.history.filter((entry: { action: string }) => entry.action === "attendance")).toHaveLength(1);
    expect(detail.events.filter((event: { type: string }) => event.type === "attendance_recorded")).toHaveLength(1);
  });
});
