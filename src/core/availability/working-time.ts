// Working time: a host's rules turned into instants — for each local date, each
// of that date's wall-clock spans converted in the host's zone (gap → forward,
// overlap → earlier), then all unioned, so touching spans join across midnight.
// A span whose instants come out empty or reversed (both ends in or around a
// gap) covers nothing.
import { MS_PER_DAY, MS_PER_MINUTE } from "../time/calendar-date.js";
import { clip, normalize, type IntervalList } from "../time/interval.js";
import type { ZoneTimeline } from "../time/zone.js";
import { dayPlanFor, type HostRules } from "./overrides.js";

/**
 * Dates looked at beyond the span on each side. A date's spans land between
 * 14 h before its UTC day (UTC+14) and a day and a half after it (UTC−12 plus
 * up to a whole skipped day, as Pacific/Apia on 2011-12-30), so three days
 * before and two after cover every zone.
 */
const MARGIN_DAYS_BEFORE = 3;
const MARGIN_DAYS_AFTER = 2;

/** The timeline a host's zone needs to answer workingTimeMs over [fromMs, toMs]. */
export function timelineSpanForWorkingTime(fromMs: number, toMs: number): { fromMs: number; toMs: number } {
  return { fromMs: fromMs - (MARGIN_DAYS_BEFORE + 2) * MS_PER_DAY, toMs: toMs + (MARGIN_DAYS_AFTER + 2) * MS_PER_DAY };
}

/** The host's working time inside [fromMs, toMs), normalized. isHolidayIgnored answers "would it be working time but for holidays?". */
export function workingTimeMs(rules: HostRules, timeline: ZoneTimeline, fromMs: number, toMs: number, isHolidayIgnored = false): IntervalList {
  const firstDay = Math.floor(fromMs / MS_PER_DAY) - MARGIN_DAYS_BEFORE;
  const lastDay = Math.floor(toMs / MS_PER_DAY) + MARGIN_DAYS_AFTER;
  const spans: IntervalList = [];
  for (let dayNumber = firstDay; dayNumber <= lastDay; dayNumber++) {
    const plan = dayPlanFor(rules, dayNumber, isHolidayIgnored);
    const dayWallMs = dayNumber * MS_PER_DAY;
    for (let i = 0; i < plan.length; i += 2) {
      const startMs = timeline.wallToInstantMs(dayWallMs + plan[i]! * MS_PER_MINUTE);
      const endMs = timeline.wallToInstantMs(dayWallMs + plan[i + 1]! * MS_PER_MINUTE);
      if (endMs > startMs && endMs > fromMs && startMs < toMs) spans.push(startMs, endMs);
    }
  }
  return clip(normalize(spans), fromMs, toMs);
}
