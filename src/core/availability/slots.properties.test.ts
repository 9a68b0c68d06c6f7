// Property tests of the slot engine against a brute-force reference written
// independently from the contract (README "What a slot is"): every whole minute
// of the window is tried, zones go through Temporal directly, nothing is shared
// with the engine. Random queries are anchored on DST transitions of the zones
// the engine must get right.
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { explainInstant, freeHostsAt } from "./explain.js";
import { groupSlotsByLocalDate } from "./present.js";
import { computeSlots } from "./slots.js";
import type { BookingMs, HostAvailability, SlotQuery } from "./types.js";

const MINUTE = 60_000;
const DAY = 86_400_000;

// ---------- the reference ----------

function wallInstant(date: Temporal.PlainDate, hhmm: string, zone: string): number {
  const day = hhmm === "24:00" ? date.add({ days: 1 }) : date;
  const time = hhmm === "24:00" ? "00:00" : hhmm;
  return day.toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds;
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** The host's working time as merged [start, end) pairs, over local dates around [fromMs, toMs]. */
function referenceWorkingTime(host: HostAvailability, fromMs: number, toMs: number): [number, number][] {
  const spans: [number, number][] = [];
  let date = Temporal.Instant.fromEpochMilliseconds(fromMs).toZonedDateTimeISO("UTC").toPlainDate().subtract({ days: 3 });
  const lastDate = Temporal.Instant.fromEpochMilliseconds(toMs).toZonedDateTimeISO("UTC").toPlainDate().add({ days: 3 });
  for (; Temporal.PlainDate.compare(date, lastDate) <= 0; date = date.add({ days: 1 })) {
    const text = date.toString();
    const overrides = (host.dateOverrides ?? []).filter((o) => o.date === text);
    let spansOfDate: { start: string; end: string }[];
    if ((host.holidays ?? []).includes(text)) spansOfDate = [];
    else if (overrides.length > 0) spansOfDate = overrides.flatMap((o) => o.intervals);
    else spansOfDate = host.weeklyHours.filter((rule) => rule.days.includes(date.dayOfWeek % 7)).map((rule) => ({ start: rule.start, end: rule.end }));
    for (const span of spansOfDate) {
      if (minutesOf(span.end) <= minutesOf(span.start)) continue;
      const startMs = wallInstant(date, span.start, host.timeZone);
      const endMs = wallInstant(date, span.end, host.timeZone);
      if (endMs > startMs) spans.push([startMs, endMs]); // a gap can reorder the ends: such a span covers nothing
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

function busyList(host: HostAvailability): { startMs: number; endMs: number }[] {
  const busy = host.busy instanceof Float64Array ? Array.from({ length: host.busy.length / 2 }, (_, i) => ({ startMs: host.busy[2 * i] as number, endMs: host.busy[2 * i + 1] as number })) : [...host.busy];
  return [...busy, ...(host.bookings ?? [])];
}

function referenceSlots(q: SlotQuery): number[] {
  const durationMs = q.durationMin * MINUTE;
  const work = q.hosts.map((host) => referenceWorkingTime(host, q.windowStartMs, q.windowEndMs));
  const localDate = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(q.linkTimeZone);
  const slots: number[] = [];
  for (let s = Math.ceil(q.windowStartMs / MINUTE) * MINUTE; s + durationMs <= q.windowEndMs; s += MINUTE) {
    if (s < q.nowMs + q.minNoticeMin * MINUTE) continue;
    if (q.maxDaysAhead !== undefined && s >= q.nowMs + q.maxDaysAhead * DAY) continue;
    const zoned = localDate(s);
    if (zoned.second !== 0 || zoned.millisecond !== 0 || (zoned.hour * 60 + zoned.minute) % q.slotIntervalMin !== 0) continue;
    const isFree = q.hosts.map((host, h) => {
      if (!work[h]!.some(([a, b]) => a <= s && s + durationMs <= b)) return false;
      const from = s - q.bufferBeforeMin * MINUTE;
      const to = s + durationMs + q.bufferAfterMin * MINUTE;
      if (busyList(host).some((b) => b.endMs > b.startMs && b.startMs < to && b.endMs > from)) return false;
      const bookingDates = (host.bookings ?? []).map((b) => localDate(b.startMs));
      if (q.maxPerDay !== undefined && bookingDates.filter((d) => d.toPlainDate().equals(zoned.toPlainDate())).length >= q.maxPerDay) return false;
      if (q.maxPerWeek !== undefined && bookingDates.filter((d) => d.yearOfWeek === zoned.yearOfWeek && d.weekOfYear === zoned.weekOfYear).length >= q.maxPerWeek) return false;
      return true;
    });
    if (q.mode === "round_robin" ? isFree.some(Boolean) : isFree.every(Boolean)) slots.push(s);
  }
  return slots;
}

// ---------- random queries around DST transitions ----------

/** Instants near transitions, each with the zones that change there. */
const ANCHORS: { ms: number; zones: string[] }[] = [
  { iso: "2026-03-08T05:00:00Z", zones: ["America/New_York", "America/Havana"] }, // spring forward (Havana at midnight)
  { iso: "2026-11-01T04:00:00Z", zones: ["America/New_York", "America/Havana"] }, // fall back
  { iso: "2026-04-04T12:00:00Z", zones: ["Australia/Lord_Howe", "Australia/Sydney", "America/Santiago", "Pacific/Chatham"] }, // southern fall back (Lord Howe by 30 min, Santiago at midnight)
  { iso: "2026-10-03T12:00:00Z", zones: ["Australia/Lord_Howe", "Australia/Sydney"] }, // southern spring forward
  { iso: "2026-09-05T20:00:00Z", zones: ["America/Santiago"] }, // spring forward at midnight
  { iso: "2011-12-29T00:00:00Z", zones: ["Pacific/Apia"] }, // 2011-12-30 skipped
  { iso: "2026-03-29T00:00:00Z", zones: ["Europe/London"] },
  { iso: "2026-06-15T00:00:00Z", zones: ["Asia/Kathmandu", "UTC"] }, // nothing happening
].map(({ iso, zones }) => ({ ms: Date.parse(iso), zones }));

const ZONES = [
  "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Santiago", "America/Havana",
  "Pacific/Apia", "Australia/Sydney", "Europe/London", "Pacific/Chatham", "UTC",
];

/** Mostly a zone that changes at the anchor, sometimes any zone. */
const zoneNear = (zones: string[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...zones) }, { weight: 1, arbitrary: fc.constantFrom(...ZONES) });

const clock = fc.oneof(
  fc.constantFrom("00:00", "00:30", "01:00", "01:30", "01:45", "02:00", "02:15", "02:30", "03:00", "09:00", "12:00", "17:00", "23:00", "23:30"),
  fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`),
);
const endClock = fc.oneof(clock, fc.constant("24:00"));
const rule = fc.record({ days: fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }), start: clock, end: endClock });
const earlyClock = fc.constantFrom("00:00", "00:30", "01:00", "02:00", "02:15", "06:00", "08:00", "09:00");
const lateClock = fc.constantFrom("17:00", "20:00", "22:30", "23:00", "23:45", "24:00");
const wideRule = fc.record({ days: fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 3 }), start: earlyClock, end: lateClock });
const weeklyHours = fc.oneof(
  { weight: 2, arbitrary: fc.constant([{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }]) },
  { weight: 3, arbitrary: fc.array(wideRule, { minLength: 1, maxLength: 2 }) },
  { weight: 2, arbitrary: fc.array(rule, { maxLength: 3 }) },
);

function hostArbitrary(anchorMs: number, zones: string[], hostId: number) {
  const dateNear = fc.integer({ min: -2, max: 3 }).map((d) => new Date(anchorMs + d * DAY).toISOString().slice(0, 10));
  const rangeNear = fc.record({ offsetMin: fc.integer({ min: -12 * 60, max: 4 * 24 * 60 }), lengthMin: fc.integer({ min: -10, max: 300 }), jitterMs: fc.constantFrom(0, 0, 0, 1, 30_000) }).map(
    ({ offsetMin, lengthMin, jitterMs }) => ({ startMs: anchorMs + offsetMin * MINUTE + jitterMs, endMs: anchorMs + (offsetMin + lengthMin) * MINUTE }),
  );
  return fc.record({
    hostId: fc.constant(hostId),
    timeZone: zoneNear(zones),
    weeklyHours,
    dateOverrides: fc.array(fc.record({ date: dateNear, intervals: fc.array(fc.record({ start: clock, end: endClock }), { maxLength: 2 }) }), { maxLength: 2 }),
    holidays: fc.array(dateNear, { maxLength: 1 }),
    busy: fc.array(rangeNear, { maxLength: 6 }),
    bookings: fc.array(rangeNear.map((r): BookingMs => r), { maxLength: 3 }),
  });
}

const queryArbitrary = fc
  .record({ anchor: fc.constantFrom(...ANCHORS), hostCount: fc.integer({ min: 1, max: 3 }), mode: fc.constantFrom("single", "collective", "round_robin") as fc.Arbitrary<SlotQuery["mode"]> })
  .chain(({ anchor: { ms: anchorMs, zones }, hostCount, mode }) =>
    fc.record({
      mode: fc.constant(mode === "single" ? "single" : mode) as fc.Arbitrary<SlotQuery["mode"]>,
      hosts: fc.tuple(...Array.from({ length: mode === "single" ? 1 : hostCount }, (_, i) => hostArbitrary(anchorMs, zones, i + 1))),
      windowStartMs: fc.integer({ min: -24 * 60, max: 24 * 60 }).map((m) => anchorMs + m * MINUTE + (m % 7 === 0 ? 12_345 : 0)),
      windowLengthMin: fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 30, max: 12 * 60 }) }, { weight: 4, arbitrary: fc.integer({ min: 12 * 60, max: 2 * 24 * 60 }) }),
      nowOffsetMin: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -36 * 60, max: 0 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 24 * 60 }) }),
      linkTimeZone: zoneNear(zones),
      durationMin: fc.constantFrom(5, 15, 15, 25, 30, 30, 60, 90, 240, 720),
      slotIntervalMin: fc.constantFrom(5, 10, 15, 25, 30, 45, 60, 90, 720),
      minNoticeMin: fc.constantFrom(0, 0, 15, 120),
      bufferBeforeMin: fc.constantFrom(0, 0, 5, 30),
      bufferAfterMin: fc.constantFrom(0, 0, 10, 45),
      maxDaysAhead: fc.option(fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 1, max: 4 }) }), { nil: undefined, freq: 2 }),
      maxPerDay: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined, freq: 2 }),
      maxPerWeek: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 2 }),
    }),
  )
  .map(({ windowLengthMin, nowOffsetMin, hosts, ...rest }): SlotQuery => ({
    ...rest,
    hosts,
    nowMs: rest.windowStartMs + nowOffsetMin * MINUTE,
    windowEndMs: rest.windowStartMs + windowLengthMin * MINUTE,
  }));

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function scrambled(q: SlotQuery, seed: number): SlotQuery {
  return {
    ...q,
    hosts: shuffled(q.hosts, seed).map((host, i) => ({
      ...host,
      weeklyHours: shuffled(host.weeklyHours, seed + i).map((r) => ({ ...r, days: shuffled(r.days, seed + 7) })),
      dateOverrides: shuffled(host.dateOverrides ?? [], seed + 1),
      holidays: shuffled(host.holidays ?? [], seed + 2),
      busy: i % 2 === 0 ? shuffled(busyList({ ...host, bookings: [] }), seed + 3) : new Float64Array(shuffled(busyList({ ...host, bookings: [] }), seed + 3).flatMap((b) => [b.startMs, b.endMs])),
      bookings: shuffled(host.bookings ?? [], seed + 4),
    })),
  };
}

// ---------- properties ----------

describe("computeSlots properties", () => {
  it("equals the brute-force reference on random queries around DST transitions", () => {
    fc.assert(
      fc.property(queryArbitrary, (q) => {
        expect(computeSlots(q).map((s) => new Date(s).toISOString())).toEqual(referenceSlots(q).map((s) => new Date(s).toISOString()));
      }),
      { numRuns: 200 },
    );
  });

  it("returns sorted, unique slots that lie in working time and clear of buffered busy time", () => {
    fc.assert(
      fc.property(queryArbitrary, (q) => {
        const slots = computeSlots(q);
        for (let i = 1; i < slots.length; i++) expect(slots[i]!).toBeGreaterThan(slots[i - 1]!);
        const durationMs = q.durationMin * MINUTE;
        const hostsToCheck = q.mode === "round_robin" ? [] : q.hosts; // round-robin: some host; checked by the reference test
        for (const host of hostsToCheck) {
          const work = referenceWorkingTime(host, q.windowStartMs, q.windowEndMs);
          for (const s of slots) {
            expect(work.some(([a, b]) => a <= s && s + durationMs <= b)).toBe(true);
            const from = s - q.bufferBeforeMin * MINUTE;
            const to = s + durationMs + q.bufferAfterMin * MINUTE;
            expect(busyList(host).some((b) => b.endMs > b.startMs && b.startMs < to && b.endMs > from)).toBe(false);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("does not depend on input order (hosts, rules, days, overrides, holidays, busy, bookings) or busy representation", () => {
    fc.assert(
      fc.property(queryArbitrary, fc.integer({ min: 1, max: 1_000_000 }), (q, seed) => {
        expect(computeSlots(scrambled(q, seed))).toEqual(computeSlots(q));
      }),
      { numRuns: 150 },
    );
  });

  it("nests: collective ⊆ each host alone ⊆ round-robin", () => {
    fc.assert(
      fc.property(queryArbitrary, (q) => {
        const collective = new Set(computeSlots({ ...q, mode: "collective" }));
        const roundRobin = new Set(computeSlots({ ...q, mode: "round_robin" }));
        const union = new Set<number>();
        for (const host of q.hosts) {
          const alone = new Set(computeSlots({ ...q, mode: "single", hosts: [host] }));
          for (const s of collective) expect(alone.has(s)).toBe(true);
          for (const s of alone) {
            expect(roundRobin.has(s)).toBe(true);
            union.add(s);
          }
        }
        expect([...roundRobin].every((s) => union.has(s))).toBe(true); // round-robin is exactly the union
      }),
      { numRuns: 100 },
    );
  });

  it("agrees with explainInstant and freeHostsAt on every grid minute of the window", () => {
    fc.assert(
      fc.property(queryArbitrary, (q) => {
        const slots = new Set(computeSlots(q));
        const durationMs = q.durationMin * MINUTE;
        for (let s = Math.ceil(q.windowStartMs / MINUTE) * MINUTE - 30 * MINUTE; s + durationMs <= q.windowEndMs + 30 * MINUTE; s += 5 * MINUTE) {
          const explanation = explainInstant(q, s);
          expect(explanation.bookable, `${new Date(s).toISOString()} ${JSON.stringify(explanation)}`).toBe(slots.has(s));
          const free = freeHostsAt(q, s);
          if (q.mode === "round_robin") expect(free.length > 0).toBe(slots.has(s));
          if (q.mode !== "round_robin" && slots.has(s)) expect(free.length).toBe(q.hosts.length);
          if (explanation.bookable) expect(explanation.hostIds).toEqual(free);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("groups by viewer date without adding, dropping or moving a slot", () => {
    fc.assert(
      fc.property(queryArbitrary, fc.constantFrom(...ZONES), (q, viewerTimeZone) => {
        const slots = computeSlots(q);
        const groups = groupSlotsByLocalDate(slots, q.durationMin, viewerTimeZone);
        expect(groups.flatMap((g) => g.slots.map((slot) => slot.startMs)).sort((a, b) => a - b)).toEqual(slots);
        for (const group of groups) {
          for (const slot of group.slots) {
            expect(Temporal.Instant.fromEpochMilliseconds(slot.startMs).toZonedDateTimeISO(viewerTimeZone).toPlainDate().toString()).toBe(group.date);
            expect(slot.endMs - slot.startMs).toBe(q.durationMin * MINUTE);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
