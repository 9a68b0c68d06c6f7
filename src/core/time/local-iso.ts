// An instant written as the wall time of a zone with its offset
// ("2026-12-07T09:00:00-05:00"), for answers that show times in the asker's zone.
import { dateTimeFieldsOf, MS_PER_MINUTE } from "./calendar-date.js";
import { offsetAtMs } from "./zone.js";

const two = (n: number) => String(n).padStart(2, "0");

export function formatLocalIso(zone: string, epochMs: number): string {
  const offsetMs = offsetAtMs(zone, epochMs);
  const { year, month, day, hour, minute, second } = dateTimeFieldsOf(epochMs + offsetMs);
  const offsetMin = Math.round(Math.abs(offsetMs) / MS_PER_MINUTE);
  const sign = offsetMs < 0 ? "-" : "+";
  return `${String(year).padStart(4, "0")}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${sign}${two(Math.floor(offsetMin / 60))}:${two(offsetMin % 60)}`;
}
