import { describe, expect, it } from "vitest";
import { isConveneError } from "../errors.js";
import { explainInstant, freeHostsAt } from "./explain.js";
import { nyHost as host, nyQuery, utc } from "./slot-query.fixture.js";
import type { SlotQuery } from "./types.js";

const range = (startIso: string, endIso: string) => ({ startMs: utc(startIso), endMs: utc(endIso) });

function query(overrides: Partial<SlotQuery> = {}): SlotQuery {
  return nyQuery({
    nowMs: utc("2026-03-01T12:00:00Z"),
    windowEndMs: utc("2026-03-14T05:00:00Z"),
    minNoticeMin: 60,
    bufferBeforeMin: 10,
    bufferAfterMin: 10,
    maxDaysAhead: 10,
    ...overrides,
  });
}

function reasonAt(q: SlotQuery, iso: string): string {
  const explanation = explainInstant(q, utc(iso));
  return explanation.bookable ? "BOOKABLE" : explanation.reason;
}

describe("explainInstant", () => {
  it("says bookable, with the hosts, for a slot", () => {
    expect(explainInstant(query(), utc("2026-03-02T14:00:00Z"))).toMatchObject({ bookable: true, hostIds: [1] });
  });

  it("names each policy reason", () => {
    expect(reasonAt(query({ nowMs: utc("2026-03-02T13:30:00Z") }), "2026-03-02T14:00:00Z")).toBe("TOO_SOON");
    expect(reasonAt(query(), "2026-03-11T14:00:00Z")).toBe("BEYOND_WINDOW"); // now + 10 days = Mar 11 12:00Z
    expect(reasonAt(query(), "2026-03-01T14:00:00Z")).toBe("OUTSIDE_WINDOW");
    expect(reasonAt(query({ maxDaysAhead: undefined }), "2026-03-13T20:00:00Z")).toBe("BOOKABLE"); // 16:00 EDT
    expect(reasonAt(query({ maxDaysAhead: undefined }), "2026-03-14T04:45:00Z")).toBe("OUTSIDE_WINDOW"); // would end after the window
    expect(reasonAt(query(), "2026-03-02T14:15:00Z")).toBe("OFF_GRID");
    expect(reasonAt(query(), "2026-03-02T14:00:30Z")).toBe("OFF_GRID");
  });

  it("names each host reason", () => {
    const q = query({
      hosts: [
        host({
          holidays: ["2026-03-03"],
          busy: [range("2026-03-04T15:00:00Z", "2026-03-04T16:00:00Z")],
          bookings: [range("2026-03-05T14:00:00Z", "2026-03-05T14:30:00Z"), range("2026-03-09T14:00:00Z", "2026-03-09T14:30:00Z"), range("2026-03-10T14:00:00Z", "2026-03-10T14:30:00Z")],
        }),
      ],
      maxPerDay: 1,
      maxPerWeek: 2,
    });
    expect(reasonAt(q, "2026-03-02T13:00:00Z")).toBe("OUTSIDE_HOURS"); // 08:00 local
    expect(reasonAt(q, "2026-03-02T21:30:00Z")).toBe("BOOKABLE"); // 16:30–17:00 fits; buffers may run past the hours
    expect(reasonAt(q, "2026-03-02T22:00:00Z")).toBe("OUTSIDE_HOURS"); // 17:00
    expect(reasonAt(q, "2026-03-03T14:00:00Z")).toBe("HOLIDAY");
    expect(reasonAt(q, "2026-03-04T15:30:00Z")).toBe("BUSY");
    expect(reasonAt(q, "2026-03-04T14:30:00Z")).toBe("BUFFER"); // ends 15:00, the after-buffer reaches into the busy hour
    expect(reasonAt(q, "2026-03-04T16:00:00Z")).toBe("BUFFER"); // before-buffer reaches back into it
    expect(reasonAt(q, "2026-03-05T14:00:00Z")).toBe("BUSY"); // a booking is busy too
    expect(reasonAt(q, "2026-03-05T18:00:00Z")).toBe("DAY_LIMIT");
    expect(reasonAt(q, "2026-03-11T18:00:00Z")).toBe("BEYOND_WINDOW");
    expect(reasonAt({ ...q, maxDaysAhead: undefined }, "2026-03-11T18:00:00Z")).toBe("WEEK_LIMIT");
  });

  it("says which host blocks a collective slot", () => {
    const q = query({
      mode: "collective",
      hosts: [host({ hostId: "ana" }), host({ hostId: "bo", busy: [range("2026-03-02T14:00:00Z", "2026-03-02T15:00:00Z")] }), host({ hostId: "cy", timeZone: "Europe/London" })],
    });
    const explanation = explainInstant(q, utc("2026-03-02T14:00:00Z"));
    expect(explanation).toMatchObject({ bookable: false, reason: "BUSY", hostId: "bo" });
    if (!explanation.bookable) expect(explanation.blockedHosts.map((v) => v.hostId)).toEqual(["bo"]);
    const evening = explainInstant(q, utc("2026-03-02T18:00:00Z"));
    expect(evening).toMatchObject({ bookable: false, reason: "OUTSIDE_HOURS", hostId: "cy" });
  });

  it("for round-robin, reports the host that came closest when none is free", () => {
    const q = query({
      mode: "round_robin",
      hosts: [host({ hostId: 1, timeZone: "Europe/London" }), host({ hostId: 2, busy: [range("2026-03-02T18:00:00Z", "2026-03-02T18:35:00Z")] })],
    });
    // At 18:00Z London's day is over (OUTSIDE_HOURS); host 2 works then but is busy (BUSY), which is closer to bookable.
    const blocked = explainInstant(q, utc("2026-03-02T18:00:00Z"));
    expect(blocked).toMatchObject({ bookable: false, reason: "BUSY", hostId: 2 });
    if (!blocked.bookable) expect(blocked.blockedHosts.map((v) => v.reason)).toEqual(["OUTSIDE_HOURS", "BUSY"]);
    expect(explainInstant(q, utc("2026-03-02T18:30:00Z"))).toMatchObject({ bookable: false, reason: "BUSY", hostId: 2 });
    expect(explainInstant(q, utc("2026-03-02T19:00:00Z"))).toMatchObject({ bookable: true, hostIds: [2] });
    expect(explainInstant(q, utc("2026-03-02T15:00:00Z"))).toMatchObject({ bookable: true, hostIds: [1, 2] });
    expect(freeHostsAt(q, utc("2026-03-02T10:00:00Z"))).toEqual([1]);
    expect(freeHostsAt(q, utc("2026-03-02T10:15:00Z"))).toEqual([]); // off the grid: nobody
  });

  it("refuses a non-finite instant", () => {
    let code: string | undefined;
    try {
      explainInstant(query(), Number.NaN);
    } catch (error) {
      code = isConveneError(error) ? error.code : "other";
    }
    expect(code).toBe("VALIDATION_FAILED");
  });
});
