// "Add new invitees to my contacts", against the Google and Microsoft fakes:
// off by default; turning it on needs the contacts scope (else a problem that
// carries the reconnect URL); on, a booking from a new address creates exactly
// one contact, through retries and repeated deliveries, and an address that
// is already a contact is left alone.
import { expect, it } from "vitest";
import { contactsChannel } from "../../src/use-cases/deliveries/contacts-channel.js";
import { bookingDetail, createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp, useTestJobs, type Owner, type TestApp } from "../support/test-app.js";
import { GOOGLE_CONTACTS_SCOPES, MICROSOFT_CONTACTS_SCOPES, connectGoogle, connectMicrosoft, tenantOf, useProviderFakes } from "./oauth-connections.js";

async function setCreateContacts(t: TestApp, owner: Owner, connectionId: string, on: boolean) {
  return t.app.inject({ method: "PATCH", url: `/api/v1/calendars/${connectionId}`, headers: bearer(owner), payload: { createContacts: on } });
}

async function contactDeliveries(t: TestApp, owner: Owner, bookingId: string): Promise<{ state: string; attempts: number }[]> {
  return (await bookingDetail(t.app, owner, bookingId)).deliveries.filter((delivery: { channel: string }) => delivery.channel === "contacts");
}

describeOnEngines("creating contacts for new invitees", (engine) => {
  const fakes = useProviderFakes();
  const t = useTestApp(engine, { calendarServices: () => fakes.services(), owners: { dora: "dora", eve: "eve", fay: "fay", gus: "gus" } });
  const jobs = useTestJobs(t);

  it("is off by default: a booking plans no contact", async () => {
    const connection = await connectGoogle(t, fakes, t.dora, "dora@gmail.example", GOOGLE_CONTACTS_SCOPES);
    const listed = (await t.app.inject({ method: "GET", url: `/api/v1/calendars/${connection.id}`, headers: bearer(t.dora) })).json();
    expect(listed.createContacts).toBe(false);
    const { booking } = await createLinkAndBook(t.app, t.dora, { invitee: { name: "Grace Hopper", email: "grace@navy.example" } });
    await jobs.relayOnce(t.clock.nowMs);
    expect(await contactDeliveries(t, t.dora, booking.id)).toEqual([]);
    expect(fakes.google.contacts("dora@gmail.example")).toEqual([]);
  });

  it("cannot be turned on without the contacts scope: the problem says where to reconnect", async () => {
    const google = await connectGoogle(t, fakes, t.eve, "eve@gmail.example");
    const refused = await setCreateContacts(t, t.eve, google.id, true);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.json()).toMatchObject({ code: "CALENDAR_SCOPE_MISSING", provider: "google", reconnectUrl: `/api/v1/calendars/connect/google?reconnect=${google.id}&createContacts=true` });
    const { connection: microsoft } = await connectMicrosoft(t, fakes, t.eve, "eve@contoso.example");
    expect((await setCreateContacts(t, t.eve, microsoft.id, true)).json()).toMatchObject({
      code: "CALENDAR_SCOPE_MISSING",
      reconnectUrl: `/api/v1/calendars/connect/microsoft?reconnect=${microsoft.id}&createContacts=true`,
    });
    // The reconnect URL is one the connect route takes: it sends the owner to consent with the contacts scope too.
    const consent = await t.app.inject({ method: "GET", url: refused.json().reconnectUrl, headers: { cookie: t.eve.cookie } });
    expect(consent.statusCode, consent.body).toBe(302);
    expect(new URL(consent.headers.location!).searchParams.get("scope")).toContain("https://www.googleapis.com/auth/contacts");
    const listed = (await t.app.inject({ method: "GET", url: "/api/v1/calendars", headers: bearer(t.eve) })).json();
    expect(listed.items.map((item: { createContacts: boolean }) => item.createContacts)).toEqual([false, false]);
    // Turning it off needs no scope.
    expect((await setCreateContacts(t, t.eve, google.id, false)).statusCode).toBe(200);
  });

  it("with the scope, adds a new invitee to Google contacts exactly once, through a failed attempt and a repeated delivery", async () => {
    const connection = await connectGoogle(t, fakes, t.fay, "fay@gmail.example", GOOGLE_CONTACTS_SCOPES);
    const turnedOn = await setCreateContacts(t, t.fay, connection.id, true);
    expect(turnedOn.statusCode, turnedOn.body).toBe(200);
    expect(turnedOn.json().createContacts).toBe(true);
    // The first attempt meets a Google outage; the queue tries again.
    fakes.google.failNext(1, { status: 500 });
    const { booking } = await createLinkAndBook(t.app, t.fay, { invitee: { name: "Grace Hopper", email: "grace@navy.example" } });
    await jobs.relayOnce(t.clock.nowMs);
    await expect.poll(async () => (await contactDeliveries(t, t.fay, booking.id))[0]?.state, { timeout: 20_000 }).toBe("sent");
    expect((await contactDeliveries(t, t.fay, booking.id))[0]!.attempts).toBe(2);
    expect(fakes.google.contacts("fay@gmail.example")).toEqual([{ givenName: "Grace Hopper", emails: ["grace@navy.example"] }]);

    // A worker killed after the create runs the delivery again: it finds the contact and adds none.
    const tenantId = await tenantOf(t, t.fay);
    const [delivery] = (await t.deps.store.deliveries.listForBooking(tenantId, booking.id)).filter((record) => record.channel === "contacts");
    expect(await contactsChannel(t.deps).deliver(tenantId, delivery!, null, t.clock.nowMs)).toBe("skipped");
    expect(fakes.google.contacts("fay@gmail.example")).toHaveLength(1);
  });

  it("with the scope, adds a new invitee to Outlook contacts and leaves an existing one alone", async () => {
    const { connection, userId } = await connectMicrosoft(t, fakes, t.gus, "gus@contoso.example", MICROSOFT_CONTACTS_SCOPES);
    expect((await setCreateContacts(t, t.gus, connection.id, true)).statusCode).toBe(200);
    fakes.microsoft.addContact(userId, { displayName: "Ada Lovelace", email: "Ada@Analytical.example" });

    const known = await createLinkAndBook(t.app, t.gus, { invitee: { name: "Ada L.", email: "ada@analytical.example" } });
    await jobs.relayOnce(t.clock.nowMs);
    await expect.poll(async () => (await contactDeliveries(t, t.gus, known.booking.id))[0]?.state, { timeout: 20_000 }).toBe("skipped");
    expect(fakes.microsoft.contactsOf(userId)).toHaveLength(1);

    const fresh = await createLinkAndBook(t.app, t.gus, { start: "2026-12-02T14:00:00.000Z", invitee: { name: "Grace Brewster Hopper", email: "grace@navy.example" } });
    await jobs.relayOnce(t.clock.nowMs);
    await expect.poll(async () => (await contactDeliveries(t, t.gus, fresh.booking.id))[0]?.state, { timeout: 20_000 }).toBe("sent");
    expect(fakes.microsoft.contactsOf(userId).map(({ givenName, surname, displayName, emailAddresses }) => ({ givenName, surname, displayName, emailAddresses }))).toEqual([
      { givenName: null, surname: null, displayName: "Ada Lovelace", emailAddresses: [{ address: "Ada@Analytical.example", name: "Ada Lovelace" }] },
      { givenName: "Grace", surname: "Brewster Hopper", displayName: "Grace Brewster Hopper", emailAddresses: [{ address: "grace@navy.example", name: "Grace Brewster Hopper" }] },
    ]);
  });
});
