import { describe, expect, it } from "vitest";
import { formatInstant, formatInstantShort, formatTimeRange, usableTimeZone, zoneLabel } from "./meeting-time.js";

const at = (iso: string) => Date.parse(iso);

describe("formatInstant", () => {
  it("writes the time on the recipient's clock with the zone named", () => {
    expect(formatInstant(at("2026-12-01T14:00:00Z"), "America/New_York")).toBe("Tuesday, 1 December 2026 at 09:00 (America/New_York, EST)");
    expect(formatInstant(at("2026-12-01T14:00:00Z"), "Europe/Berlin")).toBe("Tuesday, 1 December 2026 at 15:00 (Europe/Berlin, CET)");
    expect(formatInstant(at("2026-12-01T14:00:00Z"), "Australia/Lord_Howe")).toBe("Wednesday, 2 December 2026 at 01:00 (Australia/Lord_Howe, GMT+11)");
  });

  it("writes US English with plain spaces (no narrow no-break space before AM)", () => {
    expect(formatInstant(at("2026-12-01T14:00:00Z"), "America/New_York", "en-US")).toBe("Tuesday, December 1, 2026 at 9:00 AM (America/New_York, EST)");
  });

  it("follows daylight saving time on each side of the change", () => {
    // New York springs forward on 8 March 2026: 09:00 is 14:00Z before, 13:00Z after.
    expect(formatInstant(at("2026-03-07T14:00:00Z"), "America/New_York")).toBe("Saturday, 7 March 2026 at 09:00 (America/New_York, EST)");
    expect(formatInstant(at("2026-03-09T13:00:00Z"), "America/New_York")).toBe("Monday, 9 March 2026 at 09:00 (America/New_York, EDT)");
    // London springs forward on 29 March 2026 at 01:00Z.
    expect(formatInstant(at("2026-03-29T00:30:00Z"), "Europe/London")).toBe("Sunday, 29 March 2026 at 00:30 (Europe/London, GMT)");
    expect(formatInstant(at("2026-03-29T01:30:00Z"), "Europe/London")).toBe("Sunday, 29 March 2026 at 02:30 (Europe/London, BST)");
    // The same instant falls back in autumn: 01:30 happens twice in New York on 1 November 2026.
    expect(formatInstant(at("2026-11-01T05:30:00Z"), "America/New_York")).toBe("Sunday, 1 November 2026 at 01:30 (America/New_York, EDT)");
    expect(formatInstant(at("2026-11-01T06:30:00Z"), "America/New_York")).toBe("Sunday, 1 November 2026 at 01:30 (America/New_York, EST)");
  });
});

describe("formatTimeRange", () => {
  it("writes the day once and both clock times", () => {
    expect(formatTimeRange(at("2026-12-01T14:00:00Z"), at("2026-12-01T14:30:00Z"), "America/New_York")).toBe(
      "Tuesday, 1 December 2026, 09:00–09:30 (America/New_York, EST)",
    );
    expect(formatTimeRange(at("2026-12-01T14:00:00Z"), at("2026-12-01T14:30:00Z"), "America/New_York", "en-US")).toBe(
      "Tuesday, December 1, 2026, 9:00 – 9:30 AM (America/New_York, EST)",
    );
  });

  it("names both dates when the meeting crosses midnight on the recipient's clock", () => {
    expect(formatTimeRange(at("2026-12-01T22:30:00Z"), at("2026-12-01T23:30:00Z"), "Europe/Berlin")).toBe(
      "Tuesday, 1 December 2026 at 23:30 – Wednesday, 2 December 2026 at 00:30 (Europe/Berlin, CET)",
    );
  });

  it("names both offsets when the clocks change during the meeting", () => {
    // One real hour that reads 00:30–02:30 in London.
    expect(formatTimeRange(at("2026-03-29T00:30:00Z"), at("2026-03-29T01:30:00Z"), "Europe/London")).toBe(
      "Sunday, 29 March 2026, 00:30–02:30 (Europe/London, GMT → BST)",
    );
  });
});

describe("zone names", () => {
  it("takes a real abbreviation from either English locale, else the offset", () => {
    expect(zoneLabel("Europe/Berlin", "en-US", at("2026-07-01T12:00:00Z"))).toBe("Europe/Berlin, CEST");
    expect(zoneLabel("Asia/Calcutta", "en-GB", at("2026-07-01T12:00:00Z"))).toBe("Asia/Kolkata, GMT+5:30");
    expect(zoneLabel("America/Los_Angeles", "en-GB", at("2026-07-01T12:00:00Z"))).toBe("America/Los_Angeles, PDT");
    expect(zoneLabel("Asia/Kolkata", "en-GB", at("2026-07-01T12:00:00Z"))).toBe("Asia/Kolkata, GMT+5:30");
    expect(zoneLabel("UTC", "en-GB", at("2026-07-01T12:00:00Z"))).toBe("UTC");
  });

  it("falls back to UTC, and says so, for a zone this runtime does not know", () => {
    expect(usableTimeZone("Mars/Olympus_Mons")).toBe("UTC");
    expect(usableTimeZone("Europe/Paris")).toBe("Europe/Paris");
    expect(formatInstant(at("2026-12-01T14:00:00Z"), "Mars/Olympus_Mons")).toBe("Tuesday, 1 December 2026 at 14:00 (UTC)");
  });

  it("fits a subject line", () => {
    expect(formatInstantShort(at("2026-12-01T14:00:00Z"), "America/New_York")).toBe("1 Dec 2026, 09:00 EST");
    expect(formatInstantShort(at("2026-12-01T14:00:00Z"), "America/New_York", "en-US")).toBe("Dec 1, 2026, 9:00 AM EST");
  });
});
