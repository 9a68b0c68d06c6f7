// Google and Microsoft end to end, each against its fake and through the real
// providers: an event at the provider blocks slots; a change there reaches the
// slots by push (the fake delivers the notification to Convene's push route)
// without waiting for the sync interval; slot reads never call the provider;
// a booking on a Meet or Teams link creates the meeting in the host's
// calendar and its link reaches the emails and the invite.
import ICAL from "ical.js";
import { expect, it } from "vitest";
import { defaultChannels } from "../../src/main.js";
import { deliverQueued } from "../../src/use-cases/deliveries/deliver.js";
import { fanOutEvents } from "../../src/use-cases/deliveries/fan-out.js";
import type { DeliveryRecord } from "../../src/use-cases/ports/deliveries.js";
import { book, createLink, MEETING_START } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { settle } from "../support/polling.js";
import { connectGoogle, connectMicrosoft, ownerContext, usePushApp, type PushApp } from "../support/push-app.js";
import { signUpOwner, type Owner } from "../support/test-app.js";

/** Tuesday 1 December 2026 in New York (the booking fixtures' weekday hours, 09:00–17:00). */
const DAY = { from: "2026-12-01T00:00:00Z", to: "2026-12-02T00:00:00Z" };
const TEN_NY = "2026-12-01T15:00:00.000Z";
const TEN_THIRTY_NY = "2026-12-01T15:30:00.000Z";

async function slotStarts(t: PushApp, apiPath: string): Promise<string[]> {
  const response = await t.app.inject({ method: "GET", url: `${apiPath}/slots?from=${DAY.from}&to=${DAY.to}` });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { days: { slots: { start: string }[] }[] }).days.flatMap((day) => day.slots.map((slot) => slot.start));
}

/** Fans the booking's events out and runs every due delivery once, calendar writes first (emails of a Meet/Teams booking wait for them). */
async function deliverAll(t: PushApp, owner: Owner, bookingId: string): Promise<DeliveryRecord[]> {
  const channels = defaultChannels(t.deps);
  const tenantId = (await ownerContext(t, owner)).auth.tenantId;
  await fanOutEvents(t.deps.store, channels, t.clock.nowMs);
  // What is due now: the reminders wait for their time.
  const pending = (await t.deps.store.deliveries.listForBooking(tenantId, bookingId)).filter((delivery) => delivery.state === "pending" && delivery.runAtMs <= t.clock.nowMs);
  const ordered = [...pending.filter((delivery) => delivery.channel === "calendar"), ...pending.filter((delivery) => delivery.channel !== "calendar")];
  for (const delivery of ordered) await deliverQueued(t.deps.store, channels, delivery.id, t.clock.nowMs, { isFinal: false, retryAtMs: t.clock.nowMs + 10_000 });
  return t.deps.store.deliveries.listForBooking(tenantId, bookingId);
}

async function mailTo(t: PushApp, owner: Owner, email: string) {
  const tenantId = (await ownerContext(t, owner)).auth.tenantId;
  return (await t.deps.store.mailOutbox.list(tenantId, { limit: 100 })).filter((mail) => mail.to.email === email);
}

const inviteLocation = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!.getFirstPropertyValue("location");

