// Video that arrives (issue 12, item 6): a link's location is checked when it
// is saved, and a booking's resolved location (its own Jitsi room, or the
// owner's meeting URL) is the same in the confirmation and reschedule emails,
// the invite's LOCATION, GET /bookings/{id}, the manage page and the .ics
// download; the booking page before booking names only the kind of call.
// Legacy "video" links (rows and API clients) get a Jitsi room.
import ICAL from "ical.js";
import type { ParsedMail } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { book, bookingDetail, createLink, createLinkAndBook } from "../support/booking-fixtures.js";
import { inviteOf, recipientOf, smtpMailerTo, useSmtpListener } from "../support/smtp-listener.js";
import { bearer, TEST_JITSI_BASE_URL, useTestApp, useTestJobs } from "../support/test-app.js";

const ROOM_URL = new RegExp(`^${TEST_JITSI_BASE_URL.replaceAll(".", "\\.")}/Convene-[a-z2-7]{32}$`);
const ZOOM_URL = "https://us02web.zoom.us/j/81234567890?pwd=Zm9vYmFy";

function inviteEvent(ics: string) {
  const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!;
  return { uid: String(event.getFirstPropertyValue("uid")), location: event.getFirstPropertyValue("location"), description: String(event.getFirstPropertyValue("description")) };
}

