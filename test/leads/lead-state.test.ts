// A lead's state on the database: applyLeadInput locks the row, lets core
// decide, and stores the status with one transition per change and its cause;
// the latest booking's status is read live. On every engine.
import { expect, it } from "vitest";
import { applyLeadInput } from "../../src/use-cases/leads/apply-lead-input.js";
import { createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { mintTenantIdForTest } from "../support/tenant.js";
import { useTestApp } from "../support/test-app.js";

describeOnEngines("lead state", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "lead-state" } });

  it("moves a lead through outreach and its latest booking, keeping each change with its cause", async () => {
    const { rows } = await t.database.executeSql(`select tenant_id from users where id = $1`, [t.owner.userId]);
    const tenantId = mintTenantIdForTest((rows[0] as { tenant_id: string }).tenant_id);
    const inserted = await t.database.executeSql(`insert into leads (tenant_id, email, email_key) values ($1, 'Ada@Example.com', 'ada@example.com') returning id`, [tenantId]);
    const leadId = (inserted.rows[0] as { id: string }).id;
    const store = t.deps.store;
    const apply = (input: Parameters<typeof applyLeadInput>[3], causeRef: string, atMs: number) =>
      store.transaction((repos) => applyLeadInput(repos, tenantId, leadId, input, { cause: input.kind === "booking" ? "booking" : "lead_event", causeRef, atMs }));

    expect(await apply({ kind: "lead_event", type: "sent", atMs: 1_000 }, "e1", 1_000)).toEqual({ status: "contacted", isChanged: true });
    expect(await apply({ kind: "lead_event", type: "opened", atMs: 2_000 }, "e2", 2_000)).toEqual({ status: "contacted", isChanged: false });
    expect(await apply({ kind: "lead_event", type: "interested", atMs: 3_000 }, "e3", 3_000)).toEqual({ status: "interested", isChanged: true });

    const { booking } = await createLinkAndBook(t.app, t.owner);
    const record = (await store.bookings.get(tenantId, booking.id))!;
    const latest = { bookingId: record.id, createdAtMs: record.createdAt.getTime(), status: record.status };
    expect(await apply({ kind: "booking", booking: latest }, "b1", 4_000)).toEqual({ status: "meeting_booked", isChanged: true });
    // A late outreach event after the booking changes nothing.
    expect(await apply({ kind: "lead_event", type: "not_interested", atMs: 5_000 }, "e4", 5_000)).toEqual({ status: "meeting_booked", isChanged: false });

    const transitions = await store.leadStates.listTransitions(tenantId, leadId);
    expect(transitions.map(({ from, to, cause, causeRef }) => [from, to, cause, causeRef])).toEqual([
      ["new", "contacted", "lead_event", "e1"],
      ["contacted", "interested", "lead_event", "e3"],
      ["interested", "meeting_booked", "booking", "b1"],
    ]);
    const lead = await t.database.executeSql(`select status, latest_booking_id from leads where id = $1`, [leadId]);
    expect(lead.rows[0]).toEqual({ status: "meeting_booked", latest_booking_id: record.id });
    expect(await store.transaction((repos) => applyLeadInput(repos, tenantId, "00000000-0000-4000-8000-000000000000", { kind: "lead_event", type: "sent", atMs: 1 }, { cause: "lead_event", causeRef: null, atMs: 1 }))).toBeNull();
  });
});
