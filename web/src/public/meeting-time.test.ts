// The meeting's time range in the viewer's zone and language, and the day it ends.
import { describe, expect, it } from "vitest";
import { de } from "./i18n/de";
import { en } from "./i18n/en";
import { es } from "./i18n/es";
import { fr } from "./i18n/fr";
import { daysLater, timeRange, whenText } from "./meeting-time";

// 22:30–23:00 UTC: 23:30–00:00 in Berlin (winter), 07:30–08:00 in Tokyo.
const START = "2026-11-24T22:30:00.000Z";
const END = "2026-11-24T23:00:00.000Z";

describe("daysLater", () => {
  it("counts the calendar days between start and end in the zone", () => {
    expect(daysLater(START, END, "Europe/Berlin")).toBe(1);
    expect(daysLater(START, END, "Asia/Tokyo")).toBe(0);
    expect(daysLater(START, END, "UTC")).toBe(0);
    expect(daysLater("2026-11-24T10:00:00.000Z", "2026-11-26T09:00:00.000Z", "UTC")).toBe(2);
  });

  it("counts across a DST change by dates, not by 24-hour blocks", () => {
    // Berlin leaves summer time on 25 October 2026: 23:30 on the 24th to 00:30 on the 25th.
    expect(daysLater("2026-10-24T21:30:00.000Z", "2026-10-24T22:30:00.000Z", "Europe/Berlin")).toBe(1);
  });
});

describe("timeRange", () => {
  it("says when a meeting ends the next day in the viewer's zone, in their language", () => {
    expect(timeRange(START, END, "Europe/Berlin", "en-GB", en)).toBe("23:30 – 00:00 (next day)");
    expect(timeRange(START, END, "Europe/Berlin", "fr", fr)).toBe("23:30 – 00:00 (le lendemain)");
    expect(timeRange(START, END, "Europe/Berlin", "de", de)).toBe("23:30 – 00:00 (am nächsten Tag)");
    expect(timeRange(START, END, "Europe/Berlin", "es", es)).toBe("23:30 – 0:00 (día siguiente)");
  });

  it("says nothing more where the meeting stays within one day", () => {
    expect(timeRange(START, END, "Asia/Tokyo", "en-GB", en)).toBe("07:30 – 08:00");
    expect(timeRange(START, END, "America/New_York", "en-US", en)).toBe("5:30 PM – 6:00 PM");
  });

  it("counts longer spans", () => {
    expect(timeRange("2026-11-24T10:00:00.000Z", "2026-11-26T09:00:00.000Z", "UTC", "en-GB", en)).toBe("10:00 – 09:00 (+2 days)");
  });
});

describe("whenText", () => {
  it("writes the date in the page's language", () => {
    expect(whenText(START, END, "Europe/Berlin", "fr", fr)).toBe("mardi 24 novembre 2026, 23:30 – 00:00 (le lendemain)");
    expect(whenText(START, END, "Asia/Tokyo", "de", de)).toBe("Mittwoch, 25. November 2026, 07:30 – 08:00");
  });
});
