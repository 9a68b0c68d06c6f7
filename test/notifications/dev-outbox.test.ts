// Without SMTP, mail lands in the dev outbox; each owner sees only their own.
import { describe, expect, it } from "vitest";
import { createLinkAndBook } from "../support/booking-fixtures.js";
import { settle } from "../support/polling.js";
import { bearer, useTestApp, useTestJobs } from "../support/test-app.js";

describe("dev outbox", () => {
  const t = useTestApp("pglite", { owners: { owner: "outbox", stranger: "stranger" } });
  const jobs = useTestJobs(t);

  it("keeps the mail with its invite and shows it to its own tenant only", async () => {
    await createLinkAndBook(t.app, t.owner);
    await jobs.relayOnce(t.clock.nowMs);
    type Item = { to: { email: string }; subject: string; invite: { method: string } | null; html: string };
    const outboxOf = async (owner = t.owner): Promise<Item[]> => (await t.app.inject({ method: "GET", url: "/api/v1/dev/outbox", headers: bearer(owner) })).json().items;
    const items = await settle(outboxOf, (read) => read.length >= 2, 15_000);
    expect(items.map((item) => item.to.email).sort()).toEqual(["ada@example.com", t.owner.email].sort());
    expect(items.every((item) => item.invite?.method === "REQUEST" && item.html.includes("<"))).toBe(true);
    expect(await outboxOf(t.stranger)).toEqual([]);
  });
});
