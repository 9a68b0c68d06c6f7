import { describe, expect, it } from "vitest";
import { EMPTY_LEAD_FUNNEL, leadFunnelRates, rateOf } from "./lead-funnel.js";

describe("lead funnel rates", () => {
  it("rates each stage against the one before, 4 decimals", () => {
    expect(leadFunnelRates({ sent: 3, delivered: 3, replied: 2, interested: 1, booked: 1, showed: 1, noShow: 0, cancelled: 4 })).toEqual({
      delivery: 1,
      reply: 0.6667,
      interest: 0.5,
      booking: 1,
      show: 1,
      showedPerSent: 0.3333,
    });
  });

  it("has no rate over an empty stage", () => {
    expect(leadFunnelRates(EMPTY_LEAD_FUNNEL)).toEqual({ delivery: null, reply: null, interest: null, booking: null, show: null, showedPerSent: null });
    expect(rateOf(0, 7)).toBe(0);
    expect(rateOf(2, 3)).toBe(0.6667);
  });
});
