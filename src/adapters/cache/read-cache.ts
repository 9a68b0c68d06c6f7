// A short-lived, in-process cache in front of the reads that every public
// slots request makes (link by handle and slug, its owner, the hosts' booking
// holds and synced calendar busy time), so that answering slots rarely waits
// on the database.
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
import { fromRanges, normalize, toRanges, type TimeRangeMs } from "../../core/time/interval.js";
import type { HostHoldMs } from "../../use-cases/ports/bookings.js";
import type { LinkRecord } from "../../use-cases/ports/links.js";
import type { Repositories, Store } from "../../use-cases/ports/store.js";

const DAY_MS = 86_400_000;
/** Holds are loaded from this far back (week limits look back 7 days), and to the end of time. */
const LOOK_BACK_MS = 9 * DAY_MS;
const END_OF_TIME_MS = Date.UTC(9999, 11, 31);

/**
 * An expired entry of calendar busy time is still answered (while a reload
 * runs behind) for this many more ttls: that time is minutes old by nature
 * (synced on an interval), and reloading a busy host's whole calendar must not
 * make every slot read wait. Booking holds are never answered stale.
 */
const CALENDAR_STALE_GRACE_TTLS = 2;

/** Keys per cache (links, users, holds) unless told otherwise: ~10k small entries is a few MB. */
export const DEFAULT_MAX_ENTRIES = 10_000;

