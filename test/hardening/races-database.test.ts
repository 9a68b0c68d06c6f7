// The database adapter under contention (issue 10, item 3): a transaction that
// loses a deadlock is run again a bounded number of times, and a pool with no
// free connection answers 503 DATABASE_BUSY with Retry-After, never 500.
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/adapters/db/client.js";
import { createStore, MAX_TRANSACTION_ATTEMPTS } from "../../src/adapters/db/store.js";
import { buildApp } from "../../src/http/app.js";
import { createPostgresDatabase, describeOnEngines, ENGINES, useTestDatabase } from "../support/engines.js";
import { testDeps } from "../support/test-app.js";

const sqlError = (code: string) => Object.assign(new Error(`simulated ${code}`), { code });

describeOnEngines("transaction retries", (engine) => {
  const database = useTestDatabase(engine);

  it("runs a transaction again after a deadlock (40P01) or a serialization failure (40001)", async () => {
    const store = createStore(database.db);
    let attempts = 0;
    const result = await store.transaction(async (repos) => {
      attempts += 1;
      await repos.tenants.create(`attempt ${attempts}`);
      if (attempts === 1) throw sqlError("40P01");
      if (attempts === 2) throw sqlError("40001");
      return "done";
    });
    expect([result, attempts]).toEqual(["done", 3]);
  });

  it("gives up after a bounded number of attempts with DATABASE_BUSY and a retry hint; other errors are not retried", async () => {
    const store = createStore(database.db);
    let attempts = 0;
    const failing = store.transaction(async () => {
      attempts += 1;
      throw sqlError("40P01");
    });
    await expect(failing).rejects.toMatchObject({ code: "DATABASE_BUSY", details: { retryAfterSeconds: expect.any(Number) } });
    expect(attempts).toBe(MAX_TRANSACTION_ATTEMPTS);

    let uniqueAttempts = 0;
    const unique = store.transaction(async () => {
      uniqueAttempts += 1;
      throw sqlError("23505");
    });
    await expect(unique).rejects.toMatchObject({ code: "23505" });
    expect(uniqueAttempts).toBe(1);
  });
});

const postgres = ENGINES.find((engine) => engine.name === "postgres")!;

describe.skipIf(!postgres.isAvailable)("a saturated pool on postgres", () => {
  it("answers DATABASE_BUSY with retryAfterSeconds from the store, from pg-boss's SQL, and 503 with Retry-After over HTTP", async () => {
    const created = await createPostgresDatabase();
    const database = await openDatabase({ engine: "postgres", url: created.url, maxConnections: 1, connectionWaitMs: 500 });
    let release = () => undefined as void;
    try {
      await database.migrate();
      const store = createStore(database.db);
      // Hold the only connection in an open transaction.
      const held = new Promise<void>((resolve) => (release = resolve));
      let started = () => undefined as void;
      const isHolding = new Promise<void>((resolve) => (started = resolve));
      const holder = store.transaction(async () => {
        started();
        await held;
      });
      await isHolding;
      const busy = { code: "DATABASE_BUSY", details: { retryAfterSeconds: expect.any(Number) } };
      await expect(store.tenants.get("00000000-0000-4000-8000-000000000000" as never)).rejects.toMatchObject(busy);
      await expect(store.transaction(async () => "never")).rejects.toMatchObject(busy);
      await expect(database.executeSql("select 1")).rejects.toMatchObject(busy);
      const app = await buildApp({ ...testDeps(store), clock: () => Date.parse("2026-11-20T12:00:00Z"), database });
      const response = await app.inject({ method: "GET", url: "/api/v1/public/manage/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG" });
      await app.close();
      expect(response.statusCode, response.body).toBe(503);
      expect(response.json()).toMatchObject({ code: "DATABASE_BUSY" });
      expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
      release();
      await holder;
      expect(await store.transaction(async () => "after")).toBe("after");
    } finally {
      release();
      await database.close();
      await created.drop();
    }
  });
});
