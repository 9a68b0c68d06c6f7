// The same delivery arriving many times at the same moment (a provider retrying
// while the first attempt is still in flight): it is processed exactly once.
// A real race on PostgreSQL (PGlite serialises, so there it checks the outcome only).
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { useTestApp } from "../support/test-app.js";
import { calcomDelivery } from "../fakes/calcom/calcom-deliveries.js";
import { makeSource, postCalcom, rows } from "./inbound-test-support.js";

const TWINS = 12;

describeOnEngines("concurrent twin deliveries", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "race-owner" } });

  it("processes one, answers the rest as duplicates, and makes one booking with one created event", async () => {
    const source = await makeSource(t.app, t.owner);
    const delivery = calcomDelivery.created({ uid: "race-1", startTime: "2026-11-25T15:00:00.000Z", endTime: "2026-11-25T15:30:00.000Z" }, "2026-11-20T12:00:00.000Z");
    const answers = await Promise.all(Array.from({ length: TWINS }, () => postCalcom(t.app, source, delivery)));
    const statuses = answers.map((answer) => answer.json().status).sort();
    expect(statuses).toEqual([...Array<string>(TWINS - 1).fill("duplicate"), "processed"]);
    expect(await rows(t, "select received_count, outcome from inbound_deliveries where source_id = $1", [source.id])).toEqual([{ received_count: TWINS, outcome: "processed" }]);
    const bookings = await rows<{ id: string }>(t, "select id from bookings where inbound_source_id = $1", [source.id]);
    expect(bookings).toHaveLength(1);
    expect(await rows(t, "select type from booking_events where booking_id = $1", [bookings[0]!.id])).toEqual([{ type: "created" }]);
  });

  it("two different deliveries about one new booking at once (create and cancel) make one booking", async () => {
    const source = await makeSource(t.app, t.owner);
    const fields = { uid: "race-2", startTime: "2026-11-25T15:00:00.000Z", endTime: "2026-11-25T15:30:00.000Z" };
    await Promise.all([postCalcom(t.app, source, calcomDelivery.created(fields, "2026-11-20T12:00:00.000Z")), postCalcom(t.app, source, calcomDelivery.cancelled(fields, "2026-11-20T12:01:00.000Z"))]);
    expect(await rows(t, "select status from bookings where inbound_source_id = $1", [source.id])).toEqual([{ status: "cancelled" }]);
  });
});
