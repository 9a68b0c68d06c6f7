import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { MS_PER_DAY } from "../time/calendar-date.js";
import { formatIsoInstant } from "../time/iso-instant.js";
import { computeSlots } from "./slots.js";
import { nyHost as host, nyQuery as query, utc } from "./slot-query.fixture.js";
import type { SlotQuery } from "./types.js";

const iso = (slots: number[]): string[] => slots.map(formatIsoInstant);
const allDay = [{ days: [0, 1, 2, 3, 4, 5, 6], start: "00:00", end: "24:00" }];

const range = (startIso: string, endIso: string) => ({ startMs: utc(startIso), endMs: utc(endIso) });

describe("computeSlots, one host", () => {
  it("offers the grid inside working hours", () => {
    const slots = computeSlots(query());
    expect(slots.length).toBe(5 * 16);
    expect(formatIsoInstant(slots[0]!)).toBe("2026-03-02T14:00:00.000Z");
    expect(formatIsoInstant(slots[15]!)).toBe("2026-03-02T21:30:00.000Z"); // 16:30, the last that ends by 17:00
  });

  it("keeps busy time and its buffers free", () => {
    const busy = [range("2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z")]; // 12:00–13:00 local
    const monday = (q: SlotQuery) => iso(computeSlots(q)).filter((s) => s.startsWith("2026-03-02T1"));
    expect(monday(query({ hosts: [host({ busy })] }))).not.toContain("2026-03-02T17:00:00.000Z");
    const buffered = monday(query({ hosts: [host({ busy })], bufferBeforeMin: 15, bufferAfterMin: 15 }));
    // 11:30 would run into the after-buffer, 13:00 into the before-buffer; 11:00 and 13:30 are fine.
    expect(buffered).toContain("2026-03-02T16:00:00.000Z");
    expect(buffered).not.toContain("2026-03-02T16:30:00.000Z");
    expect(buffered).not.toContain("2026-03-02T18:00:00.000Z");
    expect(buffered).toContain("2026-03-02T18:30:00.000Z");
  });

  it("treats a busy interval that only touches a slot as no conflict (half-open)", () => {
    const slots = iso(computeSlots(query({ hosts: [host({ busy: [range("2026-03-02T14:30:00Z", "2026-03-02T15:00:00Z")] })] })));
    expect(slots).toContain("2026-03-02T14:00:00.000Z");
    expect(slots).not.toContain("2026-03-02T14:30:00.000Z");
    expect(slots).toContain("2026-03-02T15:00:00.000Z");
  });

  it("applies minimum notice, the booking window and the asked window", () => {
    const nowMs = utc("2026-03-03T15:10:00Z");
    const slots = computeSlots(query({ nowMs, minNoticeMin: 60, maxDaysAhead: 1 }));
    expect(formatIsoInstant(slots[0]!)).toBe("2026-03-03T16:30:00.000Z"); // first start ≥ now + 60 min
    expect(formatIsoInstant(slots[slots.length - 1]!)).toBe("2026-03-04T15:00:00.000Z"); // last start < now + 24 h
    const tight = computeSlots(query({ windowStartMs: utc("2026-03-02T14:10:00Z"), windowEndMs: utc("2026-03-02T15:30:00Z") }));
    expect(iso(tight)).toEqual(["2026-03-02T14:30:00.000Z", "2026-03-02T15:00:00.000Z"]);
    expect(computeSlots(query({ maxDaysAhead: 0 }))).toEqual([]);
    expect(computeSlots(query({ windowEndMs: utc("2026-03-01T00:00:00Z") }))).toEqual([]);
  });

  it("counts bookings as busy and toward the host's limits, even outside the window", () => {
    const bookings = [
      range("2026-03-02T14:00:00Z", "2026-03-02T14:30:00Z"), // Monday
      range("2026-03-03T14:00:00Z", "2026-03-03T14:30:00Z"), // Tuesday
      range("2026-03-08T04:00:00Z", "2026-03-08T04:30:00Z"), // Saturday 23:00 local: same ISO week, outside the window
    ];
    const slots = iso(computeSlots(query({ hosts: [host({ bookings })], maxPerDay: 1 })));
    expect(slots.some((s) => s.startsWith("2026-03-02"))).toBe(false);
    expect(slots.some((s) => s.startsWith("2026-03-03"))).toBe(false);
    expect(slots.filter((s) => s.startsWith("2026-03-04")).length).toBe(16);
    expect(computeSlots(query({ hosts: [host({ bookings })], maxPerWeek: 3 }))).toEqual([]);
    expect(computeSlots(query({ hosts: [host({ bookings })], maxPerWeek: 4 })).length).toBe(5 * 16 - 2);
  });

  it("lets a meeting run across midnight when both days allow it", () => {
    const nights = [{ days: [1], start: "22:00", end: "24:00" }, { days: [2], start: "00:00", end: "02:00" }];
    const slots = iso(computeSlots(query({ hosts: [host({ weeklyHours: nights })], durationMin: 120, slotIntervalMin: 60 })));
    expect(slots).toEqual(["2026-03-03T03:00:00.000Z", "2026-03-03T04:00:00.000Z", "2026-03-03T05:00:00.000Z"]);
  });

  it("reads the grid in the link's zone, the hours in the host's", () => {
    // Host in Kathmandu (+05:45) working 09:00–12:00; grid of a New York link on the hour.
    const slots = iso(computeSlots(query({ hosts: [host({ timeZone: "Asia/Kathmandu", weeklyHours: [{ days: [2], start: "09:00", end: "12:00" }] })], slotIntervalMin: 60 })));
    // 09:00 Kathmandu = 03:15Z = 22:15 New York: the New York hours 23:00, 00:00 fit (ending by 06:15Z).
    expect(slots).toEqual(["2026-03-03T04:00:00.000Z", "2026-03-03T05:00:00.000Z"]);
  });

  it("accepts busy time as a flat Float64Array", () => {
    const busy = [range("2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z"), range("2026-03-04T14:00:00Z", "2026-03-04T20:00:00Z")];
    const flat = new Float64Array(busy.flatMap((b) => [b.startMs, b.endMs]));
    expect(computeSlots(query({ hosts: [host({ busy: flat })] }))).toEqual(computeSlots(query({ hosts: [host({ busy })] })));
  });
});

