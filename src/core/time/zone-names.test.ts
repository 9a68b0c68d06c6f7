import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { ZONE_ALIASES, ZONE_COUNTRIES } from "./zone-data.js";
import { canonicalTimeZone, canonicalTimeZones, searchZones, zoneCountries, zoneSearchText } from "./zone-names.js";

/** The zones a search finds among the ones the runtime lists, with current names. */
function search(query: string): string[] {
  const entries = canonicalTimeZones(Intl.supportedValuesOf("timeZone")).map((zone) => ({ zone, searchText: zoneSearchText(zone) }));
  return searchZones(entries, query).map(({ zone }) => zone);
}

describe("canonicalTimeZone", () => {
  it.each([
    ["Asia/Calcutta", "Asia/Kolkata"],
    ["Europe/Kiev", "Europe/Kyiv"],
    ["Asia/Saigon", "Asia/Ho_Chi_Minh"],
    ["America/Buenos_Aires", "America/Argentina/Buenos_Aires"],
    ["Asia/Rangoon", "Asia/Yangon"],
    ["Asia/Katmandu", "Asia/Kathmandu"],
    ["America/Godthab", "America/Nuuk"],
    ["Pacific/Enderbury", "Pacific/Kanton"],
    ["US/Eastern", "America/New_York"],
    ["Iceland", "Atlantic/Reykjavik"],
  ])("%s → %s", (alias, canonical) => {
    expect(canonicalTimeZone(alias)).toBe(canonical);
  });

  it("keeps current names, a country's own zone, UTC and fixed offsets", () => {
    for (const zone of ["Asia/Kolkata", "Europe/Berlin", "Europe/Bratislava", "Arctic/Longyearbyen", "UTC", "+05:30", "Not/AZone"]) {
      expect(canonicalTimeZone(zone)).toBe(zone);
    }
    expect(canonicalTimeZone("constructor")).toBe("constructor");
  });

  it("maps every alias to a zone the runtime knows with the same offset today", () => {
    const now = Temporal.Instant.fromEpochMilliseconds(Date.UTC(2026, 0, 15));
    for (const [alias, target] of Object.entries(ZONE_ALIASES)) {
      expect(ZONE_ALIASES[target], `${target} is itself an alias`).toBeUndefined();
      expect(now.toZonedDateTimeISO(target).offset, `${alias} → ${target}`).toBe(now.toZonedDateTimeISO(alias).offset);
    }
  });

  it("gives every zone the runtime lists a country (or it is UTC-like), and lists each once", () => {
    const zones = canonicalTimeZones(Intl.supportedValuesOf("timeZone"));
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones).toContain("Asia/Kolkata");
    expect(zones).not.toContain("Asia/Calcutta");
    const withoutCountry = zones.filter((zone) => !ZONE_COUNTRIES[zone]);
    expect(withoutCountry.filter((zone) => zone.includes("/") && !zone.startsWith("Etc/"))).toEqual([]);
  });
});

describe("zone search", () => {
  it.each([
    ["Kolkata", "Asia/Kolkata"],
    ["kolkata", "Asia/Kolkata"],
    ["Calcutta", "Asia/Kolkata"],
    ["India", "Asia/Kolkata"],
    ["Kyiv", "Europe/Kyiv"],
    ["Kiev", "Europe/Kyiv"],
    ["Ukraine", "Europe/Kyiv"],
    ["Ho Chi Minh", "Asia/Ho_Chi_Minh"],
    ["Saigon", "Asia/Ho_Chi_Minh"],
    ["Vietnam", "Asia/Ho_Chi_Minh"],
    ["buenos aires", "America/Argentina/Buenos_Aires"],
    ["cote divoire", "Africa/Abidjan"],
    ["new york", "America/New_York"],
    ["norway", "Europe/Oslo"],
  ])("%s finds %s", (query, zone) => {
    expect(search(query)).toContain(zone);
  });

  it("narrows: every word must match", () => {
    expect(search("India")[0]).toBe("Asia/Kolkata");
    expect(search("India kolkata")).toEqual(["Asia/Kolkata"]);
    expect(search("Ukraine")).toEqual(["Europe/Kyiv", "Europe/Simferopol"]);
    expect(search("zzzz")).toEqual([]);
  });

  it("names a zone's countries", () => {
    expect(zoneCountries("Asia/Calcutta")).toEqual(["India"]);
    expect(zoneCountries("UTC")).toEqual([]);
  });
});
