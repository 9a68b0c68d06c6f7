// Weekly hours: "HH:mm" rules → for each weekday, the working spans of a local
// day as a flat list of [startMin, endMin) pairs (0–1440).
import { ConveneError } from "../errors.js";
import { MINUTES_PER_DAY } from "../time/calendar-date.js";
import type { WallSpan, WeeklyHoursRule } from "./types.js";

/**
 * Minutes after local midnight, [start0, end0, start1, end1, …], each end after
 * its start, sorted by start — but deliberately NOT merged: each span becomes
 * instants on its own and only the instants are unioned, because a DST gap can
 * reorder wall times (New York 02:30 becomes 03:30, after 03:00), so a union
 * taken on the wall clock would differ from the union of the spans' instants.
 */
export type DayPlan = readonly number[];

/** Drops spans whose end is not after their start (as the contract says) and sorts the rest, for a stable order. */
const NO_SPANS: DayPlan = [];

function toDayPlan(minutes: readonly number[]): DayPlan {
  // The usual day has none or one span: no sorting needed.
  if (minutes.length === 0) return NO_SPANS;
  if (minutes.length === 2) return minutes[1]! > minutes[0]! ? [minutes[0]!, minutes[1]!] : NO_SPANS;
  const spans: [number, number][] = [];
  for (let i = 0; i < minutes.length; i += 2) if (minutes[i + 1]! > minutes[i]!) spans.push([minutes[i]!, minutes[i + 1]!]);
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return spans.flat();
}

/** Two day plans as one (several overrides of a date add up). */
export function combineDayPlans(a: DayPlan, b: DayPlan): DayPlan {
  return toDayPlan([...a, ...b]);
}

const CLOCK_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of "HH:mm" (00:00–23:59, and "24:00" where an end is read); throws INVALID_RULES. */
export function parseClockMinutes(text: string, isEnd: boolean, where: string): number {
  if (isEnd && text === "24:00") return MINUTES_PER_DAY;
  const match = typeof text === "string" ? CLOCK_PATTERN.exec(text) : null;
  if (match === null) {
    throw new ConveneError(
      "INVALID_RULES",
      `${where}: ${JSON.stringify(text)} is not a time of day "HH:mm"${isEnd ? ' (00:00–24:00)' : " (00:00–23:59)"}`,
      { details: { where, value: text } },
    );
  }
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Wall spans → a day plan. */
export function compileWallSpans(spans: readonly WallSpan[], where: string): DayPlan {
  if (!Array.isArray(spans)) {
    throw new ConveneError("INVALID_RULES", `${where}: intervals must be a list`, { details: { where } });
  }
  const minutes: number[] = [];
  spans.forEach((span, i) => {
    minutes.push(parseClockMinutes(span?.start, false, `${where}[${i}].start`), parseClockMinutes(span?.end, true, `${where}[${i}].end`));
  });
  return toDayPlan(minutes);
}

/** Day plans for Sunday (0) … Saturday (6). Several rules may cover one day; their instants are unioned later. */
export function compileWeeklyHours(rules: readonly WeeklyHoursRule[], where = "weeklyHours"): DayPlan[] {
  if (!Array.isArray(rules)) {
    throw new ConveneError("INVALID_RULES", `${where} must be a list of {days, start, end}`, { details: { where } });
  }
  const minutesByWeekday: number[][] = [[], [], [], [], [], [], []];
  rules.forEach((rule, i) => {
    const startMin = parseClockMinutes(rule?.start, false, `${where}[${i}].start`);
    const endMin = parseClockMinutes(rule?.end, true, `${where}[${i}].end`);
    if (!Array.isArray(rule.days)) {
      throw new ConveneError("INVALID_RULES", `${where}[${i}].days must be a list of weekdays 0–6`, { details: { where } });
    }
    for (const weekday of rule.days) {
      if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) {
        throw new ConveneError("INVALID_RULES", `${where}[${i}].days: ${JSON.stringify(weekday)} is not a weekday 0 (Sunday) – 6 (Saturday)`, {
          details: { where, value: weekday },
        });
      }
      minutesByWeekday[weekday]!.push(startMin, endMin);
    }
  });
  return minutesByWeekday.map(toDayPlan);
}
