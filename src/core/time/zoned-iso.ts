// An instant as ISO 8601 wall time with its offset in a zone ("2026-12-01T23:00:00+09:00"):
// what a person in that zone reads, still an exact instant a program can parse back.
import { formatIsoInstant } from "./iso-instant.js";
import { offsetAtMs } from "./zone.js";

function offsetText(offsetMs: number): string {
  const sign = offsetMs < 0 ? "-" : "+";
  const totalMin = Math.round(Math.abs(offsetMs) / 60_000);
  return `${sign}${String(Math.floor(totalMin / 60)).padStart(2, "0")}:${String(totalMin % 60).padStart(2, "0")}`;
}

/** Seconds precision (no milliseconds): meetings start on minutes. */
export function formatZonedIso(epochMs: number, zone: string): string {
  const offsetMs = offsetAtMs(zone, epochMs);
  // The wall time is the instant shifted by the offset, printed as if it were UTC.
  return `${formatIsoInstant(epochMs + offsetMs).slice(0, 19)}${offsetText(offsetMs)}`;
}
