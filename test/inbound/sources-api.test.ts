// Inbound sources through the API: made with a webhook URL and a secret shown
// once, listed without secrets, renamed, rotated, removed; and the receiver's
// refusals (unknown token, bad and missing signatures) kept and shown.
import { expect, it } from "vitest";
import { describeOnEngines } from "../support/engines.js";
import { bearer, useTestApp } from "../support/test-app.js";
import { calcomDelivery, signedCalcom } from "../fakes/calcom/calcom-deliveries.js";
import { makeSource, postCalcom, rows } from "./inbound-test-support.js";

const NOW = "2026-11-20T12:00:00.000Z";
const meeting = { uid: "cal-sources-1", startTime: "2026-11-25T15:00:00.000Z", endTime: "2026-11-25T15:30:00.000Z" };

describeOnEngines("inbound sources API", (engine) => {
  const t = useTestApp(engine, { owners: { owner: "inbound-owner", other: "inbound-other" } });

  it("makes a source with an unguessable webhook URL and a secret shown once, sealed at rest", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/v1/inbound-sources", headers: bearer(t.owner), payload: { provider: "calcom", name: "Sales", apiToken: "cal_live_abcdefgh" } });
    expect(response.statusCode, response.body).toBe(201);
    const { source, webhookUrl, signingSecret } = response.json();
    const token = webhookUrl.split("/").at(-1)!;
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);
    expect(signingSecret.length).toBeGreaterThanOrEqual(32);
    expect(source).toMatchObject({ provider: "calcom", name: "Sales", ownerUserId: t.owner.userId, hasApiToken: true, isSubscribed: false, lastDeliveryAt: null });
    const stored = JSON.stringify(await rows(t, "select * from inbound_sources where id = $1", [source.id]));
    expect(stored).not.toContain(signingSecret);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain("cal_live_abcdefgh");
    const shown = await t.app.inject({ method: "GET", url: `/api/v1/inbound-sources/${source.id}`, headers: bearer(t.owner) });
    expect(shown.body).not.toContain(signingSecret);
    const audit = await rows(t, "select action from audit_log where target_id = $1", [source.id]);
    expect(audit.map((row) => row.action)).toContain("inbound_source.created");
  });

  it("lists, renames, removes the token, and hides another organisation's source", async () => {
    const source = await makeSource(t.app, t.owner, { name: "Before" });
    const renamed = await t.app.inject({ method: "PATCH", url: `/api/v1/inbound-sources/${source.id}`, headers: bearer(t.owner), payload: { name: "After", apiToken: null } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: "After", hasApiToken: false });
    const list = await t.app.inject({ method: "GET", url: "/api/v1/inbound-sources", headers: bearer(t.owner) });
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(source.id);
    const foreign = await t.app.inject({ method: "GET", url: `/api/v1/inbound-sources/${source.id}`, headers: bearer(t.other) });
    expect(foreign.statusCode).toBe(404);
    const unknownOwner = await t.app.inject({ method: "POST", url: "/api/v1/inbound-sources", headers: bearer(t.owner), payload: { provider: "calcom", name: "x", ownerUserId: t.other.userId } });
    expect(unknownOwner.statusCode).toBe(404);
  });

  it("answers 404 for an unknown webhook token", async () => {
    const { body, headers } = signedCalcom(calcomDelivery.created(meeting, NOW), "whatever");
    const response = await t.app.inject({ method: "POST", url: "/api/v1/inbound/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", headers, payload: body });
    expect(response.statusCode).toBe(404);
  });

  it("refuses bad and missing signatures with 401 problem+json, keeps them on the source's page and audits them", async () => {
    const source = await makeSource(t.app, t.owner);
    const wrong = await postCalcom(t.app, source, calcomDelivery.created(meeting, NOW), "not-the-secret");
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers["content-type"]).toContain("application/problem+json");
    expect(wrong.json().code).toBe("INBOUND_SIGNATURE_INVALID");
    const { body } = signedCalcom(calcomDelivery.created(meeting, NOW), source.signingSecret);
    const missing = await t.app.inject({ method: "POST", url: source.webhookPath, headers: { "content-type": "application/json" }, payload: body });
    expect(missing.statusCode).toBe(401);
    // A signature of other bytes (the same JSON re-serialised with spaces) is refused: the raw bytes count.
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2));
    const { headers } = signedCalcom(calcomDelivery.created(meeting, NOW), source.signingSecret);
    const tampered = await t.app.inject({ method: "POST", url: source.webhookPath, headers, payload: reformatted });
    expect(tampered.statusCode).toBe(401);
    const page = await t.app.inject({ method: "GET", url: `/api/v1/inbound-sources/${source.id}`, headers: bearer(t.owner) });
    const refused = page.json().deliveries.filter((delivery: { outcome: string }) => delivery.outcome === "rejected");
    expect(refused.map((delivery: { detail: string }) => delivery.detail).sort()).toEqual(["signature mismatch", "signature mismatch", "signature missing"]);
    const audit = await rows(t, "select action from audit_log where target_id = $1 and action = 'inbound_delivery.rejected'", [source.id]);
    expect(audit).toHaveLength(3);
    expect(await rows(t, "select 1 from bookings where inbound_source_id = $1", [source.id])).toHaveLength(0);
  });

  it("accepts a signature made with the raw body whatever its content type, and refuses the old secret after a rotation", async () => {
    const source = await makeSource(t.app, t.owner);
    const delivery = calcomDelivery.ping(NOW);
    const { body, headers } = signedCalcom(delivery, source.signingSecret);
    const asText = await t.app.inject({ method: "POST", url: source.webhookPath, headers: { ...headers, "content-type": "text/plain" }, payload: body });
    expect(asText.statusCode, asText.body).toBe(200);
    expect(asText.json()).toEqual({ status: "ignored" });
    const rotated = await t.app.inject({ method: "POST", url: `/api/v1/inbound-sources/${source.id}/rotate-secret`, headers: bearer(t.owner) });
    expect(rotated.statusCode).toBe(200);
    const { signingSecret } = rotated.json();
    expect(signingSecret).not.toBe(source.signingSecret);
    expect((await postCalcom(t.app, source, calcomDelivery.ping("2026-11-20T12:00:01.000Z"))).statusCode).toBe(401);
    expect((await postCalcom(t.app, source, calcomDelivery.ping("2026-11-20T12:00:02.000Z"), signingSecret)).statusCode).toBe(200);
  });

  it("answers 400 INBOUND_PAYLOAD_INVALID for a signed body that is no Cal.com delivery", async () => {
    const source = await makeSource(t.app, t.owner);
    const response = await postCalcom(t.app, source, { hello: "world" });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("INBOUND_PAYLOAD_INVALID");
  });

  it("deletes a source and its bookings", async () => {
    const source = await makeSource(t.app, t.owner);
    expect((await postCalcom(t.app, source, calcomDelivery.created({ ...meeting, uid: "cal-delete-1" }, NOW))).json()).toEqual({ status: "processed" });
    const removed = await t.app.inject({ method: "DELETE", url: `/api/v1/inbound-sources/${source.id}`, headers: bearer(t.owner) });
    expect(removed.statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/inbound-sources/${source.id}`, headers: bearer(t.owner) })).statusCode).toBe(404);
    expect(await rows(t, "select 1 from bookings where inbound_source_id = $1", [source.id])).toHaveLength(0);
  });
});
