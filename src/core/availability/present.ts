// Presentation: slots grouped by local date in the viewer's zone. Grouping
// only labels slots; it never adds, drops or moves one.
import { formatIsoDate, MS_PER_MINUTE } from "../time/calendar-date.js";
import { assertTimeZone, ZoneTimeline } from "../time/zone.js";

export type SlotSpanMs = { startMs: number; endMs: number };
export type SlotsOnDate = { date: string; slots: SlotSpanMs[] };

/**
 * Slots by the viewer's local date of their start, dates ascending, slots in
 * time order within a date. (Where clocks fall back across midnight, a date's
 * slots may be interleaved in time with the previous date's; each slot still
 * appears exactly once.)
 */
export function groupSlotsByLocalDate(slotStartsMs: readonly number[], durationMin: number, viewerTimeZone: string): SlotsOnDate[] {
  assertTimeZone(viewerTimeZone);
  if (slotStartsMs.length === 0) return [];
  const sortedStartsMs = [...slotStartsMs].sort((a, b) => a - b);
  const timeline = new ZoneTimeline(viewerTimeZone, sortedStartsMs[0]!, sortedStartsMs[sortedStartsMs.length - 1]!);
  const durationMs = durationMin * MS_PER_MINUTE;
  const slotsByDay = new Map<number, SlotSpanMs[]>();
  for (const startMs of sortedStartsMs) {
    const dayNumber = timeline.localDayNumber(startMs);
    let slots = slotsByDay.get(dayNumber);
    if (slots === undefined) {
      slots = [];
      slotsByDay.set(dayNumber, slots);
    }
    slots.push({ startMs, endMs: startMs + durationMs });
  }
  return [...slotsByDay.entries()].sort(([a], [b]) => a - b).map(([dayNumber, slots]) => ({ date: formatIsoDate(dayNumber), slots }));
}