// lru-cache stores objects; a cached miss (null) is wrapped.
type Entry<T> = { value: T; expiresAtMs: number };
type Touched = { tenantIds: Set<string>; userKeys: Set<string>; isLinkWritten: boolean };
type HostTimeEntry<T> = Entry<T[]> & { loadedFromMs: number };
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
  /** Every cache, and how long past expiry its entries may still be answered. */
  const caches: { cache: LRUCache<string, Entry<unknown>>; graceMs: number }[] = [
    { cache: links as LRUCache<string, Entry<unknown>>, graceMs: 0 },
    { cache: users as LRUCache<string, Entry<unknown>>, graceMs: 0 },
  ];
  // Loads in flight, shared by the requests that miss the same key at once (single flight): when an
  // entry expires under load, one query refills it instead of one per waiting request, which on
  // PGlite (queries run on the event loop's thread) stalled every other request.
  const linksLoading = new Map<string, Promise<LinkRecord | null>>();
  const usersLoading = new Map<string, Promise<UserRecord | null>>();
  const generations = new Map<string, number>();
  const generationOf = (tenantId: string) => generations.get(tenantId) ?? 0;
  let nextPurgeAtMs = -Infinity;

  /** Drops entries past their expiry and grace, at most once per ttl, so a burst of misses does not stay in memory until evicted. */
  function purgeExpired(nowMs: number) {
    if (nowMs < nextPurgeAtMs) return;
    nextPurgeAtMs = nowMs + ttlMs;
    for (const { cache, graceMs } of caches) {
      const expired = [...cache.entries()].filter(([, entry]) => entry.expiresAtMs + graceMs <= nowMs).map(([key]) => key);
      for (const key of expired) cache.delete(key);
    }
  }

  /** A booking or a calendar sync changed the tenant's hosts' time. */
  function forgetHostTime(tenantIds: Iterable<string>) {
    for (const tenantId of tenantIds) {
      generations.set(tenantId, generationOf(tenantId) + 1);
      holds.forgetTenant(tenantId);
      calendarBusy.forgetTenant(tenantId);
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

  /**
   * A per-host cache of time ranges (booking holds, calendar busy time): each
   * host's ranges are loaded from a little before now to the end of time,
   * then filtered for each question. One load in flight per set of missing
   * hosts; a write to the tenant (its generation) drops what it may have missed.
   */
  function hostTimeCache<T>(
    load: (tenantId: TenantId, hostUserIds: string[], fromMs: number, toMs: number) => Promise<Map<string, T[]>>,
    within: (items: T[], fromMs: number, toMs: number) => T[],
    kept: { graceMs: number; prepare?: (items: T[]) => T[] },
  ) {
    const { graceMs, prepare = (items: T[]) => items } = kept;
    const entries = newCache<HostTimeEntry<T>>();
    const loading = new Map<string, { promise: Promise<Map<string, T[]>>; loadedFromMs: number; generation: number }>();
    caches.push({ cache: entries as unknown as LRUCache<string, Entry<unknown>>, graceMs });
    /** One load per set of hosts at a time; a write to the tenant meanwhile (its generation) makes a new one. */
    const flightFor = (tenantId: TenantId, hostUserIds: string[], fromMs: number, nowMs: number) => {
      const flightKey = `${tenantId}:${hostUserIds.join(",")}`;
      const flight = loading.get(flightKey);
      if (flight && flight.generation === generationOf(tenantId) && flight.loadedFromMs <= fromMs) return flight;
      const loadedFromMs = Math.min(fromMs, nowMs - LOOK_BACK_MS);
      const started = { promise: load(tenantId, hostUserIds, loadedFromMs, END_OF_TIME_MS), loadedFromMs, generation: generationOf(tenantId) };
      loading.set(flightKey, started);
      const forget = () => loading.get(flightKey) === started && loading.delete(flightKey);
      started.promise.then(forget, forget);
      return started;
    };
    const keep = (tenantId: TenantId, hostUserIds: string[], flight: { loadedFromMs: number }, loaded: Map<string, T[]>, nowMs: number) => {
      for (const hostUserId of hostUserIds) entries.set(`${tenantId}:${hostUserId}`, { value: prepare(loaded.get(hostUserId) ?? []), loadedFromMs: flight.loadedFromMs, expiresAtMs: nowMs + ttlMs });
    };
    const read = async (tenantId: TenantId, hostUserIds: string[], fromMs: number, toMs: number): Promise<Map<string, T[]>> => {
      const nowMs = options.clock();
      // Read into a local map first: during the await below, other requests may evict or purge entries.
      const byHost = new Map<string, T[]>();
      const missing: string[] = [];
      const stale: string[] = [];
      for (const hostUserId of hostUserIds) {
        const entry = entries.get(`${tenantId}:${hostUserId}`);
        if (!entry || entry.loadedFromMs > fromMs || entry.expiresAtMs + graceMs <= nowMs) missing.push(hostUserId);
        else {
          // Expired within its grace (never by a write: writes delete entries): answer with it and refresh behind.
          if (entry.expiresAtMs <= nowMs) stale.push(hostUserId);
          byHost.set(hostUserId, entry.value);
        }
      }
      if (stale.length > 0) {
        const flight = flightFor(tenantId, stale, fromMs, nowMs);
        flight.promise.then(
          (loaded) => generationOf(tenantId) === flight.generation && keep(tenantId, stale, flight, loaded, options.clock()),
          () => undefined, // the next read loads it again
        );
      }
      if (missing.length > 0) {
        purgeExpired(nowMs);
        const flight = flightFor(tenantId, missing, fromMs, nowMs);
        const loaded = await flight.promise;
        // A write since the load began may be missing from it: read around the cache.
        if (generationOf(tenantId) !== flight.generation) return load(tenantId, hostUserIds, fromMs, toMs);
        keep(tenantId, missing, flight, loaded, nowMs);
        for (const hostUserId of missing) byHost.set(hostUserId, entries.get(`${tenantId}:${hostUserId}`)?.value ?? prepare(loaded.get(hostUserId) ?? []));
      }
      return new Map(hostUserIds.map((hostUserId) => [hostUserId, within(byHost.get(hostUserId) ?? [], fromMs, toMs)]));
    };
    const forgetTenant = (tenantId: string) => {
      for (const key of [...entries.keys()].filter((key) => key.startsWith(`${tenantId}:`))) entries.delete(key);
    };
    return { read, forgetTenant, size: () => entries.size };
  }

  const holds = hostTimeCache<HostHoldMs>(
    async (tenantId, hostUserIds, fromMs, toMs) => groupByHost(await store.bookings.activeHolds(tenantId, hostUserIds, fromMs, toMs), (hold) => hold.hostUserId),
    (items, fromMs, toMs) => items.filter((hold) => hold.busyStartMs < toMs && hold.busyEndMs > fromMs),
    { graceMs: 0 },
  );
  const calendarBusy = hostTimeCache<TimeRangeMs>(
    (tenantId, hostUserIds, fromMs, toMs) => store.calendars.busyOf(tenantId, hostUserIds, fromMs, toMs),
    rangesWithin,
    // Kept merged (a busy host's overlapping events as one run of busy time): fewer intervals for the engine, and a binary search per read.
    { graceMs: CALENDAR_STALE_GRACE_TTLS * ttlMs, prepare: (ranges) => toRanges(normalize(fromRanges(ranges))) },
  );

  async function activeHolds(tenantId: TenantId, hostUserIds: string[], fromMs: number, toMs: number): Promise<HostHoldMs[]> {
    const byHost = await holds.read(tenantId, hostUserIds, fromMs, toMs);
    return hostUserIds.flatMap((hostUserId) => byHost.get(hostUserId) ?? []);
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
      // A role change or a removal changes users, links and host time at once: forget the tenant's all.
      members: {
        ...repos.members,
        setRole: (tenantId, userId, role) => {
          touched.userKeys.add(`${tenantId}:${userId}`);
          return repos.members.setRole(tenantId, userId, role);
        },
        erase: (tenantId, userId, heirUserId, nowMs) => {
          touched.userKeys.add(`${tenantId}:${userId}`);
          touched.tenantIds.add(tenantId);
          touched.isLinkWritten = true;
          return repos.members.erase(tenantId, userId, heirUserId, nowMs);
        },
      },
      links: { ...repos.links, create: noteLink(repos.links.create), update: noteLink(repos.links.update), softDelete: noteLink(repos.links.softDelete) },
      calendars: {
        ...repos.calendars,
        syncCalendarList: noteTenant(repos.calendars.syncCalendarList),
        updateCalendar: noteTenant(repos.calendars.updateCalendar),
        applySync: noteTenant(repos.calendars.applySync),
        deleteConnection: noteTenant(repos.calendars.deleteConnection),
      },
      bookings: {
        ...repos.bookings,
        create: noteTenant(repos.bookings.create),
        update: noteTenant(repos.bookings.update),
        replaceHolds: noteTenant(repos.bookings.replaceHolds),
        releaseHolds: noteTenant(repos.bookings.releaseHolds),
      },
      // Slot holds are busy time like bookings: taking or freeing one forgets the tenant's host time.
      holds: {
        ...repos.holds,
        create: noteTenant(repos.holds.create),
        release: noteTenant(repos.holds.release),
        consume: noteTenant(repos.holds.consume),
        releaseExpiredOf: noteTenant(repos.holds.releaseExpiredOf),
      },
    };
  }

  /** Runs work (a transaction, or one write) and then forgets what it wrote: after commit, never before. */
  async function invalidatingAfter<T>(work: (note: (repos: Repositories) => Repositories) => Promise<T>): Promise<T> {
    const touched: Touched = { tenantIds: new Set(), userKeys: new Set(), isLinkWritten: false };
    try {
      return await work((repos) => noting(repos, touched));
    } finally {
      forgetHostTime(touched.tenantIds);
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
    calendars: {
      ...store.calendars,
      busyOf: (tenantId, hostUserIds, fromMs, toMs) => calendarBusy.read(tenantId, hostUserIds, fromMs, toMs),
      syncCalendarList: (...args) => direct((repos) => repos.calendars.syncCalendarList(...args)) as ReturnType<typeof store.calendars.syncCalendarList>,
      updateCalendar: (...args) => direct((repos) => repos.calendars.updateCalendar(...args)) as ReturnType<typeof store.calendars.updateCalendar>,
      applySync: (...args) => direct((repos) => repos.calendars.applySync(...args)) as ReturnType<typeof store.calendars.applySync>,
      deleteConnection: (...args) => direct((repos) => repos.calendars.deleteConnection(...args)) as ReturnType<typeof store.calendars.deleteConnection>,
    },
    bookings: {
      ...store.bookings,
      activeHolds,
      create: (...args) => direct((repos) => repos.bookings.create(...args)) as ReturnType<typeof store.bookings.create>,
      update: (...args) => direct((repos) => repos.bookings.update(...args)) as ReturnType<typeof store.bookings.update>,
      replaceHolds: (...args) => direct((repos) => repos.bookings.replaceHolds(...args)) as ReturnType<typeof store.bookings.replaceHolds>,
      releaseHolds: (...args) => direct((repos) => repos.bookings.releaseHolds(...args)) as ReturnType<typeof store.bookings.releaseHolds>,
    },
    holds: {
      ...store.holds,
      create: (...args) => direct((repos) => repos.holds.create(...args)) as ReturnType<typeof store.holds.create>,
      release: (...args) => direct((repos) => repos.holds.release(...args)) as ReturnType<typeof store.holds.release>,
      consume: (...args) => direct((repos) => repos.holds.consume(...args)) as ReturnType<typeof store.holds.consume>,
      releaseExpiredOf: (...args) => direct((repos) => repos.holds.releaseExpiredOf(...args)) as ReturnType<typeof store.holds.releaseExpiredOf>,
    },
    transaction: (fn) => invalidatingAfter((note) => store.transaction((repos) => fn(note(repos)))),
  };
  entryCounts.set(cachedStore, () => links.size + users.size + holds.size() + calendarBusy.size());
  return cachedStore;
}

function groupByHost<T>(items: T[], hostOf: (item: T) => string): Map<string, T[]> {
  const byHost = new Map<string, T[]>();
  for (const item of items) {
    const host = hostOf(item);
    const list = byHost.get(host);
    if (list) list.push(item);
    else byHost.set(host, [item]);
  }
  return byHost;
}

/** The ranges of a sorted, disjoint list that overlap [fromMs, toMs): found by binary search, not a scan. */
function rangesWithin(ranges: TimeRangeMs[], fromMs: number, toMs: number): TimeRangeMs[] {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ranges[mid]!.endMs <= fromMs) low = mid + 1;
    else high = mid;
  }
  let end = low;
  while (end < ranges.length && ranges[end]!.startMs < toMs) end++;
  return ranges.slice(low, end);
}
