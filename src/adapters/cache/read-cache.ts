// A short-lived, in-process cache in front of the reads that every public
// slots request makes (link by handle and slug, its owner, the hosts' booking
// holds), so that answering slots rarely waits on the database.
//
// Correctness never depends on it: bookings are decided inside a transaction,
// on uncached repositories, under the hosts' locks and the exclusion
// constraint. Writes through this process invalidate at once (after commit);
// writes by other nodes show within ttlMs. A generation counter per tenant
// keeps a read that raced a write from caching what it saw.
//
// Memory is bounded: each cache is an LRU of at most maxEntries keys (random
// unknown handles and slugs are cached as misses, so an unbounded map would
// grow with every probe), and expired entries are purged at most once per ttl.
import { LRUCache } from "lru-cache";
import type { TenantId } from "../../core/tenancy.js";
import type { UserRecord } from "../../use-cases/ports/accounts.js";
import type { HostHoldMs } from "../../use-cases/ports/bookings.js";
import type { LinkRecord } from "../../use-cases/ports/links.js";
import type { Repositories, Store } from "../../use-cases/ports/store.js";

const DAY_MS = 86_400_000;
/** Holds are loaded from this far back (week limits look back 7 days), and to the end of time. */
const LOOK_BACK_MS = 9 * DAY_MS;
const END_OF_TIME_MS = Date.UTC(9999, 11, 31);

/** Keys per cache (links, users, holds) unless told otherwise: ~10k small entries is a few MB. */
export const DEFAULT_MAX_ENTRIES = 10_000;

// lru-cache stores objects; a cached miss (null) is wrapped.
type Entry<T> = { value: T; expiresAtMs: number };
type Touched = { tenantIds: Set<string>; userKeys: Set<string>; isLinkWritten: boolean };
type HoldsEntry = Entry<HostHoldMs[]> & { loadedFromMs: number };
type ReadCacheOptions = { clock: () => number; ttlMs?: number; maxEntries?: number };

const entryCounts = new WeakMap<Store, () => number>();

/** How many entries a store made by withReadCache holds in all its caches (for tests and metrics). */
export function readCacheEntryCount(store: Store): number {
  const count = entryCounts.get(store);
  if (!count) throw new Error("not a store made by withReadCache");
  return count();
}