describe("computeSlots, teams", () => {
  const newYork = host({ hostId: "ny" });
  const london = host({ hostId: "ldn", timeZone: "Europe/London" });

  it("collective: only when every host is free, across zones", () => {
    const slots = iso(computeSlots(query({ mode: "collective", hosts: [newYork, london] })));
    // 09:00–17:00 New York (14–22Z) ∩ 09:00–17:00 London (9–17Z) = 14:00–17:00Z
    expect(slots.filter((s) => s.startsWith("2026-03-02"))).toEqual([
      "2026-03-02T14:00:00.000Z", "2026-03-02T14:30:00.000Z", "2026-03-02T15:00:00.000Z",
      "2026-03-02T15:30:00.000Z", "2026-03-02T16:00:00.000Z", "2026-03-02T16:30:00.000Z",
    ]);
  });

  it("round-robin: whenever any host is free; one host's bookings limit only that host", () => {
    const bookedLondon = { ...london, bookings: [range("2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z")] };
    const slots = iso(computeSlots(query({ mode: "round_robin", hosts: [newYork, bookedLondon], maxPerDay: 1 })));
    const monday = slots.filter((s) => s.startsWith("2026-03-02"));
    expect(monday[0]).toBe("2026-03-02T14:00:00.000Z"); // London is at its limit on Monday; New York is not
    expect(monday.length).toBe(16);
    expect(slots.filter((s) => s.startsWith("2026-03-03"))[0]).toBe("2026-03-03T09:00:00.000Z");
  });
});

/** Slots of a host working all day, asked for one whole local date in its own zone; returned as local wall times with offsets. */
function wholeLocalDate(zone: string, date: string, slotIntervalMin = 30): string[] {
  const day = Temporal.PlainDate.from(date);
  const startMs = day.toZonedDateTime({ timeZone: zone }).epochMilliseconds;
  const endMs = day.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
  const slots = computeSlots(
    query({ nowMs: startMs - MS_PER_DAY, linkTimeZone: zone, windowStartMs: startMs, windowEndMs: endMs, slotIntervalMin, hosts: [host({ timeZone: zone, weeklyHours: allDay })] }),
  );
  return slots.map((s) => {
    const zoned = Temporal.Instant.fromEpochMilliseconds(s).toZonedDateTimeISO(zone);
    return `${zoned.toPlainDate().toString()} ${zoned.toPlainTime().toString({ smallestUnit: "minute" })}${zoned.offset}`;
  });
}

