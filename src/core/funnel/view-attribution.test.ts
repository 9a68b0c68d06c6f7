import { describe, expect, it } from "vitest";
import { isViewOfBooking, MAX_VIEW_AGE_MS, viewIdOfPayload, viewTokenPayload } from "./view-attribution.js";

const nowMs = Date.parse("2026-06-10T12:00:00Z");
const view = { linkId: "link-a", oneTimeLinkId: null, atMs: nowMs - 60_000 };
const booking = { linkId: "link-a", oneTimeLinkId: null, nowMs };

describe("isViewOfBooking", () => {
  it("keeps a recent view of the same link", () => {
    expect(isViewOfBooking(view, booking)).toBe(true);
    expect(isViewOfBooking({ ...view, atMs: nowMs - MAX_VIEW_AGE_MS }, booking)).toBe(true);
  });

  it("ignores a view of another link, or of the link when booking through a one-time link (and the other way round)", () => {
    expect(isViewOfBooking({ ...view, linkId: "link-b" }, booking)).toBe(false);
    expect(isViewOfBooking(view, { ...booking, oneTimeLinkId: "otl-1" })).toBe(false);
    expect(isViewOfBooking({ ...view, oneTimeLinkId: "otl-1" }, booking)).toBe(false);
    expect(isViewOfBooking({ ...view, oneTimeLinkId: "otl-1" }, { ...booking, oneTimeLinkId: "otl-2" })).toBe(false);
    expect(isViewOfBooking({ ...view, oneTimeLinkId: "otl-1" }, { ...booking, oneTimeLinkId: "otl-1" })).toBe(true);
  });

  it("ignores a view older than a day, or one from the future", () => {
    expect(isViewOfBooking({ ...view, atMs: nowMs - MAX_VIEW_AGE_MS - 1 }, booking)).toBe(false);
    expect(isViewOfBooking({ ...view, atMs: nowMs + 1 }, booking)).toBe(false);
  });
});

describe("view token payload", () => {
  it("round-trips a view id", () => {
    expect(viewIdOfPayload(viewTokenPayload(1))).toBe(1);
    expect(viewIdOfPayload(viewTokenPayload(9_007_199_254_740_991))).toBe(9_007_199_254_740_991);
  });

  it("refuses what it did not write", () => {
    for (const payload of ["", "view:", "view:0", "view:-1", "view:1.5", "view:01", "view:12345678901234567", "tok_8f3a9c", "1"]) {
      expect(viewIdOfPayload(payload)).toBeNull();
    }
  });
});
