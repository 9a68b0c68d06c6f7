// A host's whole calendar of rules: weekly hours, date overrides (replace a
// local date's hours; none = day off) and holidays (no hours; beat overrides),
// compiled once per query into lookups by local day number.
import { ConveneError } from "../errors.js";
import { parseIsoDate, weekdayOfDayNumber } from "../time/calendar-date.js";
import type { HostAvailability } from "./types.js";
import { combineDayPlans, compileWallSpans, compileWeeklyHours, type DayPlan } from "./weekly-hours.js";

export type HostRules = {
  weekly: readonly DayPlan[];
  overridesByDay: ReadonlyMap<number, DayPlan>;
  holidayDays: ReadonlySet<number>;
};

const NO_HOURS: DayPlan = [];

function parseRuleDate(text: unknown, where: string): number {
  const dayNumber = typeof text === "string" ? parseIsoDate(text) : undefined;
  if (dayNumber === undefined) {
    throw new ConveneError("INVALID_RULES", `${where}: ${JSON.stringify(text)} is not a date "YYYY-MM-DD"`, { details: { where, value: text } });
  }
  return dayNumber;
}

export function compileHostRules(host: Pick<HostAvailability, "weeklyHours" | "dateOverrides" | "holidays">, where = "host"): HostRules {
  const weekly = compileWeeklyHours(host.weeklyHours, `${where}.weeklyHours`);
  const overridesByDay = new Map<number, DayPlan>();
  (host.dateOverrides ?? []).forEach((override, i) => {
    const at = `${where}.dateOverrides[${i}]`;
    const dayNumber = parseRuleDate(override?.date, `${at}.date`);
    const plan = compileWallSpans(override.intervals, `${at}.intervals`);
    // Two overrides of one date: their hours add up, so input order never matters.
    const earlier = overridesByDay.get(dayNumber);
    overridesByDay.set(dayNumber, earlier === undefined ? plan : combineDayPlans(earlier, plan));
  });
  const holidayDays = new Set<number>();
  (host.holidays ?? []).forEach((date, i) => holidayDays.add(parseRuleDate(date, `${where}.holidays[${i}]`)));
  return { weekly, overridesByDay, holidayDays };
}

/** The working minutes of one local date: none on a holiday, the override's where there is one, else the weekday's. */
export function dayPlanFor(rules: HostRules, dayNumber: number, isHolidayIgnored = false): DayPlan {
  if (!isHolidayIgnored && rules.holidayDays.size > 0 && rules.holidayDays.has(dayNumber)) return NO_HOURS;
  if (rules.overridesByDay.size > 0) {
    const override = rules.overridesByDay.get(dayNumber);
    if (override !== undefined) return override;
  }
  return rules.weekly[weekdayOfDayNumber(dayNumber)]!;
}
