// The backfill: a source's API token lists the provider's bookings over the
// window around now, every one through the same ingestion as a webhook
// (idempotent); an outage is noted with the time it began and cleared by the
// next success; a refused token is noted; a source without a token cannot
// backfill; the schedule picks the sources that are due.
import { expect, it } from "vitest";
import type { ExternalBookingChange } from "../../src/core/inbound/external-booking.js";
import { backfillDueSources } from "../../src/use-cases/inbound/backfill-source.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";
import { scriptedProvider } from "../support/scripted-inbound-provider.js";
import { createInboundProviders } from "../../src/adapters/inbound/inbound-providers.js";
import { makeSource, rows } from "./inbound-test-support.js";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-20T12:00:00.000Z");

const booked = (uid: string, startMs: number, overrides: Partial<ExternalBookingChange> = {}): ExternalBookingChange => ({
  kind: "booked",
  uid,
  previousUid: null,
  isRescheduleCancel: false,
  title: "Demo",
  startMs,
  endMs: startMs + 30 * 60_000,
  attendees: [{ name: "Linus", email: "linus@example.com", timeZone: null }],
  hostEmail: null,
  cancelReason: null,
  meetingUrl: null,
  attendance: null,
  answers: {},
  occurredAtMs: NOW - DAY,
  ...overrides,
});

describeOnEngines("inbound backfill", (engine) => {
  const calcom = scriptedProvider();
  const t = useTestApp(engine, { owners: { owner: "backfill-owner" }, inboundProviders: { ...createInboundProviders({ calcomApiUrl: "x", calendlyApiUrl: "x" }), calcom } });
  const backfill = (sourceId: string) => t.app.inject({ method: "POST", url: `/api/v1/inbound-sources/${sourceId}/backfill`, headers: bearer(t.owner) });
  const sourceView = async (sourceId: string) => (await t.app.inject({ method: "GET", url: `/api/v1/inbound-sources/${sourceId}`, headers: bearer(t.owner) })).json();

  it("reconciles the window around now, idempotently, with the source's token", async () => {
    t.clock.nowMs = NOW;
    const source = await makeSource(t.app, t.owner, { apiToken: "cal_live_backfill_1" });
    calcom.answer = {
      changes: [booked("bf-1", NOW + DAY), booked("bf-2", NOW - 2 * DAY), booked("bf-2", NOW - 2 * DAY, { kind: "attendance", attendance: "showed" }), booked("bf-far", NOW + 30 * DAY), booked("bf-3", NOW + 2 * DAY, { kind: "cancelled", cancelReason: "Moved on" })],
    };
    const first = await backfill(source.id);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ created: 3, updated: 1, unchanged: 0 });
    expect(calcom.calls.at(-1)).toEqual({ apiToken: "cal_live_backfill_1", fromMs: NOW - 7 * DAY, toMs: NOW + 7 * DAY });
    expect(await rows(t, "select invitee_email, status from bookings where inbound_source_id = $1 order by start_at", [source.id])).toEqual([
      { invitee_email: "linus@example.com", status: "completed" },
      { invitee_email: "linus@example.com", status: "scheduled" },
      { invitee_email: "linus@example.com", status: "cancelled" },
    ]);
    t.clock.nowMs = NOW + 60_000;
    expect((await backfill(source.id)).json()).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(await sourceView(source.id)).toMatchObject({ lastBackfillAt: new Date(NOW + 60_000).toISOString(), unreachableSince: null, lastError: null });
  });

  it("notes an outage from its first failure until a success, and a refused token", async () => {
    t.clock.nowMs = NOW;
    const source = await makeSource(t.app, t.owner, { apiToken: "cal_live_backfill_2" });
    calcom.answer = { fails: "INBOUND_PROVIDER_UNREACHABLE" };
    const down = await backfill(source.id);
    expect(down.statusCode).toBe(502);
    expect(down.json().code).toBe("INBOUND_PROVIDER_UNREACHABLE");
    t.clock.nowMs = NOW + 60_000;
    await backfill(source.id);
    expect(await sourceView(source.id)).toMatchObject({ unreachableSince: new Date(NOW).toISOString(), lastError: "api.cal.test answered 503", lastBackfillAt: null });
    calcom.answer = { fails: "INBOUND_PROVIDER_AUTH_FAILED" };
    const refused = await backfill(source.id);
    expect(refused.statusCode).toBe(422);
    expect(await sourceView(source.id)).toMatchObject({ lastError: "api.cal.test refused the key (401)" });
    calcom.answer = { changes: [booked("bf-after-outage", NOW + DAY)] };
    t.clock.nowMs = NOW + 120_000;
    expect((await backfill(source.id)).json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await sourceView(source.id)).toMatchObject({ unreachableSince: null, lastError: null });
  });

  it("refuses a source without a token, and one another node is backfilling", async () => {
    t.clock.nowMs = NOW;
    const tokenless = await makeSource(t.app, t.owner);
    const response = await backfill(tokenless.id);
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe("INBOUND_NO_API_TOKEN");
    const leased = await makeSource(t.app, t.owner, { apiToken: "cal_live_backfill_3" });
    await rows(t, "update inbound_sources set backfill_lease_until = $2 where id = $1", [leased.id, new Date(NOW + 60_000)]);
    expect((await backfill(leased.id)).json().code).toBe("INBOUND_BACKFILL_RUNNING");
    t.clock.nowMs = NOW + 120_000;
    calcom.answer = { changes: [] };
    expect((await backfill(leased.id)).statusCode).toBe(200);
  });

  it("the schedule backfills sources not backfilled for an interval, and only those", async () => {
    await rows(t, "delete from inbound_sources");
    t.clock.nowMs = NOW;
    const due = await makeSource(t.app, t.owner, { apiToken: "cal_live_due" });
    const fresh = await makeSource(t.app, t.owner, { apiToken: "cal_live_fresh" });
    await makeSource(t.app, t.owner);
    await rows(t, "update inbound_sources set last_backfill_at = $2 where id = $1", [fresh.id, new Date(NOW - 60_000)]);
    calcom.answer = { changes: [] };
    calcom.calls.length = 0;
    expect(await backfillDueSources(t.deps, NOW)).toBe(1);
    expect(calcom.calls.map((call) => call.apiToken)).toEqual(["cal_live_due"]);
    expect((await sourceView(due.id)).lastBackfillAt).toBe(new Date(NOW).toISOString());
    expect(await backfillDueSources(t.deps, NOW + 30 * 60_000)).toBe(0);
  });
});
