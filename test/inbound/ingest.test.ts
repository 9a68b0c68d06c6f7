// ingestExternalChange with canonical changes, and Cal.com deliveries through
// the receiver: external bookings are bookings (listed with their source, their
// host row inactive, events recorded for the fan-out), and every order rule
// holds: duplicates, cancel before create, the Calendly reschedule pair in both
// orders, stale changes, attendance.
import { expect, it } from "vitest";
import type { ExternalBookingChange } from "../../src/core/inbound/external-booking.js";
import { openInboundSource } from "../../src/use-cases/auth/inbound-access.js";
import { ingestExternalChange } from "../../src/use-cases/inbound/ingest-external-change.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";
import { calcomDelivery } from "../fakes/calcom/calcom-deliveries.js";
import { bookingsOf, makeSource, postCalcom, rows, type MadeSource } from "./inbound-test-support.js";

const HOUR = 3_600_000;
const T0 = Date.parse("2026-11-20T12:00:00.000Z");
const START = Date.parse("2026-11-26T15:00:00.000Z");

let uidCount = 0;
const newUid = (label: string) => `${label}-${++uidCount}`;

function change(overrides: Partial<ExternalBookingChange>): ExternalBookingChange {
  return {
    kind: "booked",
    uid: newUid("u"),
    previousUid: null,
    isRescheduleCancel: false,
    title: "Discovery call",
    startMs: START,
    endMs: START + HOUR / 2,
    attendees: [{ name: "Grace Hopper", email: "Grace@Example.com", timeZone: "America/Chicago" }],
    hostEmail: null,
    cancelReason: null,
    meetingUrl: "https://calendly.example/meet",
    attendance: null,
    answers: {},
    occurredAtMs: T0,
    ...overrides,
  };
}