describe("computeSlots on DST transition days", () => {
  it("New York: 46 slots on the 23-hour day, 50 on the 25-hour day", () => {
    const spring = wholeLocalDate("America/New_York", "2026-03-08");
    expect(spring.length).toBe(46);
    expect(spring.slice(2, 6)).toEqual(["2026-03-08 01:00-05:00", "2026-03-08 01:30-05:00", "2026-03-08 03:00-04:00", "2026-03-08 03:30-04:00"]);
    const fall = wholeLocalDate("America/New_York", "2026-11-01");
    expect(fall.length).toBe(50);
    expect(fall.slice(2, 6)).toEqual(["2026-11-01 01:00-04:00", "2026-11-01 01:30-04:00", "2026-11-01 01:00-05:00", "2026-11-01 01:30-05:00"]);
  });

  it("Lord Howe: a 30-minute change gives 47 and 49 slots", () => {
    const spring = wholeLocalDate("Australia/Lord_Howe", "2026-10-04");
    expect(spring.length).toBe(47);
    expect(spring.slice(3, 5)).toEqual(["2026-10-04 01:30+10:30", "2026-10-04 02:30+11:00"]);
    const fall = wholeLocalDate("Australia/Lord_Howe", "2026-04-05");
    expect(fall.length).toBe(49);
    expect(fall.slice(2, 6)).toEqual(["2026-04-05 01:00+11:00", "2026-04-05 01:30+11:00", "2026-04-05 01:30+10:30", "2026-04-05 02:00+10:30"]);
  });

  it("Kathmandu (+05:45): 48 slots on local half hours", () => {
    const slots = wholeLocalDate("Asia/Kathmandu", "2026-03-02");
    expect(slots.length).toBe(48);
    expect(slots[0]).toBe("2026-03-02 00:00+05:45");
    expect(slots[47]).toBe("2026-03-02 23:30+05:45");
  });

  it("Santiago, DST at midnight: the day starts at 01:00 (46 slots); the repeated 23:00 hour gives 50", () => {
    const spring = wholeLocalDate("America/Santiago", "2026-09-06");
    expect(spring.length).toBe(46);
    expect(spring[0]).toBe("2026-09-06 01:00-03:00");
    const fall = wholeLocalDate("America/Santiago", "2026-04-04");
    expect(fall.length).toBe(50);
    expect(fall.slice(-4)).toEqual(["2026-04-04 23:00-03:00", "2026-04-04 23:30-03:00", "2026-04-04 23:00-04:00", "2026-04-04 23:30-04:00"]);
  });

  it("Havana, DST at midnight: 46 and 50 slots", () => {
    const spring = wholeLocalDate("America/Havana", "2026-03-08");
    expect(spring.length).toBe(46);
    expect(spring[0]).toBe("2026-03-08 01:00-04:00");
    const fall = wholeLocalDate("America/Havana", "2026-11-01");
    expect(fall.length).toBe(50);
    expect(fall.slice(0, 4)).toEqual(["2026-11-01 00:00-04:00", "2026-11-01 00:30-04:00", "2026-11-01 00:00-05:00", "2026-11-01 00:30-05:00"]);
  });

  it("Apia: 2011-12-30 never happened, so it has no slots and its neighbours are whole", () => {
    expect(wholeLocalDate("Pacific/Apia", "2011-12-29").length).toBe(48);
    expect(wholeLocalDate("Pacific/Apia", "2011-12-31").length).toBe(48);
    const start = utc("2011-12-29T10:00:00Z"); // 2011-12-29 00:00 −10:00
    const end = utc("2011-12-31T10:00:00Z"); // 2012-01-01 00:00 +14:00
    const slots = computeSlots(query({ nowMs: start, linkTimeZone: "Pacific/Apia", windowStartMs: start, windowEndMs: end, hosts: [host({ timeZone: "Pacific/Apia", weeklyHours: allDay })] }));
    expect(slots.length).toBe(96);
    const dates = new Set(slots.map((s) => Temporal.Instant.fromEpochMilliseconds(s).toZonedDateTimeISO("Pacific/Apia").toPlainDate().toString()));
    expect([...dates]).toEqual(["2011-12-29", "2011-12-31"]);
  });

  it("Sydney (southern hemisphere): clocks go forward in October, back in April", () => {
    expect(wholeLocalDate("Australia/Sydney", "2026-10-04").length).toBe(46);
    expect(wholeLocalDate("Australia/Sydney", "2026-04-05").length).toBe(50);
  });

  it("keeps a host's 09:00–17:00 at 09:00 local on both sides of a change", () => {
    const slots = iso(
      computeSlots(query({ windowStartMs: utc("2026-03-06T00:00:00Z"), windowEndMs: utc("2026-03-10T00:00:00Z"), slotIntervalMin: 60, durationMin: 60 })),
    );
    expect(slots.filter((s) => s.endsWith("00:00.000Z")).length).toBe(16);
    expect(slots[0]).toBe("2026-03-06T14:00:00.000Z"); // Friday, EST
    expect(slots[8]).toBe("2026-03-09T13:00:00.000Z"); // Monday, EDT
  });
});
