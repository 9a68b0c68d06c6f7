import { describe, expect, it } from "vitest";
import { dayNumberFromYmd, MS_PER_DAY } from "../time/calendar-date.js";
import { ZoneTimeline } from "../time/zone.js";
import { hasLimits, limitReachedOn, tallyBookings } from "./limits.js";

const at = (iso: string) => ({ startMs: Date.parse(iso), endMs: Date.parse(iso) + 30 * 60_000 });

describe("booking limits", () => {
  const zone = "America/New_York";
  const timeline = new ZoneTimeline(zone, Date.parse("2026-03-01T00:00:00Z"), Date.parse("2026-03-20T00:00:00Z") + MS_PER_DAY);
  const tally = tallyBookings(
    [
      at("2026-03-03T14:00:00Z"),
      at("2026-03-03T15:00:00Z"),
      at("2026-03-04T03:00:00Z"), // 23:00 on the 3rd in New York
      at("2026-03-09T14:00:00Z"), // next ISO week
      at("2025-12-01T14:00:00Z"), // far outside the timeline: still counted
    ],
    timeline,
  );

  it("count bookings on the link-local date and ISO week of their start", () => {
    expect(tally.perDay.get(dayNumberFromYmd(2026, 3, 3))).toBe(3);
    expect(tally.perDay.get(dayNumberFromYmd(2026, 3, 4))).toBeUndefined();
    expect(tally.perWeek.get(dayNumberFromYmd(2026, 3, 2))).toBe(3);
    expect(tally.perWeek.get(dayNumberFromYmd(2026, 3, 9))).toBe(1);
    expect(tally.perDay.get(dayNumberFromYmd(2025, 12, 1))).toBe(1);
  });

  it('stop a day or week that already has the maximum ("fewer than")', () => {
    expect(limitReachedOn(tally, dayNumberFromYmd(2026, 3, 3), { maxPerDay: 3 })).toBe("DAY_LIMIT");
    expect(limitReachedOn(tally, dayNumberFromYmd(2026, 3, 3), { maxPerDay: 4 })).toBeNull();
    expect(limitReachedOn(tally, dayNumberFromYmd(2026, 3, 5), { maxPerDay: 1, maxPerWeek: 3 })).toBe("WEEK_LIMIT");
    expect(limitReachedOn(tally, dayNumberFromYmd(2026, 3, 10), { maxPerDay: 1, maxPerWeek: 3 })).toBeNull();
    expect(limitReachedOn(tally, dayNumberFromYmd(2026, 3, 3), { maxPerDay: 3, maxPerWeek: 1 })).toBe("DAY_LIMIT");
    expect(hasLimits({})).toBe(false);
    expect(hasLimits({ maxPerWeek: 2 })).toBe(true);
  });
});
