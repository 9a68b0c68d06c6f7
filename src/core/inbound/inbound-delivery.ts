// What became of a webhook delivery, as the source's delivery log shows it.
export const INBOUND_DELIVERY_OUTCOMES = ["processed", "ignored", "duplicate", "rejected", "failed"] as const;
export type InboundDeliveryOutcome = (typeof INBOUND_DELIVERY_OUTCOMES)[number];
