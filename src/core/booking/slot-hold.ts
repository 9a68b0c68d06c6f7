// The rules of a slot hold: how long it lasts, whether it is still live, and
// whether a booking is for the very slot it holds. Pure: "now" is an argument.
import { ConveneError } from "../errors.js";

export const HOLD_CREATORS = ["anonymous", "user", "api_key"] as const;
export type HoldCreator = (typeof HOLD_CREATORS)[number];

/** A hold lasts 1 to 15 minutes: long enough to type a name, short enough that an abandoned page frees the time soon. */
export const MIN_HOLD_MINUTES = 1;
export const MAX_HOLD_MINUTES = 15;
export const DEFAULT_HOLD_MINUTES = 5;

export type HoldState = { expiresAtMs: number; consumedAtMs: number | null; releasedAtMs: number | null };

export type HoldStatus = "live" | "expired" | "consumed" | "released";

export function holdStatus(hold: HoldState, nowMs: number): HoldStatus {
  if (hold.consumedAtMs !== null) return "consumed";
  // Expiry first: a hold the sweep (or a booking's lazy release) freed at its expiry reads as expired, not as released by someone.
  if (hold.expiresAtMs <= nowMs) return "expired";
  return hold.releasedAtMs !== null ? "released" : "live";
}

/** The hold's length in minutes: the one asked for (owner side), else the configured default; throws outside 1–15. */
export function holdMinutes(requestedMin: number | undefined, defaultMin: number): number {
  const minutes = requestedMin ?? defaultMin;
  if (!Number.isInteger(minutes) || minutes < MIN_HOLD_MINUTES || minutes > MAX_HOLD_MINUTES) {
    throw new ConveneError("VALIDATION_FAILED", `ttlMinutes must be a whole number from ${MIN_HOLD_MINUTES} to ${MAX_HOLD_MINUTES}.`, {
      details: { errors: [{ path: "ttlMinutes", message: `from ${MIN_HOLD_MINUTES} to ${MAX_HOLD_MINUTES}` }] },
    });
  }
  return minutes;
}

/** When the hold ends: its length from now, but never after a one-time link stops being usable. */
export function holdExpiryMs(nowMs: number, minutes: number, usableUntilMs: number | null): number {
  const expiresAtMs = nowMs + minutes * 60_000;
  return usableUntilMs === null ? expiresAtMs : Math.min(expiresAtMs, usableUntilMs);
}

export type HeldSlot = { hostUserIds: string[]; startMs: number; endMs: number; linkId: string | null };

/** Throws HOLD_EXPIRED (410) or HOLD_NOT_FOUND (used or released: the token no longer holds anything). */
export function assertHoldLive(hold: HoldState, nowMs: number): void {
  const status = holdStatus(hold, nowMs);
  if (status === "expired") throw new ConveneError("HOLD_EXPIRED", "The hold on this time has expired; pick a time again.");
  if (status !== "live") throw new ConveneError("HOLD_NOT_FOUND", "This hold token no longer holds a time (it was used or released); pick a time again.");
}

/** Throws HOLD_MISMATCH when the booking is not for the slot the hold holds (time, link or hosts differ). */
export function assertSameSlot(held: HeldSlot, booked: HeldSlot): void {
  const differences: string[] = [];
  if (held.startMs !== booked.startMs || held.endMs !== booked.endMs) differences.push("time");
  if (held.linkId !== booked.linkId) differences.push("link");
  const heldHosts = [...held.hostUserIds].sort().join(",");
  if (heldHosts !== [...booked.hostUserIds].sort().join(",")) differences.push("hosts");
  if (differences.length > 0) {
    throw new ConveneError("HOLD_MISMATCH", `The hold is for another slot (its ${differences.join(", ")} differ); book the held time or hold this one.`, {
      details: { differs: differences },
    });
  }
}
