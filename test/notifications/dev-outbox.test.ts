// Without SMTP, mail lands in the dev outbox; each owner sees only their own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryJobs } from "../../src/adapters/jobs/delivery-jobs.js";
import { book, createLink } from "../support/booking-fixtures.js";
import { bearer, signUpOwner, startTestApp, startTestJobs, type TestApp } from "../support/test-app.js";

describe("dev outbox", () => {
  let t: TestApp;
  let jobs: DeliveryJobs;
  beforeAll(async () => {
    t = await startTestApp("pglite");
    jobs = await startTestJobs(t);
  });
  afterAll(async () => {
    await jobs.stop();
    await t.close();
  });

  it("keeps the mail with its invite and shows it to its own tenant only", async () => {
    const owner = await signUpOwner(t.app, "outbox");
    const stranger = await signUpOwner(t.app, "stranger");
    const link = await createLink(t.app, owner);
    await book(t.app, link.apiPath, "2026-12-01T14:00:00.000Z");
    await jobs.relayOnce(t.clock.nowMs);
    const startMs = Date.now();
    let items: { to: { email: string }; subject: string; invite: { method: string } | null; html: string }[] = [];
    while (items.length < 2) {
      if (Date.now() - startMs > 15_000) throw new Error("outbox stayed empty");
      await new Promise((resolve) => setTimeout(resolve, 100));
      items = (await t.app.inject({ method: "GET", url: "/api/v1/dev/outbox", headers: bearer(owner) })).json().items;
    }
    expect(items.map((item) => item.to.email).sort()).toEqual(["ada@example.com", owner.email].sort());
    expect(items.every((item) => item.invite?.method === "REQUEST" && item.html.includes("<"))).toBe(true);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/dev/outbox", headers: bearer(stranger) })).json().items).toEqual([]);
  });
});
