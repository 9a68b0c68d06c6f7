import { describe, expect, it } from "vitest";
import { formatZonedIso } from "./zoned-iso.js";

describe("formatZonedIso", () => {
  it("writes the wall time and offset of the zone, and parses back to the same instant", () => {
    const ms = Date.parse("2026-12-01T14:00:00Z");
    expect(formatZonedIso(ms, "Asia/Tokyo")).toBe("2026-12-01T23:00:00+09:00");
    expect(formatZonedIso(ms, "America/New_York")).toBe("2026-12-01T09:00:00-05:00");
    expect(formatZonedIso(ms, "Asia/Kolkata")).toBe("2026-12-01T19:30:00+05:30");
    expect(formatZonedIso(ms, "UTC")).toBe("2026-12-01T14:00:00+00:00");
    for (const zone of ["Asia/Tokyo", "America/New_York", "Asia/Kolkata", "America/St_Johns"]) expect(Date.parse(formatZonedIso(ms, zone))).toBe(ms);
  });

  it("takes the offset in force on each side of a DST change", () => {
    // Europe/Berlin leaves summer time at 01:00Z on 25 October 2026.
    expect(formatZonedIso(Date.parse("2026-10-25T00:59:00Z"), "Europe/Berlin")).toBe("2026-10-25T02:59:00+02:00");
    expect(formatZonedIso(Date.parse("2026-10-25T01:00:00Z"), "Europe/Berlin")).toBe("2026-10-25T02:00:00+01:00");
  });
});
