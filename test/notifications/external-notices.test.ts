// Owner notices for a booking made at Cal.com or Calendly: the provider mails
// the invitee, so Convene writes to the hosts only — "New meeting booked:
// {name} – {company}" with the time in the host's zone, the duration, the
// provider's meeting link and the matched lead's details; cancellations with
// the reason; no reminders to the invitee, no second calendar invite.
import { expect, it } from "vitest";
import { bookingLeads, campaigns, leads } from "../../src/adapters/db/schema.js";
import { recordBookingEvent } from "../../src/use-cases/bookings/record-booking-event.js";
import { describeOnEngines } from "../support/engines.js";
import { bell, deliverAll, tenantIdOf } from "../support/in-app-fixtures.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import { bearer, useTestApp, type Owner } from "../support/test-app.js";

type Mail = { to: { email: string }; subject: string; text: string; invite?: unknown };

const START_MS = Date.parse("2026-12-01T14:00:00.000Z");

describeOnEngines("owner notices of external bookings", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "external" } });
  const outbox = async (owner: Owner): Promise<Mail[]> => (await t.app.inject({ method: "GET", url: "/api/v1/dev/outbox", headers: bearer(owner) })).json().items;

  /** What the inbound use case (helper B's) does: the booking with no link, its source's fields, and its created event. */
  async function externalBooking(owner: Owner, source: "calcom" | "calendly", invitee: { name: string; email: string }) {
    const tenantId = mintTenantIdForTest(await tenantIdOf(t.app, owner));
    return t.deps.store.transaction(async (repos) => {
      const booking = await repos.bookings.create(
        tenantId,
        {
          linkId: null,
          oneTimeLinkId: null,
          source,
          externalTitle: "Product demo",
          externalMeetingUrl: "https://meet.example.com/demo-42",
          externalChangedAt: new Date(t.clock.nowMs),
          startAt: new Date(START_MS),
          endAt: new Date(START_MS + 45 * 60_000),
          durationMin: 45,
          inviteeName: invitee.name,
          inviteeEmail: invitee.email,
          inviteeTimeZone: "America/New_York",
          answers: {},
          guests: [],
          notes: null,
          hostUserIds: [owner.userId],
          manageTokenSealed: null,
          manageTokenHash: `external-${Math.random()}`,
          createdAtMs: t.clock.nowMs,
        },
        [{ hostUserId: owner.userId, startMs: START_MS, busyStartMs: START_MS, busyEndMs: START_MS + 45 * 60_000 }],
      );
      await repos.bookings.addHistory(tenantId, booking.id, { action: "created", actor: { type: "system", id: null }, oldValues: null, newValues: null, atMs: t.clock.nowMs });
      await recordBookingEvent(repos, tenantId, "created", booking, { actor: { type: "system", id: null }, nowMs: t.clock.nowMs });
      return booking;
    });
  }

  it("tells the host with the lead's details, and never mails the invitee", async () => {
    const { owner } = t;
    const tenantId = await tenantIdOf(t.app, owner);
    const booking = await externalBooking(owner, "calcom", { name: "Grace Hopper", email: "Grace@Navy.example" });
    const [campaign] = await t.database.db.insert(campaigns).values({ tenantId, name: "Q4 fleet" }).returning();
    const [lead] = await t.database.db
      .insert(leads)
      .values({ tenantId, email: "grace@navy.example", emailKey: "grace@navy.example", name: "Grace Hopper", company: "US Navy", title: "Rear Admiral", campaignId: campaign!.id })
      .returning();
    await t.database.db.insert(bookingLeads).values({ tenantId, bookingId: booking.id, leadId: lead!.id, attendeeEmail: "grace@navy.example", matchedBy: "email", matchedAt: new Date(t.clock.nowMs) });
    await deliverAll(t, owner);

    const mails = await outbox(owner);
    expect(mails.map((mail) => [mail.to.email, mail.subject])).toEqual([[owner.email, "New meeting booked: Grace Hopper – US Navy"]]);
    const text = mails[0]!.text;
    // The owner's zone is Europe/Berlin: 14:00 UTC is 15:00 CET.
    expect(text).toContain("15:00");
    expect(text).toContain("CET");
    for (const expected of ["Product demo", "45 minutes", "https://meet.example.com/demo-42", "Booked through: Cal.com", "Company: US Navy", "Job title: Rear Admiral", "Campaign: Q4 fleet"]) expect(text).toContain(expected);
    expect(mails[0]!.invite).toBeFalsy();
    // Reminders and the attendance check are the host's alone.
    const detail = (await t.app.inject({ method: "GET", url: `/api/v1/bookings/${booking.id}`, headers: bearer(owner) })).json();
    const recipients = new Set(detail.deliveries.filter((d: { channel: string }) => d.channel === "email").map((d: { recipient: { role: string } }) => d.recipient.role));
    expect([...recipients]).toEqual(["host"]);
    // The bell says where it came from.
    const notice = (await bell(t.app, owner)).items.find((item) => item.bookingId === booking.id && item.kind === "booking_created")!;
    expect([notice.title, notice.body]).toEqual(["New meeting booked: Grace Hopper – US Navy", "Product demo, 1 Dec 2026, 15:00 CET (via Cal.com)"]);

    const cancelled = await t.app.inject({ method: "POST", url: `/api/v1/bookings/${booking.id}/cancel`, headers: bearer(owner), payload: { reason: "Double-booked at Cal.com" } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await deliverAll(t, owner);
    const cancellation = (await outbox(owner)).filter((mail) => mail.subject.startsWith("Cancelled"));
    expect(cancellation.map((mail) => mail.to.email)).toEqual([owner.email]);
    expect(cancellation[0]!.text).toContain("Reason: Double-booked at Cal.com");
    expect(cancellation[0]!.invite).toBeFalsy();
    expect((await outbox(owner)).some((mail) => mail.to.email.toLowerCase() === "grace@navy.example")).toBe(false);
  });

  it("names the person alone when no company is known (Calendly, no lead)", async () => {
    const { owner } = t;
    const booking = await externalBooking(owner, "calendly", { name: "Alan Turing", email: "alan@example.com" });
    await deliverAll(t, owner);
    const mail = (await outbox(owner)).find((m) => m.subject === "New meeting booked: Alan Turing")!;
    expect(mail.text).toContain("Booked through: Calendly");
    expect(mail.text).not.toContain("Campaign:");
    const notice = (await bell(t.app, owner)).items.find((item) => item.bookingId === booking.id && item.kind === "booking_created")!;
    expect(notice.title).toBe("New meeting booked: Alan Turing");
  });
});
