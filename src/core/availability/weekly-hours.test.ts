import { describe, expect, it } from "vitest";
import { isConveneError } from "../errors.js";
import { compileWallSpans, compileWeeklyHours, parseClockMinutes } from "./weekly-hours.js";

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isConveneError(error) ? error.code : "not a ConveneError";
  }
  return undefined;
}

describe("parseClockMinutes", () => {
  it('reads "HH:mm", and "24:00" only as an end', () => {
    expect(parseClockMinutes("00:00", false, "x")).toBe(0);
    expect(parseClockMinutes("09:30", false, "x")).toBe(570);
    expect(parseClockMinutes("23:59", true, "x")).toBe(1439);
    expect(parseClockMinutes("24:00", true, "x")).toBe(1440);
    expect(codeOf(() => parseClockMinutes("24:00", false, "x"))).toBe("INVALID_RULES");
  });

  it("refuses malformed times with INVALID_RULES", () => {
    for (const bad of ["9:00", "09:60", "25:00", "24:30", "0900", "09:00:00", "", " 09:00", "ab:cd"]) {
      expect(codeOf(() => parseClockMinutes(bad, true, "x")), bad).toBe("INVALID_RULES");
    }
    expect(codeOf(() => parseClockMinutes(undefined as unknown as string, true, "x"))).toBe("INVALID_RULES");
  });
});

describe("compileWeeklyHours", () => {
  it("keeps several spans a day, sorted and unmerged, and drops empty or reversed ones", () => {
    const plans = compileWeeklyHours([
      { days: [1, 2], start: "09:00", end: "12:00" },
      { days: [1], start: "11:00", end: "13:00" },
      { days: [1], start: "13:00", end: "14:00" },
      { days: [2], start: "15:00", end: "24:00" },
      { days: [3], start: "17:00", end: "09:00" }, // end before start: ignored
      { days: [4], start: "10:00", end: "10:00" }, // empty: ignored
    ]);
    expect(plans[1]).toEqual([540, 720, 660, 780, 780, 840]);
    expect(plans[2]).toEqual([540, 720, 900, 1440]);
    expect(plans[3]).toEqual([]);
    expect(plans[4]).toEqual([]);
    expect(plans[0]).toEqual([]);
  });

  it("refuses weekdays outside 0–6 and malformed rules", () => {
    expect(codeOf(() => compileWeeklyHours([{ days: [7], start: "09:00", end: "10:00" }]))).toBe("INVALID_RULES");
    expect(codeOf(() => compileWeeklyHours([{ days: [1.5], start: "09:00", end: "10:00" }]))).toBe("INVALID_RULES");
    expect(codeOf(() => compileWeeklyHours([{ days: [1], start: "9", end: "10:00" }]))).toBe("INVALID_RULES");
    expect(codeOf(() => compileWeeklyHours({} as never))).toBe("INVALID_RULES");
  });

  it("compiles override spans the same way", () => {
    expect(compileWallSpans([{ start: "13:00", end: "24:00" }, { start: "08:00", end: "13:00" }], "o")).toEqual([480, 780, 780, 1440]);
    expect(compileWallSpans([], "o")).toEqual([]);
  });
});
