// A short-lived, in-process cache in front of the reads that every public
// slots request makes (link by handle and slug, its owner, the hosts' booking
// holds), so that answering slots rarely waits on the database.
//
// Correctness never depends on it: bookings are decided inside a transaction,
// on uncached repositories, under the hosts' locks and the exclusion
// constraint. Writes through this process invalidate at once (after commit);
// writes by other nodes show within ttlMs. A generation counter per tenant
// keeps a read that raced a write from caching what it saw.
import type { TenantId } from "../../core/tenancy.js";
import type { HostHoldMs, LinkRecord, Repositories, Store, UserRecord } from "../../use-cases/ports.js";

const DAY_MS = 86_400_000;
/** Holds are loaded from this far back (week limits look back 7 days), and to the end of time. */
const LOOK_BACK_MS = 9 * DAY_MS;
const END_OF_TIME_MS = Date.UTC(9999, 11, 31);

type Entry<T> = { value: T; expiresAtMs: number };
type Touched = { tenantIds: Set<string>; userKeys: Set<string>; isLinkWritten: boolean };
type HoldsEntry = Entry<HostHoldMs[]> & { loadedFromMs: number };

export function withReadCache(store: Store, options: { clock: () => number; ttlMs?: number }): Store {
  const ttlMs = options.ttlMs ?? 2_000;
  const links = new Map<string, Entry<LinkRecord | null>>();
  const users = new Map<string, Entry<UserRecord | null>>();
  const holds = new Map<string, HoldsEntry>();
  const generations = new Map<string, number>();
  const generationOf = (tenantId: string) => generations.get(tenantId) ?? 0;

  function forgetBookings(tenantIds: Iterable<string>) {
    for (const tenantId of tenantIds) {
      generations.set(tenantId, generationOf(tenantId) + 1);
      for (const key of holds.keys()) if (key.startsWith(`${tenantId}:`)) holds.delete(key);
    }
  }
  function forgetLinks() {
    links.clear();
  }
  function forgetUsers(userKeys: Iterable<string>) {
    for (const key of userKeys) users.delete(key);
  }

  async function cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const nowMs = options.clock();
    const hit = map.get(key);
    if (hit && hit.expiresAtMs > nowMs) return hit.value;
    const value = await load();
    map.set(key, { value, expiresAtMs: nowMs + ttlMs });
    return value;
  }

  async function activeHolds(tenantId: TenantId, hostUserIds: string[], fromMs: number, toMs: number): Promise<HostHoldMs[]> {
    const nowMs = options.clock();
    const missing = hostUserIds.filter((hostUserId) => {
      const entry = holds.get(`${tenantId}:${hostUserId}`);
      return !entry || entry.expiresAtMs <= nowMs || entry.loadedFromMs > fromMs;
    });
    if (missing.length > 0) {
      const generation = generationOf(tenantId);
      const loadedFromMs = Math.min(fromMs, nowMs - LOOK_BACK_MS);
      const loaded = await store.bookings.activeHolds(tenantId, missing, loadedFromMs, END_OF_TIME_MS);
      if (generationOf(tenantId) !== generation) return store.bookings.activeHolds(tenantId, hostUserIds, fromMs, toMs);
      for (const hostUserId of missing) {
        holds.set(`${tenantId}:${hostUserId}`, { value: loaded.filter((hold) => hold.hostUserId === hostUserId), loadedFromMs, expiresAtMs: nowMs + ttlMs });
      }
    }
    return hostUserIds.flatMap((hostUserId) =>
      holds.get(`${tenantId}:${hostUserId}`)!.value.filter((hold) => hold.busyStartMs < toMs && hold.busyEndMs > fromMs),
    );
  }

  /** Repositories whose writes are noted, to invalidate once they are committed. */
  function noting(repos: Repositories, touched: Touched): Repositories {
    const noteTenant =
      <A extends [TenantId, ...unknown[]], R>(write: (...args: A) => Promise<R>) =>
      (...args: A) => {
        touched.tenantIds.add(args[0]);
        return write(...args);
      };
    const noteLink =
      <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
      (...args: A) => {
        touched.isLinkWritten = true;
        return write(...args);
      };
    // A user's handle is in every public link lookup's key, so a profile change forgets links too.
    const noteUser: Repositories["users"]["update"] = (tenantId, userId, changes) => {
      touched.userKeys.add(`${tenantId}:${userId}`);
      touched.isLinkWritten = true;
      return repos.users.update(tenantId, userId, changes);
    };
    return {
      ...repos,
      users: { ...repos.users, update: noteUser },
      links: { ...repos.links, create: noteLink(repos.links.create), update: noteLink(repos.links.update), softDelete: noteLink(repos.links.softDelete) },
      bookings: {
        ...repos.bookings,
        create: noteTenant(repos.bookings.create),
        update: noteTenant(repos.bookings.update),
        replaceHolds: noteTenant(repos.bookings.replaceHolds),
        releaseHolds: noteTenant(repos.bookings.releaseHolds),
      },
    };
  }

  /** Runs work (a transaction, or one write) and then forgets what it wrote: after commit, never before. */
  async function invalidatingAfter<T>(work: (note: (repos: Repositories) => Repositories) => Promise<T>): Promise<T> {
    const touched: Touched = { tenantIds: new Set(), userKeys: new Set(), isLinkWritten: false };
    try {
      return await work((repos) => noting(repos, touched));
    } finally {
      forgetBookings(touched.tenantIds);
      forgetUsers(touched.userKeys);
      if (touched.isLinkWritten) forgetLinks();
    }
  }

  const direct = (write: (repos: Repositories) => Promise<unknown>) => invalidatingAfter((note) => write(note(store)));

  return {
    ...store,
    links: {
      ...store.links,
      findPublic: (handle, slug) => cached(links, `${handle}/${slug}`, () => store.links.findPublic(handle, slug)),
      create: (...args) => direct((repos) => repos.links.create(...args)) as ReturnType<typeof store.links.create>,
      update: (...args) => direct((repos) => repos.links.update(...args)) as ReturnType<typeof store.links.update>,
      softDelete: (...args) => direct((repos) => repos.links.softDelete(...args)) as ReturnType<typeof store.links.softDelete>,
    },
    users: {
      ...store.users,
      get: (tenantId, userId) => cached(users, `${tenantId}:${userId}`, () => store.users.get(tenantId, userId)),
      update: (...args) => direct((repos) => repos.users.update(...args)) as ReturnType<typeof store.users.update>,
    },
    bookings: {
      ...store.bookings,
      activeHolds,
      create: (...args) => direct((repos) => repos.bookings.create(...args)) as ReturnType<typeof store.bookings.create>,
      update: (...args) => direct((repos) => repos.bookings.update(...args)) as ReturnType<typeof store.bookings.update>,
      replaceHolds: (...args) => direct((repos) => repos.bookings.replaceHolds(...args)) as ReturnType<typeof store.bookings.replaceHolds>,
      releaseHolds: (...args) => direct((repos) => repos.bookings.releaseHolds(...args)) as ReturnType<typeof store.bookings.releaseHolds>,
    },
    transaction: (fn) => invalidatingAfter((note) => store.transaction((repos) => fn(note(repos)))),
  };
}
