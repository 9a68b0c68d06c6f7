// One-time links: a personal, single-use way into a booking link for one
// recipient, optionally narrowed to one duration and a few owner-picked start
// times. Here: the checks on what an owner asks for, and the status a link is
// in at an instant. Pure: "now" is an argument.
import { ConveneError } from "../errors.js";
import { MS_PER_DAY } from "../time/calendar-date.js";

export const DEFAULT_ONE_TIME_LINK_LIFETIME_MS = 14 * MS_PER_DAY;
/** Longer-lived personal links are forgotten, not used; a year bounds how long a token stays a key. */
export const MAX_ONE_TIME_LINK_LIFETIME_MS = 365 * MS_PER_DAY;
export const MAX_OFFERED_SLOTS = 50;

export type OneTimeLinkStatus = "pending" | "booked" | "expired" | "revoked";

/** What the status depends on; a stored record (Dates) and plain epoch ms both fit. */
export type OneTimeLinkState = { bookingId: string | null } & ({ revokedAt: Date | null } | { revokedAtMs: number | null }) &
  ({ expiresAtMs: number } | { expiresAt: Date });

/** Booked wins over everything (the link did its job), then revoked, then expired. */
export function oneTimeLinkStatus(state: OneTimeLinkState, nowMs: number): OneTimeLinkStatus {
  if (state.bookingId !== null) return "booked";
  const isRevoked = "revokedAtMs" in state ? state.revokedAtMs !== null : state.revokedAt !== null;
  if (isRevoked) return "revoked";
  const expiresAtMs = "expiresAtMs" in state ? state.expiresAtMs : state.expiresAt.getTime();
  return nowMs >= expiresAtMs ? "expired" : "pending";
}

/** For the public booking flow: throws LINK_USED, LINK_REVOKED or LINK_EXPIRED unless the link can still book. */
export function assertOneTimeLinkBookable(state: OneTimeLinkState, nowMs: number): void {
  switch (oneTimeLinkStatus(state, nowMs)) {
    case "booked":
      throw new ConveneError("LINK_USED", "This personal booking link was already used; ask for a new one.");
    case "revoked":
      throw new ConveneError("LINK_REVOKED", "This personal booking link was withdrawn; ask for a new one.");
    case "expired":
      throw new ConveneError("LINK_EXPIRED", "This personal booking link has expired; ask for a new one.");
    case "pending":
      return;
  }
}

/** Throws ONE_TIME_LINK_BOOKED for a booked link: its booking is what to cancel; revoking would change nothing. */
export function assertOneTimeLinkRevocable(state: { bookingId: string | null }): void {
  if (state.bookingId !== null) {
    throw new ConveneError("ONE_TIME_LINK_BOOKED", "This one-time link was already used for a booking; cancel the booking instead.", {
      details: { bookingId: state.bookingId },
    });
  }
}

/** Throws ONE_TIME_LINK_CLOSED (with linkStatus) unless the link can still be used, so emailing it is worth it. */
export function assertOneTimeLinkSendable(state: OneTimeLinkState, nowMs: number): void {
  const status = oneTimeLinkStatus(state, nowMs);
  if (status === "pending") return;
  const why = { booked: "was already used for a booking", revoked: "was revoked", expired: "has expired" }[status];
  throw new ConveneError("ONE_TIME_LINK_CLOSED", `This one-time link ${why}, so it was not sent; create a new one for this person.`, { details: { linkStatus: status } });
}

export type OneTimeLinkRequest = {
  durationMin: number | null;
  /** Owner-picked start instants; null: any free slot of the link. */
  slotStartsMs: number[] | null;
  /** Null: DEFAULT_ONE_TIME_LINK_LIFETIME_MS from now. */
  expiresAtMs: number | null;
};

export type OneTimeLinkPlan = { durationMin: number | null; slotStartsMs: number[] | null; expiresAtMs: number };

/**
 * Checks what an owner asks for against the booking link and "now", and fills
 * the default expiry. Offered slots come back sorted. Whether a slot is still
 * free is not asked here: the booking flow checks that when the invitee books.
 * Throws INVALID_ONE_TIME_LINK listing every problem.
 */
export function planOneTimeLink(request: OneTimeLinkRequest, link: { durationsMin: readonly number[] }, nowMs: number): OneTimeLinkPlan {
  const errors: { path: string; message: string }[] = [];
  const check = (isValid: boolean, path: string, message: string) => {
    if (!isValid) errors.push({ path, message });
  };
  if (request.durationMin !== null) {
    check(link.durationsMin.includes(request.durationMin), "durationMin", `must be one of the link's durations: ${link.durationsMin.join(", ")} minutes`);
  }
  const expiresAtMs = request.expiresAtMs ?? nowMs + DEFAULT_ONE_TIME_LINK_LIFETIME_MS;
  check(expiresAtMs > nowMs, "expiresAt", "must be in the future");
  check(expiresAtMs <= nowMs + MAX_ONE_TIME_LINK_LIFETIME_MS, "expiresAt", "must be at most a year from now");
  const slots = request.slotStartsMs;
  if (slots !== null) {
    check(slots.length >= 1 && slots.length <= MAX_OFFERED_SLOTS, "slots", `offer 1 to ${MAX_OFFERED_SLOTS} start times, or leave slots out to offer any free time`);
    const seen = new Set<number>();
    slots.forEach((startMs, i) => {
      check(Number.isFinite(startMs) && startMs > nowMs, `slots.${i}`, "must be in the future");
      check(!seen.has(startMs), `slots.${i}`, "repeats an earlier start time");
      seen.add(startMs);
    });
  }
  if (errors.length > 0) {
    throw new ConveneError("INVALID_ONE_TIME_LINK", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { details: { errors } });
  }
  return { durationMin: request.durationMin, slotStartsMs: slots === null ? null : [...slots].sort((a, b) => a - b), expiresAtMs };
}
