// The read cache's bounds, on a counting stub store and an injected clock:
// a size cap that evicts, expiry that follows the clock, staleness bounded by
// the ttl, and writes that still invalidate. Nothing here sleeps.
import { describe, expect, it } from "vitest";
import type { UserRecord } from "../../use-cases/ports/accounts.js";
import type { HostHoldMs } from "../../use-cases/ports/bookings.js";
import type { LinkRecord } from "../../use-cases/ports/links.js";
import type { Store } from "../../use-cases/ports/store.js";
import { readCacheEntryCount, withReadCache } from "./read-cache.js";

function countingStore() {
  const loads: string[] = [];
  const holdLoads: string[][] = [];
  const store = {
    links: {
      findPublic: async (handle: string, slug: string) => {
        loads.push(`${handle}/${slug}`);
        return null;
      },
      update: async () => ({}),
    },
    users: { get: async () => null, update: async () => ({}) },
    bookings: {
      activeHolds: async (_tenantId: string, hostUserIds: string[]) => {
        holdLoads.push(hostUserIds);
        return [];
      },
    },
    calendars: { busyOf: async () => new Map() },
    holds: {},
    transaction: async (fn: (repos: unknown) => Promise<unknown>) => fn(store),
  };
  return { store: store as unknown as Store, loads, holdLoads };
}

function setUp(options: { maxEntries?: number; ttlMs?: number } = {}) {
  const clock = { nowMs: 1_000_000 };
  const { store, loads, holdLoads } = countingStore();
  const cached = withReadCache(store, { clock: () => clock.nowMs, ...options });
  const lookUp = (slug: string) => cached.links.findPublic("nobody", slug);
  return { clock, cached, loads, holdLoads, lookUp };
}

describe("read cache", () => {
  it("keeps at most maxEntries misses: the least recently used is evicted", async () => {
    const { cached, loads, lookUp } = setUp({ maxEntries: 3 });
    for (const slug of ["a", "b", "c", "d"]) await lookUp(slug);
    expect(readCacheEntryCount(cached)).toBe(3);
    await lookUp("d");
    await lookUp("b");
    expect(loads).toEqual(["nobody/a", "nobody/b", "nobody/c", "nobody/d"]);
    await lookUp("a"); // evicted by d: loaded again
    expect(loads).toHaveLength(5);
  });

  it("200,000 random misses stay within the cap", async () => {
    const { cached, lookUp } = setUp({ maxEntries: 1_000 });
    for (let i = 0; i < 200_000; i++) await lookUp(`probe-${i}`);
    expect(readCacheEntryCount(cached)).toBe(1_000);
  });

  it("expires entries by the injected clock, and purges expired ones", async () => {
    const { clock, cached, loads, lookUp } = setUp({ ttlMs: 2_000 });
    for (let i = 0; i < 5; i++) await lookUp(`probe-${i}`);
    clock.nowMs += 1_999;
    await lookUp("probe-0");
    expect(loads).toHaveLength(5);
    clock.nowMs += 1;
    await lookUp("probe-0");
    expect(loads).toHaveLength(6);
    // The other four expired and were never read again: they are gone, not waiting for eviction.
    expect(readCacheEntryCount(cached)).toBe(1);
  });

  it("a write through the cache still forgets cached links", async () => {
    const { cached, loads, lookUp } = setUp();
    await lookUp("intro");
    await lookUp("intro");
    expect(loads).toHaveLength(1);
    await cached.links.update("tenant" as never, "link-id", {} as never, 0);
    await lookUp("intro");
    expect(loads).toHaveLength(2);
  });

  it("shares one load among requests that miss the same key at once", async () => {
    const { cached, loads, holdLoads, lookUp } = setUp();
    await Promise.all(Array.from({ length: 50 }, () => lookUp("busy")));
    expect(loads).toEqual(["nobody/busy"]);
    const tenantId = "tenant" as never;
    await Promise.all(Array.from({ length: 50 }, () => cached.bookings.activeHolds(tenantId, ["host-1"], 1_000_000, 2_000_000)));
    expect(holdLoads).toEqual([["host-1"]]);
  });

  it("does not cache a load that a write overtook", async () => {
    const { store, loads } = countingStore();
    let finishLoad!: () => void;
    const slowFindPublic = store.links.findPublic;
    store.links.findPublic = async (handle, slug) => {
      await new Promise<void>((resolve) => (finishLoad = resolve));
      return slowFindPublic(handle, slug);
    };
    const cached = withReadCache(store, { clock: () => 1_000_000 });
    const during = cached.links.findPublic("nobody", "intro"); // reads the link as it was…
    await cached.links.update("tenant" as never, "link-id", {} as never, 0); // …then a write commits
    finishLoad();
    await during;
    store.links.findPublic = slowFindPublic;
    await cached.links.findPublic("nobody", "intro");
    expect(loads).toHaveLength(2);
  });
});

