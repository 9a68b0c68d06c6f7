// An invitee erases their data through the manage link: a meeting ahead is
// cancelled with the usual notices (sent before the address is gone), the hosts
// are told without personal data, and nothing of the invitee's remains in any
// table; the slot and its times stay. The link then shows only that it was erased.
import { expect, it } from "vitest";
import { ERASED_EMAIL, ERASED_NAME } from "../../src/core/booking/erasure.js";
import { bookingDetail, createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { recordingMailer } from "../support/recording-mailer.js";
import { rowsMentioning } from "../support/rows-mentioning.js";
import { signUpOwner, useTestApp } from "../support/test-app.js";

const INVITEE = { name: "Grace Hopper", email: "grace.hopper@example.com", notes: "Bring the COBOL listing", answers: {} };

describeOnEngines("invitee erasure", (engine) => {
  const mailer = recordingMailer(() => t.deps.store.mailOutbox);
  const t = useTestApp(engine, { mailer });

  it("cancels a meeting ahead with notices, tells the hosts, and leaves no trace of the invitee in any table", async () => {
    const owner = await signUpOwner(t.app, "erasure");
    const { booking, managePath } = await createLinkAndBook(t.app, owner, { link: { title: "Erasure intro" }, invitee: { ...INVITEE, email: "grace.hopper.1@example.com" } });
    const before = await bookingDetail(t.app, owner, booking.id);

    const erased = await t.app.inject({ method: "POST", url: `${managePath}/erase` });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({ erased: true });

    // The invitee was told of the cancellation before their address went away.
    const toInvitee = mailer.sent.filter((mail) => mail.to.email === "grace.hopper.1@example.com");
    expect(toInvitee.map((mail) => mail.subject).join("\n")).toMatch(/cancel/i);
    // The host was told, with the meeting's time and title and nothing of the invitee's.
    const hostNotice = mailer.sent.find((mail) => mail.to.email === owner.email && /erased/i.test(mail.subject));
    expect(hostNotice?.subject).toContain("Erasure intro");
    expect(`${hostNotice?.text}${hostNotice?.html}`).not.toMatch(/Grace|Hopper|COBOL/);

    const after = await bookingDetail(t.app, owner, booking.id);
    expect(after).toMatchObject({ status: "cancelled", start: before.start, end: before.end, invitee: { name: ERASED_NAME, email: ERASED_EMAIL }, answers: {}, guests: [], notes: null, cancelReason: null });
    expect(after.erasedAt).toEqual(expect.any(String));
    // Every table, every column: the host notice is the only mail left, and it names no one.
    expect(await rowsMentioning(t.database, ["grace.hopper.1@example.com", "Grace Hopper", "COBOL"])).toEqual({});
  });

  it("stops the manage link, and answers the same when asked again", async () => {
    const owner = await signUpOwner(t.app, "again");
    const { booking, managePath } = await createLinkAndBook(t.app, owner, { invitee: { ...INVITEE, email: "grace.hopper.2@example.com" } });
    expect((await t.app.inject({ method: "POST", url: `${managePath}/erase` })).statusCode).toBe(200);
    const hostMails = () => mailer.sent.filter((mail) => mail.to.email === owner.email && /erased/i.test(mail.subject)).length;
    expect(hostMails()).toBe(1);

    const again = await t.app.inject({ method: "POST", url: `${managePath}/erase` });
    expect(again.statusCode, again.body).toBe(200);
    expect(hostMails()).toBe(1);
    for (const request of [{ method: "GET" as const, url: managePath }, { method: "POST" as const, url: `${managePath}/cancel`, payload: {} }, { method: "GET" as const, url: `${managePath}/ics` }]) {
      const response = await t.app.inject(request);
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(410);
      expect(response.json()).toMatchObject({ code: "BOOKING_ERASED" });
      expect(response.body).not.toContain(booking.id);
    }
  });

  it("keeps a past meeting's status and times, and erases it", async () => {
    const owner = await signUpOwner(t.app, "past");
    const { booking, managePath } = await createLinkAndBook(t.app, owner, { invitee: { ...INVITEE, email: "grace.hopper.3@example.com" } });
    const savedNowMs = t.clock.nowMs;
    t.clock.nowMs = Date.parse(booking.end) + 3_600_000;
    try {
      const sentBefore = mailer.sent.length;
      expect((await t.app.inject({ method: "POST", url: `${managePath}/erase` })).statusCode).toBe(200);
      expect(mailer.sent.slice(sentBefore).filter((mail) => /cancel/i.test(mail.subject))).toEqual([]);
      expect(await bookingDetail(t.app, owner, booking.id)).toMatchObject({ status: "scheduled", start: booking.start, invitee: { name: ERASED_NAME } });
      expect(await rowsMentioning(t.database, ["grace.hopper.3@example.com"])).toEqual({});
    } finally {
      t.clock.nowMs = savedNowMs;
    }
  });

  it("erases nothing when the hosts cannot be told, so the invitee can ask again", async () => {
    const owner = await signUpOwner(t.app, "mailfail");
    const { booking, managePath } = await createLinkAndBook(t.app, owner, { invitee: { ...INVITEE, email: "grace.hopper.4@example.com" } });
    mailer.failing = true;
    try {
      const refused = await t.app.inject({ method: "POST", url: `${managePath}/erase` });
      expect(refused.statusCode).toBeGreaterThanOrEqual(500);
    } finally {
      mailer.failing = false;
    }
    expect((await bookingDetail(t.app, owner, booking.id)).erasedAt).toBeNull();
    expect((await t.app.inject({ method: "POST", url: `${managePath}/erase` })).statusCode).toBe(200);
    expect((await bookingDetail(t.app, owner, booking.id)).erasedAt).toEqual(expect.any(String));
  });
});
