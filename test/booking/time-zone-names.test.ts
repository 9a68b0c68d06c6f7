// Zones by the names IANA uses today: an old name sent by a browser (ICU still
// answers Asia/Calcutta, Europe/Kiev, Asia/Saigon) is accepted and stored, shown
// and mailed as the current one.
import { expect, it } from "vitest";
import { book, createLink, MEETING_START } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { settle } from "../support/polling.js";
import { bearer, sessionCookieOf, useTestApp, useTestJobs } from "../support/test-app.js";

type Mail = { to: { email: string }; subject: string; text: string; html: string };

describeOnEngines("time-zone names", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "zones" } });
  const jobs = useTestJobs(t);

  it("stores an old name sent at sign-up, in the profile and on a link as today's name", async () => {
    const signup = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/signup",
      payload: { email: "priya@example.com", password: "correct horse battery staple", name: "Priya", organization: "Chai Ltd", timeZone: "Asia/Calcutta" },
    });
    expect(signup.statusCode, signup.body).toBe(201);
    const signedUp = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: sessionCookieOf(signup) } });
    expect(signedUp.json().user.timeZone).toBe("Asia/Kolkata");

    const profile = await t.app.inject({ method: "PATCH", url: "/api/v1/me", headers: bearer(t.owner), payload: { timeZone: "Europe/Kiev" } });
    expect(profile.statusCode, profile.body).toBe(200);
    expect(profile.json().user.timeZone).toBe("Europe/Kyiv");

    const link = await createLink(t.app, t.owner, { timeZone: "America/Buenos_Aires", slug: "aires" });
    const read = await t.app.inject({ method: "GET", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner) });
    expect(read.json().timeZone).toBe("America/Argentina/Buenos_Aires");
    const changed = await t.app.inject({ method: "PATCH", url: `/api/v1/links/${link.id}`, headers: bearer(t.owner), payload: { timeZone: "Asia/Rangoon" } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().timeZone).toBe("Asia/Yangon");
    // A link made without a zone takes the owner's, already current.
    const plain = await t.app.inject({ method: "POST", url: "/api/v1/links", headers: bearer(t.owner), payload: { title: "Plain", slug: "plain", durationsMin: [30] } });
    expect(plain.json().timeZone).toBe("Europe/Kyiv");
  });

  it("books an invitee in Asia/Saigon as Asia/Ho_Chi_Minh and mails the current name", async () => {
    const link = await createLink(t.app, t.owner, { slug: "saigon" });
    const booked = await book(t.app, link.apiPath, MEETING_START, { timeZone: "Asia/Saigon", email: "lan@example.com", name: "Lan" });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json().timeZone).toBe("Asia/Ho_Chi_Minh");
    const detail = await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booked.json().id}`, headers: bearer(t.owner) });
    expect(detail.json().invitee.timeZone).toBe("Asia/Ho_Chi_Minh");

    await jobs.relayOnce(t.clock.nowMs);
    const outbox = async (): Promise<Mail[]> => (await t.app.inject({ method: "GET", url: "/api/v1/dev/outbox", headers: bearer(t.owner) })).json().items;
    const mails = await settle(outbox, (items) => items.some((item) => item.to.email === "lan@example.com"), 15_000);
    const toInvitee = mails.find((item) => item.to.email === "lan@example.com")!;
    expect(toInvitee.text).toContain("Asia/Ho_Chi_Minh");
    expect(toInvitee.text + toInvitee.html + toInvitee.subject).not.toContain("Saigon");
  });

  it("still refuses a name that is no zone", async () => {
    const link = await createLink(t.app, t.owner, { slug: "nowhere" });
    const refused = await book(t.app, link.apiPath, MEETING_START, { timeZone: "Asia/Atlantis" });
    expect([refused.statusCode, refused.json().code]).toEqual([400, "UNKNOWN_TIME_ZONE"]);
  });
});
