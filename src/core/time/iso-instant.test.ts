import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isConveneError } from "../errors.js";
import { formatIsoInstant, formatIsoInstants, parseIsoInstantMs, parseIsoRangesMs } from "./iso-instant.js";

const MAX_YEAR_9999_MS = 253_402_300_799_999;

describe("parseIsoInstantMs", () => {
  it("agrees with Date.parse on UTC instants with and without milliseconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: MAX_YEAR_9999_MS }), (epochMs) => {
        const iso = new Date(epochMs).toISOString();
        expect(parseIsoInstantMs(iso)).toBe(epochMs);
        const withoutMs = `${iso.slice(0, 19)}Z`;
        expect(parseIsoInstantMs(withoutMs)).toBe(Date.parse(withoutMs));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads offsets and other ISO forms through Temporal", () => {
    expect(parseIsoInstantMs("2026-03-08T02:30:00-05:00")).toBe(Date.UTC(2026, 2, 8, 7, 30));
    expect(parseIsoInstantMs("2026-03-08T02:30:00.5+05:45")).toBe(Date.UTC(2026, 2, 7, 20, 45, 0, 500));
    expect(parseIsoInstantMs("2026-03-08 02:30:00Z")).toBe(Date.UTC(2026, 2, 8, 2, 30));
  });

  it("refuses impossible or zone-less text with VALIDATION_FAILED", () => {
    for (const bad of ["2026-02-30T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-01-01T24:00:00.000Z", "2026-01-01T10:00:00", "2026-01-0xT10:00:00.000Z", "soon", ""]) {
      let caught: unknown;
      try {
        parseIsoInstantMs(bad);
      } catch (error) {
        caught = error;
      }
      expect(isConveneError(caught) && caught.code === "VALIDATION_FAILED", bad).toBe(true);
    }
  });

  it("parses ranges into flat pairs", () => {
    expect([...parseIsoRangesMs([{ start: "1970-01-01T00:00:01.000Z", end: "1970-01-01T00:00:02Z" }])]).toEqual([1000, 2000]);
  });
});

describe("formatIsoInstant", () => {
  it("matches toISOString, alone and in lists", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -62_000_000_000_000, max: MAX_YEAR_9999_MS }), { maxLength: 20 }), (list) => {
        const expected = list.map((epochMs) => new Date(epochMs).toISOString());
        expect(list.map(formatIsoInstant)).toEqual(expected);
        expect(formatIsoInstants(list)).toEqual(expected);
      }),
    );
    const sameDay = [0, 1, 59_999, 3_600_000, 86_399_999, 86_400_000];
    expect(formatIsoInstants(sameDay)).toEqual(sameDay.map((epochMs) => new Date(epochMs).toISOString()));
    expect(formatIsoInstants([0.5])).toEqual([new Date(0.5).toISOString()]);
  });
});
