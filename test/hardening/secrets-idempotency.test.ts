// The idempotency table keeps no usable secret: a booking's stored answer has
// its manage token sealed (the replay rebuilds the same manage URL), and a
// one-time link's token appears in the key's scope only as a hash. Stored
// answers older than 24 hours and expired sessions are pruned by the job
// runner's housekeeping, driven here with an injected clock.
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startDeliveryJobs, type DeliveryJobs } from "../../src/adapters/jobs/delivery-jobs.js";
import { pruneStaleRecords } from "../../src/use-cases/housekeeping/prune-stale-records.js";
import { book, createLinkAndBook } from "../support/booking-fixtures.js";
import { describeOnEngines } from "../support/engines.js";
import { bearer, signUpOwner, useTestApp } from "../support/test-app.js";

describeOnEngines("idempotency keys and sessions at rest", (engine) => {
  const t = useTestApp(engine);
  let jobs: DeliveryJobs;
  beforeAll(async () => {
    jobs = await startDeliveryJobs({
      database: t.database,
      fanOut: async () => 0,
      deliveries: t.deps.store.deliveries,
      deliver: async () => "sent",
      clock: () => t.clock.nowMs,
      logger: pino({ level: "silent" }),
      retry: { limit: 1, delaySeconds: 1 },
      relayIntervalMs: 0,
      housekeep: (nowMs) => pruneStaleRecords(t.deps.store, nowMs),
      housekeepingIntervalMs: 0,
    });
  });
  afterAll(async () => {
    await jobs?.stop();
  });

  const storedRows = async () =>
    (await t.database.executeSql("select scope, key, response_body::text as body, extract(epoch from created_at) * 1000 as created_ms from idempotency_keys order by created_at")).rows as {
      scope: string;
      key: string;
      body: string;
      created_ms: string;
    }[];

  it("stores the manage token sealed and replays the same answer", async () => {
    const owner = await signUpOwner(t.app);
    const { link, response: first, manageToken } = await createLinkAndBook(t.app, owner, { link: { slug: "idem" }, headers: { "idempotency-key": "key-1" } });

    const [row] = (await storedRows()).filter((r) => r.key === "key-1");
    expect(row).toBeDefined();
    expect(row!.body).not.toContain(manageToken);
    expect(row!.body).not.toContain("/manage/");

    const replay = await book(t.app, link.apiPath, "2026-12-01T14:00:00.000Z", {}, { "idempotency-key": "key-1" });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json()).toEqual(first.json());

    const oneTime = await t.app.inject({ method: "POST", url: `/api/v1/links/${link.id}/one-time`, headers: bearer(owner), payload: { recipient: { email: "grace@example.com", name: "Grace" } } });
    const { token, apiUrl } = oneTime.json() as { token: string; apiUrl: string };
    const viaToken = await book(t.app, new URL(apiUrl).pathname, "2026-12-01T15:00:00.000Z", {}, { "idempotency-key": "key-2" });
    expect(viaToken.statusCode, viaToken.body).toBe(201);
    const all = await storedRows();
    for (const stored of all) expect(`${stored.scope} ${stored.body}`).not.toContain(token);
  });

  it("prunes stored answers after 24 hours and sessions once expired, in one housekeeping job", async () => {
    const rows = await storedRows();
    expect(rows.length).toBeGreaterThan(0);
    const newestStoredMs = Math.max(...rows.map((r) => Number(r.created_ms)));
    const sessions = (await t.database.executeSql("select extract(epoch from expires_at) * 1000 as expires_ms from sessions")).rows as { expires_ms: string }[];
    expect(sessions.length).toBeGreaterThan(0);
    const lastExpiryMs = Math.max(...sessions.map((s) => Number(s.expires_ms)));

    await jobs.housekeepOnce(newestStoredMs + 23 * 3_600_000);
    expect((await storedRows()).length).toBe(rows.length);

    await jobs.housekeepOnce(Math.max(newestStoredMs + 24 * 3_600_000 + 1_000, lastExpiryMs - 1_000));
    expect(await storedRows()).toEqual([]);
    expect(((await t.database.executeSql("select count(*)::int as n from sessions")).rows[0] as { n: number }).n).toBeGreaterThan(0);

    await jobs.housekeepOnce(lastExpiryMs);
    expect(((await t.database.executeSql("select count(*)::int as n from sessions")).rows[0] as { n: number }).n).toBe(0);
  });
});
