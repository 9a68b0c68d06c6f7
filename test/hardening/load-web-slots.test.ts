// The booking page follows a paged slots answer (nextFrom) to the end of its window.
import { describe, expect, it } from "vitest";
import { fetchAllSlots, type SlotWindowText } from "../../web/src/public/slot-pages.js";

const slot = (start: string) => ({ start, end: start });

describe("fetchAllSlots", () => {
  it("joins pages until the answer is no longer truncated, merging a date split across pages", async () => {
    const asked: SlotWindowText[] = [];
    const pages = [
      { timeZone: "UTC", durationMin: 5, days: [{ date: "2026-12-01", slots: [slot("2026-12-01T10:00:00.000Z")] }], truncated: true, nextFrom: "2026-12-01T10:05:00.000Z" },
      { timeZone: "UTC", durationMin: 5, days: [{ date: "2026-12-01", slots: [slot("2026-12-01T10:05:00.000Z")] }, { date: "2026-12-02", slots: [slot("2026-12-02T00:00:00.000Z")] }], truncated: true, nextFrom: "2026-12-02T00:05:00.000Z" },
      { timeZone: "UTC", durationMin: 5, days: [{ date: "2026-12-03", slots: [slot("2026-12-03T00:00:00.000Z")] }], truncated: false, nextFrom: null },
    ];
    const view = await fetchAllSlots(async (window) => {
      asked.push(window);
      return pages[asked.length - 1]!;
    }, { from: "2026-11-30T00:00:00.000Z", to: "2027-01-02T00:00:00.000Z" });
    expect(asked.map((window) => window.from)).toEqual(["2026-11-30T00:00:00.000Z", "2026-12-01T10:05:00.000Z", "2026-12-02T00:05:00.000Z"]);
    expect(asked.every((window) => window.to === "2027-01-02T00:00:00.000Z")).toBe(true);
    expect(view.days).toEqual([
      { date: "2026-12-01", slots: [slot("2026-12-01T10:00:00.000Z"), slot("2026-12-01T10:05:00.000Z")] },
      { date: "2026-12-02", slots: [slot("2026-12-02T00:00:00.000Z")] },
      { date: "2026-12-03", slots: [slot("2026-12-03T00:00:00.000Z")] },
    ]);
  });

  it("asks once when the answer is whole", async () => {
    let calls = 0;
    const whole = { timeZone: "UTC", durationMin: 5, days: [], truncated: false, nextFrom: null };
    await fetchAllSlots(async () => (calls++, whole), { from: "2026-11-30T00:00:00.000Z", to: "2027-01-02T00:00:00.000Z" });
    expect(calls).toBe(1);
  });
});
