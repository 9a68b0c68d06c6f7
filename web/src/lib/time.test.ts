// Zone arithmetic the pages rely on: where a local day starts and which day an
// instant falls on, on DST days too, and the zone picker's search.
import { describe, expect, it } from "vitest";
import { addDays, filterZones, localDate, startOfLocalDateMs, zoneEntries, zoneName, zoneOffsetLabel, zoneOffsetMs } from "./time";

const HOUR_MS = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe("startOfLocalDateMs", () => {
  it("is local midnight on ordinary days, east and west of Greenwich and at half hours", () => {
    expect(startOfLocalDateMs("2026-12-01", "America/New_York")).toBe(at("2026-12-01T05:00:00Z"));
    expect(startOfLocalDateMs("2026-12-01", "Europe/Berlin")).toBe(at("2026-11-30T23:00:00Z"));
    expect(startOfLocalDateMs("2026-03-13", "Asia/Kolkata")).toBe(at("2026-03-12T18:30:00Z"));
    expect(startOfLocalDateMs("2026-12-01", "UTC")).toBe(at("2026-12-01T00:00:00Z"));
  });

  it("is right on the days the clocks change, and on the days after", () => {
    // New York springs forward on 8 March 2026 and falls back on 1 November, both at 02:00.
    expect(startOfLocalDateMs("2026-03-08", "America/New_York")).toBe(at("2026-03-08T05:00:00Z"));
    expect(startOfLocalDateMs("2026-03-09", "America/New_York")).toBe(at("2026-03-09T04:00:00Z"));
    expect(startOfLocalDateMs("2026-11-01", "America/New_York")).toBe(at("2026-11-01T04:00:00Z"));
    expect(startOfLocalDateMs("2026-11-02", "America/New_York")).toBe(at("2026-11-02T05:00:00Z"));
    // Berlin springs forward on 29 March; Lord Howe moves by half an hour on 4 October.
    expect(startOfLocalDateMs("2026-03-29", "Europe/Berlin")).toBe(at("2026-03-28T23:00:00Z"));
    expect(startOfLocalDateMs("2026-10-04", "Australia/Lord_Howe")).toBe(at("2026-10-03T13:30:00Z"));
    expect(startOfLocalDateMs("2026-10-05", "Australia/Lord_Howe")).toBe(at("2026-10-04T13:00:00Z"));
  });

  it("is within the skipped hour where DST skips midnight itself (its stated limit)", () => {
    // Santiago goes from 00:00 to 01:00 on 6 September 2026: the day's first instant is 01:00 −03 (04:00Z).
    expect(Math.abs(startOfLocalDateMs("2026-09-06", "America/Santiago") - at("2026-09-06T04:00:00Z"))).toBeLessThanOrEqual(HOUR_MS);
  });
});

describe("localDate", () => {
  it("names the viewer's date, the 25-hour day holding its last hour", () => {
    expect(localDate("2026-11-02T04:59:59Z", "America/New_York")).toBe("2026-11-01");
    expect(localDate("2026-11-02T05:00:00Z", "America/New_York")).toBe("2026-11-02");
    expect(localDate(at("2026-12-31T10:00:00Z"), "Pacific/Kiritimati")).toBe("2027-01-01");
    expect(localDate(new Date("2026-12-31T10:00:00Z"), "Pacific/Pago_Pago")).toBe("2026-12-30");
  });
});

describe("zone offsets", () => {
  it("changes at the instant of a DST change", () => {
    expect(zoneOffsetMs("America/New_York", at("2026-03-08T06:59:59Z"))).toBe(-5 * HOUR_MS);
    expect(zoneOffsetMs("America/New_York", at("2026-03-08T07:00:00Z"))).toBe(-4 * HOUR_MS);
    expect(zoneOffsetMs("Asia/Kolkata", at("2026-06-01T00:00:00Z"))).toBe(5.5 * HOUR_MS);
  });

  it("is labelled the way the zone picker shows it", () => {
    expect(zoneOffsetLabel("America/New_York", at("2026-07-01T00:00:00Z"))).toBe("GMT-4");
    expect(zoneOffsetLabel("America/New_York", at("2026-12-01T00:00:00Z"))).toBe("GMT-5");
    expect(zoneOffsetLabel("Asia/Kolkata", at("2026-07-01T00:00:00Z"))).toBe("GMT+5:30");
  });
});

describe("the zone picker", () => {
  const entries = zoneEntries("UTC");

  it("shows place names with spaces", () => {
    expect(zoneName("America/Port_of_Spain")).toBe("America/Port of Spain");
  });

  it("lists the current zone even when the browser's list has only its canonical name", () => {
    expect(entries.filter((entry) => entry.zone === "UTC")).toHaveLength(1);
    expect(zoneEntries("US/Eastern")[0]!.zone).toBe("US/Eastern");
  });

  it("finds zones by every word typed, in place names, regions or the offset", () => {
    expect(filterZones(entries, "new york").map((entry) => entry.zone)).toEqual(["America/New_York"]);
    expect(filterZones(entries, "  America   YORK ").map((entry) => entry.zone)).toEqual(["America/New_York"]);
    expect(filterZones(entries, "gmt+5:30").map((entry) => entry.zone)).toContain("Asia/Colombo");
    expect(filterZones(entries, "colombo gmt+1")).toEqual([]);
    expect(filterZones(entries, "   ")).toBe(entries);
  });

  it("lists and names zones by their current names, found by old names and countries too", () => {
    const zones = entries.map((entry) => entry.zone);
    expect(zones).toEqual(expect.arrayContaining(["Asia/Kolkata", "Europe/Kyiv", "Asia/Ho_Chi_Minh"]));
    expect(zones).not.toContain("Asia/Calcutta");
    expect(zoneName("Asia/Calcutta")).toBe("Asia/Kolkata");
    const found = (query: string) => filterZones(entries, query).map((entry) => entry.zone);
    expect(found("Kolkata")).toEqual(["Asia/Kolkata"]);
    expect(found("Calcutta")).toEqual(["Asia/Kolkata"]);
    expect(found("India")[0]).toBe("Asia/Kolkata");
    expect(found("kyiv")).toEqual(["Europe/Kyiv"]);
    expect(found("Ho Chi Minh")).toEqual(["Asia/Ho_Chi_Minh"]);
  });
});

describe("addDays", () => {
  it("counts calendar days across months, years and DST changes", () => {
    expect(addDays("2026-11-01", 1)).toBe("2026-11-02");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2026-03-08", 0)).toBe("2026-03-08");
  });
});
