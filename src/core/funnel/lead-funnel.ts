// The lead funnel: how many distinct leads reached each stage from the first
// email to a meeting that happened, and the rate from each stage to the next.
// Counting is the database's (use-cases/ports/lead-funnel.ts); rating is here. Pure.

/** Counted as distinct leads in the window: outreach stages by their events' times, booked by the booking's creation. */
export type LeadFunnelCounts = {
  sent: number;
  delivered: number;
  /** Leads that replied, said interested or not interested: each of those is a reply. */
  replied: number;
  interested: number;
  /** Leads with a matched booking made in the window whose latest booking is not cancelled: booking, cancelling and rebooking counts once. */
  booked: number;
  /** Of the booked, those whose latest booking was attended; noShow: missed; cancelled: leads whose latest matched booking made in the window is cancelled. */
  showed: number;
  noShow: number;
  cancelled: number;
};

export const LEAD_FUNNEL_STAGES = ["sent", "delivered", "replied", "interested", "booked", "showed"] as const;
export type LeadFunnelStage = (typeof LEAD_FUNNEL_STAGES)[number];

export type LeadFunnelRates = {
  delivery: number | null;
  reply: number | null;
  interest: number | null;
  booking: number | null;
  show: number | null;
  showedPerSent: number | null;
};

export const EMPTY_LEAD_FUNNEL: LeadFunnelCounts = { sent: 0, delivered: 0, replied: 0, interested: 0, booked: 0, showed: 0, noShow: 0, cancelled: 0 };

/** 4 decimals; null when nothing reached the earlier stage (no rate rather than a made-up 0). */
export function rateOf(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}

export function leadFunnelRates(counts: LeadFunnelCounts): LeadFunnelRates {
  return {
    delivery: rateOf(counts.delivered, counts.sent),
    reply: rateOf(counts.replied, counts.delivered),
    interest: rateOf(counts.interested, counts.replied),
    booking: rateOf(counts.booked, counts.interested),
    show: rateOf(counts.showed, counts.booked),
    showedPerSent: rateOf(counts.showed, counts.sent),
  };
}