describe("meeting locations", () => {
  const smtp = useSmtpListener();
  const t = useTestApp("pglite", { mailer: () => smtpMailerTo(smtp.url), owners: { owner: "rooms" } });
  const jobs = useTestJobs(t);
  afterEach(() => {
    smtp.messages.length = 0;
  });

  const post = (url: string, payload: object) => t.app.inject({ method: "POST", url, headers: bearer(t.owner), payload });
  const linkWith = (location: object, slug: string) => post("/api/v1/links", { title: "Intro call", slug, durationsMin: [30], location });
  /** Sends what the booking's events owe and waits for the mails: invitee and owner each get one. */
  async function mailsAfterRelay(count = 2): Promise<{ invitee: ParsedMail; host: ParsedMail }> {
    await jobs.relayOnce(t.clock.nowMs);
    const mails = await smtp.waitForCount(count);
    return { invitee: mails.find((mail) => recipientOf(mail) === "ada@example.com")!, host: mails.find((mail) => recipientOf(mail) === t.owner.email)! };
  }

  describe("saving a link", () => {
    it.each([
      ["no URL", {}, "needs the meeting's address"],
      ["an empty URL", { value: "  " }, "needs the meeting's address"],
      ["a host without a scheme", { value: "zoom.us/j/81234567890" }, "must be an https://"],
      ["another scheme", { value: "javascript:alert(document.cookie)" }, "must be an https://"],
      ["credentials", { value: "https://me:secret@zoom.us/j/1" }, "user name or password"],
    ])("refuses a meeting_url with %s: 400 problem+json VALIDATION_FAILED on location.value", async (_, value, message) => {
      const response = await linkWith({ type: "meeting_url", ...value }, "bad-url");
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      const problem = response.json();
      expect(problem).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
      expect(problem.errors).toEqual([{ path: "location.value", message: expect.stringContaining(message) }]);
      expect(problem.detail).toContain("location.value");
    });

    it("refuses the same on a change, and leaves the link as it was", async () => {
      const link = (await linkWith({ type: "meeting_url", value: ZOOM_URL }, "change-url")).json();
      const patch = await t.app.inject({ method: "PATCH", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner), payload: { location: { type: "meeting_url", value: "ftp://example.org/room" } } });
      expect(patch.statusCode, patch.body).toBe(400);
      expect(patch.json().code).toBe("VALIDATION_FAILED");
      const read = await t.app.inject({ method: "GET", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner) });
      expect(read.json().location).toEqual({ type: "meeting_url", value: ZOOM_URL });
    });

    it("refuses an unknown type through the schema, naming the types it takes", async () => {
      const response = await linkWith({ type: "zoom" }, "unknown-type");
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: "VALIDATION_FAILED" });
      expect(response.json().detail).toMatch(/location\.type.*jitsi/);
    });

    it("keeps a trimmed meeting URL and makes a Jitsi room link by default", async () => {
      const zoom = await linkWith({ type: "meeting_url", value: `  ${ZOOM_URL}  ` }, "zoom");
      expect(zoom.statusCode, zoom.body).toBe(201);
      expect(zoom.json().location).toEqual({ type: "meeting_url", value: ZOOM_URL });
      const plain = await post("/api/v1/links", { title: "Plain", durationsMin: [30] });
      expect(plain.json().location).toEqual({ type: "jitsi", value: null });
    });

    it('takes the old name "video" from older clients and answers with the new one', async () => {
      const video = await linkWith({ type: "video" }, "old-client");
      expect(video.statusCode, video.body).toBe(201);
      expect(video.json().location).toEqual({ type: "jitsi", value: null });
      const withUrl = await linkWith({ type: "video", value: "https://whereby.com/grace" }, "old-client-url");
      expect(withUrl.json().location).toEqual({ type: "meeting_url", value: "https://whereby.com/grace" });
    });
  });

  it("gives a Jitsi booking one room: in both emails, the invite, the booking API, the manage page and the .ics; another booking gets another", async () => {
    const { link, booking, managePath: manage } = await createLinkAndBook(t.app, t.owner, { link: { slug: "jitsi-room", location: { type: "jitsi" } } });
    const detail = await bookingDetail(t.app, t.owner, booking.id);
    expect(detail.location).toMatchObject({ type: "jitsi", label: "Join" });
    const room: string = detail.location.url;
    expect(room).toMatch(ROOM_URL);
    expect(detail.location.text).toBe(room);

    const { invitee, host } = await mailsAfterRelay();
    for (const mail of [invitee, host]) {
      expect(mail.text).toContain(`Join: ${room}`);
      expect(mail.html).toContain(`href="${room}"`);
      const invite = inviteEvent(inviteOf(mail));
      expect(invite).toMatchObject({ uid: `${booking.id}@convene`, location: room });
      expect(invite.description).toContain(`Join: ${room}`);
    }

    const managed = (await t.app.inject({ method: "GET", url: manage })).json();
    expect(managed.location).toEqual(detail.location);
    const ownerIcs = await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booking.id}/ics`, headers: bearer(t.owner) });
    expect(inviteEvent(ownerIcs.body).location).toBe(room);
    expect(inviteEvent((await t.app.inject({ method: "GET", url: `${manage}/ics` })).body).location).toBe(room);

    // The booking page never shows a booking's room.
    const page = await t.app.inject({ method: "GET", url: link.apiPath });
    expect(page.json().location).toEqual({ type: "jitsi", kind: "Jitsi video call", value: null });
    expect(page.body).not.toContain("Convene-");

    // Moved: same room, in the reschedule notice and its invite.
    smtp.messages.length = 0;
    const moved = await t.app.inject({ method: "POST", url: `${manage}/reschedule`, payload: { start: "2026-12-02T15:00:00.000Z" } });
    expect(moved.statusCode, moved.body).toBe(200);
    const rescheduled = await mailsAfterRelay();
    expect(rescheduled.invitee.subject).toMatch(/^Rescheduled/);
    expect(rescheduled.invitee.text).toContain(`Join: ${room}`);
    expect(inviteEvent(inviteOf(rescheduled.invitee)).location).toBe(room);

    const second = await book(t.app, link.apiPath, "2026-12-03T15:00:00.000Z", { email: "grace@example.com" });
    expect(second.statusCode, second.body).toBe(201);
    const otherRoom = (await bookingDetail(t.app, t.owner, second.json().id)).location.url;
    expect(otherRoom).toMatch(ROOM_URL);
    expect(otherRoom).not.toBe(room);
    await jobs.relayOnce(t.clock.nowMs);
    await smtp.waitForCount(4);
  });

  it("gives a meeting_url booking the owner's URL after booking, and the booking page only its kind", async () => {
    const { link, booking, managePath: manage } = await createLinkAndBook(t.app, t.owner, { link: { slug: "zoom-room", location: { type: "meeting_url", value: ZOOM_URL } } });
    const page = await t.app.inject({ method: "GET", url: link.apiPath });
    expect(page.json().location).toEqual({ type: "meeting_url", kind: "Zoom video call", value: null });
    expect(page.body).not.toContain("zoom.us");

    const expected = { type: "meeting_url", label: "Join", text: ZOOM_URL, url: ZOOM_URL };
    expect((await bookingDetail(t.app, t.owner, booking.id)).location).toEqual(expected);
    expect((await t.app.inject({ method: "GET", url: manage })).json().location).toEqual(expected);
    const { invitee } = await mailsAfterRelay();
    expect(invitee.text).toContain(`Join: ${ZOOM_URL}`);
    expect(inviteEvent(inviteOf(invitee)).location).toBe(ZOOM_URL);
  });

  it("gives links stored as video before this change a Jitsi room, with no data migration", async () => {
    const link = await createLink(t.app, t.owner, { slug: "stored-video" });
    await t.database.executeSql(`UPDATE links SET location = $1::jsonb WHERE id = $2`, [JSON.stringify({ type: "video" }), link.id]);
    const read = await t.app.inject({ method: "GET", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner) });
    expect(read.json().location).toEqual({ type: "jitsi", value: null });
    expect((await t.app.inject({ method: "GET", url: link.apiPath })).json().location).toMatchObject({ type: "jitsi", kind: "Jitsi video call" });

    const booked = await book(t.app, link.apiPath, "2026-12-04T15:00:00.000Z");
    expect(booked.statusCode, booked.body).toBe(201);
    const room = (await bookingDetail(t.app, t.owner, booked.json().id)).location.url;
    expect(room).toMatch(ROOM_URL);
    const { invitee } = await mailsAfterRelay();
    expect(inviteEvent(inviteOf(invitee)).location).toBe(room);
    expect(invitee.text).not.toContain("the link will follow");

    // A change to anything else leaves it a Jitsi link (and saves it in the new name).
    const patch = await t.app.inject({ method: "PATCH", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner), payload: { title: "Renamed" } });
    expect(patch.json().location).toEqual({ type: "jitsi", value: null });
  });
});

describe("JITSI_BASE_URL", () => {
  it("defaults to meet.jit.si and drops a trailing slash", () => {
    expect(parseConfig({}, "/srv").jitsiBaseUrl).toBe("https://meet.jit.si");
    expect(parseConfig({ JITSI_BASE_URL: "https://video.example.org/jitsi/" }, "/srv").jitsiBaseUrl).toBe("https://video.example.org/jitsi");
  });

  it.each(["meet.example.org", "ftp://meet.example.org", "https://meet.example.org/?room=x", "https://user:pw@meet.example.org"])("refuses %s at start-up, naming the variable", (value) => {
    expect(() => parseConfig({ JITSI_BASE_URL: value }, "/srv")).toThrow("JITSI_BASE_URL");
  });
});