describeOnEngines("Google and Microsoft calendars end to end", (engine) => {
  const t = usePushApp(engine);

  it("Google: busy time blocks slots, a change reaches them by push, reads never call Google, and a Meet booking mails its link", async () => {
    const owner = await signUpOwner(t.app, "google-e2e");
    const email = `ada-${engine}@example.com`;
    const connection = await connectGoogle(t, owner, email, t.google, (fake) =>
      fake.putEvent(email, { summary: "Dentist", start: { dateTime: "2026-12-01T14:00:00Z" }, end: { dateTime: "2026-12-01T15:00:00Z" } }),
    );
    expect(connection.status).toBe("ok");
    // The first sync opened a channel; Google's "sync" handshake has been answered.
    await t.google.drainNotifications();
    expect(t.google.channels().filter((channel) => channel.calendarId === email)).toHaveLength(1);

    const link = await createLink(t.app, owner, { slug: `meet-${engine}`, location: { type: "google_meet" } });
    const before = await slotStarts(t, link.apiPath);
    expect(before).not.toContain(MEETING_START);
    expect(before).toContain(TEN_NY);

    t.google.clearRequests();
    for (let i = 0; i < 20; i++) await slotStarts(t, link.apiPath);
    expect(t.google.requests()).toEqual([]);

    // Someone books 10:00 in Google Calendar: the fake notifies the channel, Convene syncs at once (the interval is 5 minutes and the clock stands still).
    t.google.putEvent(email, { summary: "Board call", start: { dateTime: TEN_NY }, end: { dateTime: TEN_THIRTY_NY } });
    const after = await settle(
      () => slotStarts(t, link.apiPath),
      (starts) => !starts.includes(TEN_NY),
    );
    expect(after).not.toContain(TEN_NY);
    expect(after).toContain(TEN_THIRTY_NY);

    const booked = await book(t.app, link.apiPath, TEN_THIRTY_NY, { email: "grace@example.org", name: "Grace Hopper" });
    expect(booked.statusCode, booked.body).toBe(201);
    const bookingId = (booked.json() as { id: string }).id;
    const deliveries = await deliverAll(t, owner, bookingId);
    expect(deliveries.filter((delivery) => delivery.kind === "confirmation" || delivery.channel === "calendar").map((delivery) => delivery.state)).toEqual(["sent", "sent", "sent"]);

    const written = t.google.events(email).filter((event) => (event.extendedProperties as { private?: { conveneUid?: string } } | undefined)?.private?.conveneUid === `${bookingId}@convene`);
    expect(written).toHaveLength(1);
    const meetUrl = String(written[0]!.hangoutLink);
    expect(meetUrl).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    const [confirmation] = await mailTo(t, owner, "grace@example.org");
    expect(confirmation!.text).toContain(meetUrl);
    expect(inviteLocation(confirmation!.invite!.content)).toBe(meetUrl);
    // Convene's own event does not block twice: only the booking holds 10:30.
    expect(await slotStarts(t, link.apiPath)).not.toContain(TEN_THIRTY_NY);
  });

  it("Microsoft: busy time blocks slots, a change notification reaches them, reads never call Graph, and a Teams booking mails its link", async () => {
    const owner = await signUpOwner(t.app, "microsoft-e2e");
    const { connection, graphCalendarId } = await connectMicrosoft(t, owner, `host-${engine}@contoso.example`);
    expect(connection.status).toBe("ok");
    const [subscription] = t.microsoft.subscriptions().filter((candidate) => String(candidate.resource).includes(graphCalendarId));
    expect(subscription).toBeDefined();

    const link = await createLink(t.app, owner, { slug: `teams-${engine}`, location: { type: "teams" } });
    expect(await slotStarts(t, link.apiPath)).toContain(TEN_NY);

    const requestsBefore = t.microsoft.requests.length;
    for (let i = 0; i < 20; i++) await slotStarts(t, link.apiPath);
    expect(t.microsoft.requests.length).toBe(requestsBefore);

    const eventId = t.microsoft.addEvent(graphCalendarId, { subject: "Board call", start: TEN_NY, end: TEN_THIRTY_NY });
    expect(await t.microsoft.sendChangeNotification(String(subscription!.id), "created", eventId)).toBe(202);
    const after = await settle(
      () => slotStarts(t, link.apiPath),
      (starts) => !starts.includes(TEN_NY),
    );
    expect(after).not.toContain(TEN_NY);

    const booked = await book(t.app, link.apiPath, TEN_THIRTY_NY, { email: "linus@example.org", name: "Linus" });
    expect(booked.statusCode, booked.body).toBe(201);
    const bookingId = (booked.json() as { id: string }).id;
    const deliveries = await deliverAll(t, owner, bookingId);
    expect(deliveries.filter((delivery) => delivery.kind === "confirmation").map((delivery) => delivery.state)).toEqual(["sent", "sent"]);
    const [write] = await t.deps.store.calendars.listWrites((await ownerContext(t, owner)).auth.tenantId, bookingId);
    const joinUrl = String(write?.conferenceUrl);
    expect(joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(t.microsoft.eventsOf(graphCalendarId).map((event) => event.id)).toContain(write!.href);
    const [confirmation] = await mailTo(t, owner, "linus@example.org");
    expect(confirmation!.text).toContain(joinUrl);
    expect(inviteLocation(confirmation!.invite!.content)).toBe(joinUrl);
  });
});
