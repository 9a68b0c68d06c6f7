import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseRoundRobinHost, compareHostIds, pickRoundRobinHost, roundRobinCandidatesAt, type RoundRobinCandidate } from "./team.js";
import { nyQuery, utc } from "./slot-query.fixture.js";
import type { HostAvailability } from "./types.js";


describe("chooseRoundRobinHost", () => {
  it("prefers the fewest bookings this week", () => {
    const choice = chooseRoundRobinHost([
      { hostId: 1, bookingsThisWeek: 3, lastBookedAtMs: null },
      { hostId: 2, bookingsThisWeek: 1, lastBookedAtMs: utc("2026-03-01T00:00:00Z") },
      { hostId: 3, bookingsThisWeek: 2, lastBookedAtMs: null },
    ]);
    expect(choice).toEqual({ hostId: 2, why: "host 2 has the fewest bookings this week (1; next fewest 2)" });
  });

  it("breaks ties by least recently booked (never booked first), then by id", () => {
    expect(
      chooseRoundRobinHost([
        { hostId: "a", bookingsThisWeek: 1, lastBookedAtMs: utc("2026-03-02T00:00:00Z") },
        { hostId: "b", bookingsThisWeek: 1, lastBookedAtMs: utc("2026-03-01T00:00:00Z") },
      ])?.hostId,
    ).toBe("b");
    expect(
      chooseRoundRobinHost([
        { hostId: "a", bookingsThisWeek: 0, lastBookedAtMs: utc("2026-03-01T00:00:00Z") },
        { hostId: "b", bookingsThisWeek: 0, lastBookedAtMs: null },
      ])?.why,
    ).toBe("2 free hosts tie at 0 booking(s) this week; host b was booked least recently (never booked; next last booked 2026-03-01T00:00:00.000Z)");
    expect(
      chooseRoundRobinHost([
        { hostId: 10, bookingsThisWeek: 0, lastBookedAtMs: null },
        { hostId: 9, bookingsThisWeek: 0, lastBookedAtMs: null },
        { hostId: "8", bookingsThisWeek: 0, lastBookedAtMs: null },
      ]),
    ).toEqual({ hostId: 9, why: "3 free hosts tie at 0 booking(s) this week and never booked; host 9 has the lowest id" });
  });

  it("handles one or no candidate", () => {
    expect(chooseRoundRobinHost([])).toBeNull();
    expect(chooseRoundRobinHost([{ hostId: 7, bookingsThisWeek: 5, lastBookedAtMs: 1 }])).toEqual({ hostId: 7, why: "host 7 is the only free host" });
  });

  it("is deterministic: input order never changes the choice", () => {
    const candidate = fc.record({
      hostId: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom("x", "y", "10")),
      bookingsThisWeek: fc.integer({ min: 0, max: 3 }),
      lastBookedAtMs: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.hostId, minLength: 1, maxLength: 6 }), (candidates: RoundRobinCandidate[]) => {
        const choice = chooseRoundRobinHost(candidates);
        expect(chooseRoundRobinHost([...candidates].reverse())).toEqual(choice);
        const winner = candidates.find((c) => c.hostId === choice?.hostId)!;
        expect(candidates.every((c) => c.bookingsThisWeek >= winner.bookingsThisWeek)).toBe(true);
      }),
    );
    expect([3, "b", 1, "a"].sort(compareHostIds)).toEqual([1, 3, "a", "b"]);
  });
});

describe("round-robin candidates from a query", () => {
  const weeklyHours = [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }];
  const booking = (iso: string, createdIso?: string) => ({
    startMs: utc(iso),
    endMs: utc(iso) + 30 * 60_000,
    ...(createdIso === undefined ? {} : { createdAtMs: utc(createdIso) }),
  });
  const hosts: HostAvailability[] = [
    { hostId: 1, timeZone: "America/New_York", weeklyHours, busy: [], bookings: [booking("2026-03-02T14:00:00Z", "2026-02-20T00:00:00Z"), booking("2026-03-03T14:00:00Z", "2026-02-21T00:00:00Z")] },
    { hostId: 2, timeZone: "America/New_York", weeklyHours, busy: [], bookings: [booking("2026-03-02T15:00:00Z", "2026-02-25T00:00:00Z"), booking("2026-02-23T15:00:00Z")] },
    { hostId: 3, timeZone: "America/New_York", weeklyHours, busy: [{ startMs: utc("2026-03-04T14:00:00Z"), endMs: utc("2026-03-04T20:00:00Z") }] },
  ];
  const query = nyQuery({
    mode: "round_robin",
    nowMs: utc("2026-03-01T00:00:00Z"),
    windowStartMs: utc("2026-03-02T00:00:00Z"),
    windowEndMs: utc("2026-03-09T00:00:00Z"),
    hosts,
  });

  it("lists free hosts with their bookings in the slot's ISO week and their last booking time", () => {
    expect(roundRobinCandidatesAt(query, utc("2026-03-04T15:00:00Z"))).toEqual([
      { hostId: 1, bookingsThisWeek: 2, lastBookedAtMs: utc("2026-02-21T00:00:00Z") },
      { hostId: 2, bookingsThisWeek: 1, lastBookedAtMs: utc("2026-02-25T00:00:00Z") }, // the Feb 23 booking is another week
    ]);
  });

  it("picks a host with a reason, and nobody when nobody is free", () => {
    expect(pickRoundRobinHost(query, utc("2026-03-04T15:00:00Z"))).toEqual({ hostId: 2, why: "host 2 has the fewest bookings this week (1; next fewest 2)" });
    expect(pickRoundRobinHost(query, utc("2026-03-05T15:00:00Z"))?.hostId).toBe(3);
    expect(pickRoundRobinHost(query, utc("2026-03-07T15:00:00Z"))).toBeNull(); // Saturday
  });
});