/** A database that another node writes to: the test changes what it holds without going through the cache. */
function sharedDatabase() {
  const rows = { link: { title: "Intro" } as unknown as LinkRecord, user: { name: "Ada" } as unknown as UserRecord, holds: [] as HostHoldMs[], busy: new Map<string, { startMs: number; endMs: number }[]>() };
  const holdQueries: { fromMs: number }[] = [];
  const busyQueries: string[][] = [];
  const store = {
    links: { findPublic: async () => rows.link },
    users: { get: async () => rows.user },
    bookings: {
      activeHolds: async (_tenantId: string, hostUserIds: string[], fromMs: number) => {
        holdQueries.push({ fromMs });
        return rows.holds.filter((hold) => hostUserIds.includes(hold.hostUserId));
      },
      replaceHolds: async () => undefined,
    },
    calendars: {
      busyOf: async (_tenantId: string, hostUserIds: string[]) => {
        busyQueries.push(hostUserIds);
        return new Map(hostUserIds.map((hostUserId) => [hostUserId, rows.busy.get(hostUserId) ?? []]));
      },
      applySync: async () => undefined,
    },
    holds: {},
    transaction: async (fn: (repos: unknown) => Promise<unknown>) => fn(store),
  };
  return { store: store as unknown as Store, rows, holdQueries, busyQueries };
}

const hold = (bookingId: string, startMs: number): HostHoldMs => ({ bookingId, holdId: null, expiresAtMs: null, hostUserId: "host-1", startMs, endMs: startMs + 1_800_000, busyStartMs: startMs, busyEndMs: startMs + 1_800_000, createdAtMs: 0 });