describeOnEngines("ingesting external bookings", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "ingest-owner" } });

  async function ingest(source: MadeSource, ...changes: ExternalBookingChange[]) {
    const opened = (await openInboundSource(t.deps.store, source.webhookPath.split("/").at(-1)!))!;
    const results = [];
    for (const one of changes) results.push(await t.deps.store.transaction((repos) => ingestExternalChange(repos, opened.tenantId, opened.source, one, t.clock.nowMs)));
    return results;
  }
  const bookingRow = async (bookingId: string) => (await rows<Record<string, unknown>>(t, "select status, start_at, sequence, cancel_reason, attendance_marked_at from bookings where id = $1", [bookingId]))[0]!;
  const eventTypes = async (bookingId: string) => (await rows<{ type: string }>(t, "select type from booking_events where booking_id = $1 order by seq", [bookingId])).map((row) => row.type);

  it("stores a Cal.com booking as a booking: listed with its source, invitee, guests, inactive host row and a created event", async () => {
    const source = await makeSource(t.app, t.owner);
    const uid = newUid("cal");
    const response = await postCalcom(t.app, source, calcomDelivery.created({ uid, startTime: "2026-11-25T15:00:00.000Z", endTime: "2026-11-25T15:45:00.000Z", guests: ["bob@example.com"], organizerEmail: t.owner.email }, "2026-11-20T12:00:00.000Z"));
    expect(response.json()).toEqual({ status: "processed" });
    const listed = (await bookingsOf(t.app, t.owner)).find((booking) => booking["inboundSourceId"] === source.id);
    expect(listed).toMatchObject({ linkId: null, source: "calcom", externalTitle: "30 Min Meeting", externalMeetingUrl: "https://app.cal.com/video/room", durationMin: 45, status: "scheduled", guests: ["bob@example.com"] });
    expect(listed!["invitee"]).toEqual({ name: "Ada Lovelace", email: "ada@example.com", timeZone: "America/New_York" });
    expect(listed!["answers"]).toEqual({ "Additional notes": "Keen on the enterprise plan", Company: "Analytical Engines Ltd" });
    const bookingId = listed!["id"] as string;
    const detail = await t.app.inject({ method: "GET", url: `/api/v1/bookings/${bookingId}`, headers: bearer(t.owner) });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(await rows(t, "select host_user_id, is_active from booking_hosts where booking_id = $1", [bookingId])).toEqual([{ host_user_id: t.owner.userId, is_active: false }]);
    expect(await eventTypes(bookingId)).toEqual(["created"]);
    const again = await postCalcom(t.app, source, calcomDelivery.created({ uid, startTime: "2026-11-25T15:00:00.000Z", endTime: "2026-11-25T15:45:00.000Z", guests: ["bob@example.com"], organizerEmail: t.owner.email }, "2026-11-20T12:00:00.000Z"));
    expect(again.json()).toEqual({ status: "duplicate" });
    expect(await rows(t, "select received_count, outcome, booking_id from inbound_deliveries where source_id = $1 and dedupe_key is not null", [source.id])).toEqual([{ received_count: 2, outcome: "processed", booking_id: bookingId }]);
    expect(await eventTypes(bookingId)).toEqual(["created"]);
  });

  it("never refuses an external meeting that overlaps a Convene booking of the same host", async () => {
    const source = await makeSource(t.app, t.owner);
    const [first, second] = await ingest(source, change({}), change({ startMs: START + 10 * 60_000, endMs: START + HOUR }));
    expect(first!.effect).toBe("created");
    expect(second!.effect).toBe("created");
  });

  it("Cal.com: reschedule moves the booking of the old uid, cancel cancels it, and a late create of the old uid is ignored", async () => {
    const source = await makeSource(t.app, t.owner);
    const oldUid = newUid("cal-old");
    const newUidValue = newUid("cal-new");
    const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
    await postCalcom(t.app, source, calcomDelivery.created({ uid: oldUid, startTime: "2026-11-25T15:00:00.000Z", endTime: "2026-11-25T15:30:00.000Z" }, at(0)));
    const moved = await postCalcom(t.app, source, calcomDelivery.rescheduled({ uid: newUidValue, rescheduleUid: oldUid, startTime: "2026-11-27T15:00:00.000Z", endTime: "2026-11-27T15:30:00.000Z" }, at(1)));
    expect(moved.json()).toEqual({ status: "processed" });
    const [keyed] = await rows<{ booking_id: string }>(t, "select booking_id from external_booking_keys where source_id = $1 and uid = $2", [source.id, newUidValue]);
    const bookingId = keyed!.booking_id;
    expect(await bookingRow(bookingId)).toMatchObject({ status: "rescheduled", sequence: 1 });
    await postCalcom(t.app, source, calcomDelivery.cancelled({ uid: newUidValue, startTime: "2026-11-27T15:00:00.000Z", endTime: "2026-11-27T15:30:00.000Z", reason: "Budget frozen" }, at(2)));
    expect(await bookingRow(bookingId)).toMatchObject({ status: "cancelled", cancel_reason: "Budget frozen", sequence: 2 });
    const late = await postCalcom(t.app, source, calcomDelivery.created({ uid: oldUid, startTime: "2026-11-25T15:00:00.000Z", endTime: "2026-11-25T15:30:00.000Z" }, at(3)));
    expect(late.json()).toEqual({ status: "ignored" });
    expect(await eventTypes(bookingId)).toEqual(["created", "rescheduled", "cancelled"]);
    expect(await rows(t, "select count(*)::int as n from bookings where inbound_source_id = $1", [source.id])).toEqual([{ n: 1 }]);
  });

  it("cancel before create: the booking is made and cancelled, and the late create is ignored", async () => {
    const source = await makeSource(t.app, t.owner);
    const uid = newUid("ooo");
    const [cancelled, created] = await ingest(source, change({ uid, kind: "cancelled", cancelReason: "No longer needed", occurredAtMs: T0 + 60_000 }), change({ uid, occurredAtMs: T0 }));
    expect(cancelled).toMatchObject({ effect: "created" });
    expect(created).toMatchObject({ effect: "unchanged", bookingId: cancelled!.bookingId });
    expect(await bookingRow(cancelled!.bookingId!)).toMatchObject({ status: "cancelled", cancel_reason: "No longer needed" });
    expect(await eventTypes(cancelled!.bookingId!)).toEqual(["created", "cancelled"]);
  });

  it("the Calendly reschedule pair, old half first: one booking moves, nothing is cancelled", async () => {
    const source = await makeSource(t.app, t.owner, { provider: "calendly", name: "Calendly" });
    const oldUid = newUid("inv-old");
    const newUidValue = newUid("inv-new");
    const [created, oldHalf, newHalf] = await ingest(
      source,
      change({ uid: oldUid }),
      change({ uid: oldUid, kind: "cancelled", isRescheduleCancel: true, occurredAtMs: T0 + 60_000 }),
      change({ uid: newUidValue, previousUid: oldUid, startMs: START + 24 * HOUR, endMs: START + 24.5 * HOUR, occurredAtMs: T0 + 60_000 }),
    );
    expect(oldHalf).toMatchObject({ effect: "unchanged" });
    expect(newHalf).toMatchObject({ effect: "updated", bookingId: created!.bookingId });
    expect(await bookingRow(created!.bookingId!)).toMatchObject({ status: "rescheduled", start_at: new Date(START + 24 * HOUR) });
    expect(await eventTypes(created!.bookingId!)).toEqual(["created", "rescheduled"]);
  });

  it("the Calendly reschedule pair, new half first with the old booking unknown: one booking, both uids name it", async () => {
    const source = await makeSource(t.app, t.owner, { provider: "calendly", name: "Calendly late" });
    const oldUid = newUid("inv-old");
    const newUidValue = newUid("inv-new");
    const [newHalf, oldHalf, lateCreate] = await ingest(
      source,
      change({ uid: newUidValue, previousUid: oldUid, occurredAtMs: T0 + 60_000 }),
      change({ uid: oldUid, kind: "cancelled", isRescheduleCancel: true, occurredAtMs: T0 + 60_000 }),
      change({ uid: oldUid, startMs: START - 24 * HOUR, endMs: START - 23.5 * HOUR, occurredAtMs: T0 }),
    );
    expect(newHalf).toMatchObject({ effect: "created" });
    expect(oldHalf).toMatchObject({ effect: "unchanged" });
    expect(lateCreate).toMatchObject({ effect: "unchanged", bookingId: newHalf!.bookingId });
    expect(await bookingRow(newHalf!.bookingId!)).toMatchObject({ status: "scheduled", start_at: new Date(START) });
    expect(await rows(t, "select count(*)::int as n from bookings where inbound_source_id = $1", [source.id])).toEqual([{ n: 1 }]);
  });

  it("ignores a stale change and a duplicate; attendance marks, corrects and clears", async () => {
    const source = await makeSource(t.app, t.owner);
    const uid = newUid("att");
    const [created] = await ingest(source, change({ uid, occurredAtMs: T0 + 10 * 60_000 }));
    const bookingId = created!.bookingId!;
    const [stale, duplicate] = await ingest(source, change({ uid, startMs: START + HOUR, endMs: START + 1.5 * HOUR, occurredAtMs: T0 }), change({ uid, occurredAtMs: T0 + 11 * 60_000 }));
    expect(stale).toMatchObject({ effect: "unchanged", ignoredBecause: expect.stringMatching(/older/) });
    expect(duplicate).toMatchObject({ effect: "unchanged" });
    const at = (minutes: number) => T0 + minutes * 60_000;
    await ingest(source, change({ uid, kind: "attendance", attendance: "no_show", occurredAtMs: at(20) }));
    expect(await bookingRow(bookingId)).toMatchObject({ status: "no_show" });
    await ingest(source, change({ uid, kind: "attendance", attendance: "showed", occurredAtMs: at(21) }));
    expect(await bookingRow(bookingId)).toMatchObject({ status: "completed" });
    await ingest(source, change({ uid, kind: "attendance", attendance: null, occurredAtMs: at(22) }));
    expect(await bookingRow(bookingId)).toMatchObject({ status: "scheduled", attendance_marked_at: null });
    expect(await eventTypes(bookingId)).toEqual(["created", "attendance_recorded", "attendance_recorded", "attendance_recorded"]);
  });

  it("hosts the booking by the organiser's email when they are a user here, else the source's owner", async () => {
    const source = await makeSource(t.app, t.owner);
    const [byEmail, byOwner] = await ingest(source, change({ hostEmail: t.owner.email.toUpperCase() }), change({ hostEmail: "stranger@elsewhere.example" }));
    for (const result of [byEmail, byOwner]) expect(await rows(t, "select host_user_id from booking_hosts where booking_id = $1", [result!.bookingId])).toEqual([{ host_user_id: t.owner.userId }]);
    expect(await rows(t, "select invitee_time_zone, invitee_email from bookings where id = $1", [byEmail!.bookingId])).toEqual([{ invitee_time_zone: "America/Chicago", invitee_email: "grace@example.com" }]);
  });
});