describe("round-robin weights and priority", () => {
  it("asks the free host with the highest priority first, whatever the bookings", () => {
    expect(
      chooseRoundRobinHost([
        { hostId: "a", bookingsThisWeek: 0, lastBookedAtMs: null, priority: 0 },
        { hostId: "b", bookingsThisWeek: 9, lastBookedAtMs: utc("2026-03-01T00:00:00Z"), priority: 2 },
        { hostId: "c", bookingsThisWeek: 0, lastBookedAtMs: null, priority: 1 },
      ]),
    ).toEqual({ hostId: "b", why: "host b has the highest priority among the free hosts (2; next 1)" });
  });

  it("shares bookings in proportion to weight among equal priority", () => {
    expect(
      chooseRoundRobinHost([
        { hostId: "a", bookingsThisWeek: 1, lastBookedAtMs: null, weight: 1 },
        { hostId: "b", bookingsThisWeek: 1, lastBookedAtMs: utc("2026-03-01T00:00:00Z"), weight: 2 },
      ]),
    ).toEqual({ hostId: "b", why: "host b has the fewest bookings this week for its weight (1 for weight 2; next fewest 1 for weight 1)" });
    expect(
      chooseRoundRobinHost([
        { hostId: "a", bookingsThisWeek: 1, lastBookedAtMs: utc("2026-03-02T00:00:00Z"), weight: 1 },
        { hostId: "b", bookingsThisWeek: 2, lastBookedAtMs: utc("2026-03-01T00:00:00Z"), weight: 2 },
      ]),
    ).toEqual({
      hostId: "b",
      why: "2 free hosts tie at the same bookings this week for their weight; host b was booked least recently (last booked 2026-03-01T00:00:00.000Z; next last booked 2026-03-02T00:00:00.000Z)",
    });
  });

  it("over a week of bookings, a weight-2 host takes twice the bookings of a weight-1 host", () => {
    const counts = new Map<string, number>([["light", 0], ["heavy", 0]]);
    const lastBooked = new Map<string, number | null>([["light", null], ["heavy", null]]);
    for (let n = 0; n < 30; n++) {
      const choice = chooseRoundRobinHost(
        [...counts].map(([hostId, bookingsThisWeek]) => ({ hostId, bookingsThisWeek, lastBookedAtMs: lastBooked.get(hostId)!, weight: hostId === "heavy" ? 2 : 1 })),
      )!;
      counts.set(String(choice.hostId), counts.get(String(choice.hostId))! + 1);
      lastBooked.set(String(choice.hostId), n);
    }
    expect(Object.fromEntries(counts)).toEqual({ light: 10, heavy: 20 });
  });

  it("without settings, weight 1 and priority 0 give the same choice and sentence as before", () => {
    const bare: RoundRobinCandidate[] = [
      { hostId: 1, bookingsThisWeek: 3, lastBookedAtMs: null },
      { hostId: 2, bookingsThisWeek: 1, lastBookedAtMs: 5 },
    ];
    expect(chooseRoundRobinHost(bare.map((c) => ({ ...c, weight: 1, priority: 0 })))).toEqual(chooseRoundRobinHost(bare));
  });

  it("always picks among the highest priority the host with the smallest bookings-to-weight share", () => {
    const candidate = fc.record({
      hostId: fc.integer({ min: 0, max: 50 }),
      bookingsThisWeek: fc.integer({ min: 0, max: 12 }),
      lastBookedAtMs: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      weight: fc.integer({ min: 1, max: 5 }),
      priority: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.hostId, minLength: 1, maxLength: 8 }), (candidates: RoundRobinCandidate[]) => {
        const choice = chooseRoundRobinHost(candidates)!;
        expect(chooseRoundRobinHost([...candidates].reverse())).toEqual(choice);
        const winner = candidates.find((c) => c.hostId === choice.hostId)!;
        const top = Math.max(...candidates.map((c) => c.priority!));
        expect(winner.priority).toBe(top);
        for (const c of candidates.filter((c) => c.priority === top)) expect(winner.bookingsThisWeek / winner.weight!).toBeLessThanOrEqual(c.bookingsThisWeek / c.weight!);
      }),
    );
  });
});