describe("read cache staleness, by the injected clock", () => {
  const tenantId = "tenant" as never;

  it("serves another node's change to a link only once the ttl has passed", async () => {
    const clock = { nowMs: 5_000_000 };
    const { store, rows } = sharedDatabase();
    const cached = withReadCache(store, { clock: () => clock.nowMs, ttlMs: 2_000 });
    expect(await cached.links.findPublic("ada", "intro")).toMatchObject({ title: "Intro" });
    rows.link = { title: "Renamed elsewhere" } as unknown as LinkRecord;
    clock.nowMs += 1_999;
    expect(await cached.links.findPublic("ada", "intro")).toMatchObject({ title: "Intro" });
    clock.nowMs += 1;
    expect(await cached.links.findPublic("ada", "intro")).toMatchObject({ title: "Renamed elsewhere" });
  });

  it("serves another node's change to a user only once the ttl has passed", async () => {
    const clock = { nowMs: 5_000_000 };
    const { store, rows } = sharedDatabase();
    const cached = withReadCache(store, { clock: () => clock.nowMs, ttlMs: 500 });
    expect(await cached.users.get(tenantId, "user-1")).toMatchObject({ name: "Ada" });
    rows.user = { name: "Grace" } as unknown as UserRecord;
    clock.nowMs += 499;
    expect(await cached.users.get(tenantId, "user-1")).toMatchObject({ name: "Ada" });
    clock.nowMs += 1;
    expect(await cached.users.get(tenantId, "user-1")).toMatchObject({ name: "Grace" });
  });

  it("shows another node's booking to slot reads once the ttl has passed, and its own booking at once", async () => {
    const clock = { nowMs: 5_000_000 };
    const { store, rows } = sharedDatabase();
    const cached = withReadCache(store, { clock: () => clock.nowMs, ttlMs: 2_000 });
    const window = [clock.nowMs, clock.nowMs + 86_400_000] as const;
    expect(await cached.bookings.activeHolds(tenantId, ["host-1"], ...window)).toEqual([]);
    rows.holds = [hold("elsewhere", clock.nowMs + 3_600_000)];
    clock.nowMs += 1_999;
    expect(await cached.bookings.activeHolds(tenantId, ["host-1"], ...window)).toEqual([]);
    clock.nowMs += 1;
    expect(await cached.bookings.activeHolds(tenantId, ["host-1"], ...window)).toEqual(rows.holds);

    // A booking written through this node is seen by the next read, with no wait at all.
    const mine = hold("mine", clock.nowMs + 7_200_000);
    await cached.transaction(async (repos) => {
      rows.holds = [...rows.holds, mine];
      await repos.bookings.replaceHolds(tenantId, "mine", []);
    });
    expect(await cached.bookings.activeHolds(tenantId, ["host-1"], ...window)).toContainEqual(mine);
  });

  it("answers calendar busy time a little past its ttl while reloading it behind, and a sync through this node at once", async () => {
    const clock = { nowMs: 5_000_000 };
    const { store, rows, busyQueries } = sharedDatabase();
    const cached = withReadCache(store, { clock: () => clock.nowMs, ttlMs: 2_000 });
    const window = [clock.nowMs, clock.nowMs + 86_400_000] as const;
    const busy = { startMs: clock.nowMs + 3_600_000, endMs: clock.nowMs + 7_200_000 };
    expect((await cached.calendars.busyOf(tenantId, ["host-1"], ...window)).get("host-1")).toEqual([]);
    rows.busy.set("host-1", [busy]);
    clock.nowMs += 2_000;
    // Expired: the old answer now, a reload behind it, the new answer next.
    expect((await cached.calendars.busyOf(tenantId, ["host-1"], ...window)).get("host-1")).toEqual([]);
    await Promise.resolve();
    await Promise.resolve();
    expect((await cached.calendars.busyOf(tenantId, ["host-1"], ...window)).get("host-1")).toEqual([busy]);
    expect(busyQueries).toHaveLength(2);
    // Past the grace, a read waits for the reload.
    rows.busy.set("host-1", []);
    clock.nowMs += 2_000 + 4_000;
    expect((await cached.calendars.busyOf(tenantId, ["host-1"], ...window)).get("host-1")).toEqual([]);
    // A sync through this node is seen by the next read.
    rows.busy.set("host-1", [busy]);
    await cached.transaction((repos) => repos.calendars.applySync(tenantId, "calendar-1", { full: true, changed: [], removedHrefs: [], cursor: null, expandedUntilMs: null }, clock.nowMs));
    expect((await cached.calendars.busyOf(tenantId, ["host-1"], ...window)).get("host-1")).toEqual([busy]);
  });

  it("keeps a host's calendar busy time merged, and answers only what overlaps the window", async () => {
    const clock = { nowMs: 5_000_000 };
    const { store, rows } = sharedDatabase();
    const cached = withReadCache(store, { clock: () => clock.nowMs });
    const at = (hours: number) => clock.nowMs + hours * 3_600_000;
    rows.busy.set("host-1", [
      { startMs: at(5), endMs: at(6) },
      { startMs: at(1), endMs: at(3) },
      { startMs: at(2), endMs: at(4) },
      { startMs: at(4), endMs: at(4.5) },
      { startMs: at(30), endMs: at(200) },
    ]);
    const read = async (fromHours: number, toHours: number) => (await cached.calendars.busyOf(tenantId, ["host-1"], at(fromHours), at(toHours))).get("host-1");
    expect(await read(0, 24)).toEqual([
      { startMs: at(1), endMs: at(4.5) },
      { startMs: at(5), endMs: at(6) },
    ]);
    expect(await read(4.5, 5)).toEqual([]);
    expect(await read(100, 101)).toEqual([{ startMs: at(30), endMs: at(200) }]);
    expect(await read(5.5, 31)).toEqual([
      { startMs: at(5), endMs: at(6) },
      { startMs: at(30), endMs: at(200) },
    ]);
  });

  it("answers from the cache within the window it loaded, and reloads for an earlier start", async () => {
    const clock = { nowMs: 5_000_000_000 };
    const { store, holdQueries } = sharedDatabase();
    const cached = withReadCache(store, { clock: () => clock.nowMs });
    const dayMs = 86_400_000;
    await cached.bookings.activeHolds(tenantId, ["host-1"], clock.nowMs, clock.nowMs + dayMs);
    // Week limits look back: the first load already reaches nine days before now.
    await cached.bookings.activeHolds(tenantId, ["host-1"], clock.nowMs - 9 * dayMs, clock.nowMs);
    expect(holdQueries).toHaveLength(1);
    await cached.bookings.activeHolds(tenantId, ["host-1"], clock.nowMs - 10 * dayMs, clock.nowMs);
    expect(holdQueries.map((query) => query.fromMs)).toEqual([clock.nowMs - 9 * dayMs, clock.nowMs - 10 * dayMs]);
  });
});