export function withReadCache(store: Store, options: ReadCacheOptions): Store {
  const ttlMs = options.ttlMs ?? 2_000;
  const max = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  // Expiry is checked here against the injected clock (entries carry expiresAtMs); the LRU only bounds the count.
  const newCache = <V extends Entry<unknown>>() => new LRUCache<string, V>({ max });
  const links = newCache<Entry<LinkRecord | null>>();
  const users = newCache<Entry<UserRecord | null>>();
  const holds = newCache<HoldsEntry>();
  // Loads in flight, shared by the requests that miss the same key at once (single flight): when an
  // entry expires under load, one query refills it instead of one per waiting request, which on
  // PGlite (queries run on the event loop's thread) stalled every other request.
  const linksLoading = new Map<string, Promise<LinkRecord | null>>();
  const usersLoading = new Map<string, Promise<UserRecord | null>>();
  const holdsLoading = new Map<string, { promise: Promise<HostHoldMs[]>; loadedFromMs: number; generation: number }>();
  const generations = new Map<string, number>();
  const generationOf = (tenantId: string) => generations.get(tenantId) ?? 0;
  let nextPurgeAtMs = -Infinity;

  /** Drops expired entries, at most once per ttl, so a burst of misses does not stay in memory until evicted. */
  function purgeExpired(nowMs: number) {
    if (nowMs < nextPurgeAtMs) return;
    nextPurgeAtMs = nowMs + ttlMs;
    for (const cache of [links, users, holds] as LRUCache<string, Entry<unknown>>[]) {
      const expired = [...cache.entries()].filter(([, entry]) => entry.expiresAtMs <= nowMs).map(([key]) => key);
      for (const key of expired) cache.delete(key);
    }
  }

  function forgetBookings(tenantIds: Iterable<string>) {
    for (const tenantId of tenantIds) {
      generations.set(tenantId, generationOf(tenantId) + 1);
      const keys = [...holds.keys()].filter((key) => key.startsWith(`${tenantId}:`));
      for (const key of keys) holds.delete(key);
    }
  }
  function forgetLinks() {
    links.clear();
    linksLoading.clear();
  }
  function forgetUsers(userKeys: Iterable<string>) {
    for (const key of userKeys) {
      users.delete(key);
      usersLoading.delete(key);
    }
  }

  function cached<T>(cache: LRUCache<string, Entry<T>>, loading: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const nowMs = options.clock();
    const hit = cache.get(key);
    if (hit && hit.expiresAtMs > nowMs) return Promise.resolve(hit.value);
    const inFlight = loading.get(key);
    if (inFlight) return inFlight;
    // A write forgets the load in flight too (it may have read the old row): then its result is not cached.
    const isCurrent = () => loading.get(key) === promise;
    const promise: Promise<T> = load().then(
      (value) => {
        if (isCurrent()) {
          loading.delete(key);
          purgeExpired(nowMs);
          cache.set(key, { value, expiresAtMs: nowMs + ttlMs });
        }
        return value;
      },
      (error: unknown) => {
        if (isCurrent()) loading.delete(key);
        throw error;
      },
    );
    loading.set(key, promise);
    return promise;
  }

  async function activeHolds(tenantId: TenantId, hostUserIds: string[], fromMs: number, toMs: number): Promise<HostHoldMs[]> {
    const nowMs = options.clock();
    // Read into a local map first: during the await below, other requests may evict or purge entries.
    const byHost = new Map<string, HostHoldMs[]>();
    const missing: string[] = [];
    for (const hostUserId of hostUserIds) {
      const entry = holds.get(`${tenantId}:${hostUserId}`);
      if (!entry || entry.expiresAtMs <= nowMs || entry.loadedFromMs > fromMs) missing.push(hostUserId);
      else byHost.set(hostUserId, entry.value);
    }
    if (missing.length > 0) {
      purgeExpired(nowMs);
      const flightKey = `${tenantId}:${missing.join(",")}`;
      let flight = holdsLoading.get(flightKey);
      if (!flight || flight.generation !== generationOf(tenantId) || flight.loadedFromMs > fromMs) {
        const loadedFromMs = Math.min(fromMs, nowMs - LOOK_BACK_MS);
        const started = { promise: store.bookings.activeHolds(tenantId, missing, loadedFromMs, END_OF_TIME_MS), loadedFromMs, generation: generationOf(tenantId) };
        holdsLoading.set(flightKey, started);
        const forget = () => holdsLoading.get(flightKey) === started && holdsLoading.delete(flightKey);
        started.promise.then(forget, forget);
        flight = started;
      }
      const loaded = await flight.promise;
      // A booking written since the load began may be missing from it: read around the cache.
      if (generationOf(tenantId) !== flight.generation) return store.bookings.activeHolds(tenantId, hostUserIds, fromMs, toMs);
      for (const hostUserId of missing) {
        const value = loaded.filter((hold) => hold.hostUserId === hostUserId);
        holds.set(`${tenantId}:${hostUserId}`, { value, loadedFromMs: flight.loadedFromMs, expiresAtMs: nowMs + ttlMs });
        byHost.set(hostUserId, value);
      }
    }
    return hostUserIds.flatMap((hostUserId) => (byHost.get(hostUserId) ?? []).filter((hold) => hold.busyStartMs < toMs && hold.busyEndMs > fromMs));
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

  const cachedStore: Store = {
    ...store,
    links: {
      ...store.links,
      findPublic: (handle, slug) => cached(links, linksLoading, `${handle}/${slug}`, () => store.links.findPublic(handle, slug)),
      create: (...args) => direct((repos) => repos.links.create(...args)) as ReturnType<typeof store.links.create>,
      update: (...args) => direct((repos) => repos.links.update(...args)) as ReturnType<typeof store.links.update>,
      softDelete: (...args) => direct((repos) => repos.links.softDelete(...args)) as ReturnType<typeof store.links.softDelete>,
    },
    users: {
      ...store.users,
      get: (tenantId, userId) => cached(users, usersLoading, `${tenantId}:${userId}`, () => store.users.get(tenantId, userId)),
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
  entryCounts.set(cachedStore, () => links.size + users.size + holds.size);
  return cachedStore;
}
