import { describe, expect, it } from "vitest";
import { isConveneError } from "../errors.js";
import { groupSlotsByLocalDate } from "./present.js";

const utc = (iso: string): number => Date.parse(iso);

describe("groupSlotsByLocalDate", () => {
  it("groups by the viewer's local date, keeping every slot", () => {
    const slots = [utc("2026-03-02T22:00:00Z"), utc("2026-03-02T23:30:00Z"), utc("2026-03-03T00:30:00Z")];
    expect(groupSlotsByLocalDate(slots, 30, "Europe/London").map((g) => [g.date, g.slots.length])).toEqual([
      ["2026-03-02", 2],
      ["2026-03-03", 1],
    ]);
    const tokyo = groupSlotsByLocalDate(slots, 30, "Asia/Tokyo");
    expect(tokyo).toEqual([
      {
        date: "2026-03-03",
        slots: slots.map((startMs) => ({ startMs, endMs: startMs + 30 * 60_000 })),
      },
    ]);
  });

  it("sorts dates even where clocks fall back across midnight (Santiago, 2026-04-04/05)", () => {
    // 02:30Z is 23:30 on the 4th (−03:00); 03:00Z is 23:00 on the 4th again (−04:00); 04:00Z is 00:00 on the 5th.
    const slots = [utc("2026-04-05T02:30:00Z"), utc("2026-04-05T03:00:00Z"), utc("2026-04-05T04:00:00Z")];
    expect(groupSlotsByLocalDate(slots, 30, "America/Santiago").map((g) => [g.date, g.slots.length])).toEqual([
      ["2026-04-04", 2],
      ["2026-04-05", 1],
    ]);
  });

  it("accepts unsorted input and refuses an unknown zone", () => {
    expect(groupSlotsByLocalDate([utc("2026-03-03T10:00:00Z"), utc("2026-03-02T10:00:00Z")], 15, "UTC").map((g) => g.date)).toEqual(["2026-03-02", "2026-03-03"]);
    expect(groupSlotsByLocalDate([], 15, "UTC")).toEqual([]);
    let code: string | undefined;
    try {
      groupSlotsByLocalDate([0], 15, "Nowhere/Land");
    } catch (error) {
      code = isConveneError(error) ? error.code : "other";
    }
    expect(code).toBe("UNKNOWN_TIME_ZONE");
  });
});
