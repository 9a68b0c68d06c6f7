// A booking link's rules, checked once when they are saved, and turned into
// the availability engine's question for a window. Pure: "now" is an argument.
import { ConveneError } from "../errors.js";
import { MAX_HOST_PRIORITY, MAX_HOST_WEIGHT, type HostHoursSource, type LinkHostSetting } from "./link-options.js";
import type { BookingMs, DateOverride, HostAvailability, SlotMode, SlotQuery, WeeklyHoursRule } from "../availability/types.js";
import { MS_PER_DAY, parseIsoDate } from "../time/calendar-date.js";
import type { TimeRangeMs } from "../time/interval.js";
import { assertTimeZone, localMidnightMs } from "../time/zone.js";

export const MIN_DURATION_MIN = 5;
export const MAX_DURATION_MIN = 12 * 60;
export const MAX_NOTICE_MIN = 366 * 24 * 60;
export const MAX_DAYS_AHEAD = 366;

export type LinkRules = {
  timeZone: string;
  durationsMin: number[];
  defaultDurationMin: number;
  weeklyHours: WeeklyHoursRule[];
  dateOverrides: DateOverride[];
  holidays: string[];
  bufferBeforeMin: number;
  bufferAfterMin: number;
  minNoticeMin: number;
  /** Null: the grid step is the default duration. */
  slotIntervalMin: number | null;
  maxDaysAhead: number | null;
  /** Inclusive local dates in timeZone; either may be null (open-ended). */
  rangeStartDate: string | null;
  rangeEndDate: string | null;
  maxPerDay: number | null;
  maxPerWeek: number | null;
  hostMode: SlotMode;
  hostUserIds: string[];
  /** Round-robin weight and priority per host; hosts not listed have weight 1 and priority 0. */
  hostSettings: LinkHostSetting[];
  /** "host": each host's own weekly hours (in their zone) where they have set them, else the link's. */
  hostHours: HostHoursSource;
};

const WALL_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

type FieldError = { path: string; message: string };

/** Throws INVALID_RULES listing every problem, or UNKNOWN_TIME_ZONE. */
export function validateLinkRules(rules: LinkRules): void {
  assertTimeZone(rules.timeZone);
  const errors: FieldError[] = [];
  const check = (isValid: boolean, path: string, message: string) => {
    if (!isValid) errors.push({ path, message });
  };
  check(rules.durationsMin.length > 0, "durationsMin", "offer at least one duration");
  rules.durationsMin.forEach((durationMin, i) =>
    check(Number.isInteger(durationMin) && durationMin >= MIN_DURATION_MIN && durationMin <= MAX_DURATION_MIN, `durationsMin.${i}`, `must be a whole number of minutes from ${MIN_DURATION_MIN} to ${MAX_DURATION_MIN}`),
  );
  check(new Set(rules.durationsMin).size === rules.durationsMin.length, "durationsMin", "must not repeat a duration");
  check(rules.durationsMin.includes(rules.defaultDurationMin), "defaultDurationMin", "must be one of durationsMin");
  checkWeeklyHours(rules.weeklyHours, check);
  const overrideDates = new Set<string>();
  rules.dateOverrides.forEach((override, i) => {
    check(parseIsoDate(override.date) !== undefined, `dateOverrides.${i}.date`, "must be a date YYYY-MM-DD");
    check(!overrideDates.has(override.date), `dateOverrides.${i}.date`, "has another override on the same date");
    overrideDates.add(override.date);
    override.intervals.forEach((span, j) => checkSpan(span, `dateOverrides.${i}.intervals.${j}`, check));
  });
  rules.holidays.forEach((date, i) => check(parseIsoDate(date) !== undefined, `holidays.${i}`, "must be a date YYYY-MM-DD"));
  check(rules.slotIntervalMin === null || (rules.slotIntervalMin >= MIN_DURATION_MIN && rules.slotIntervalMin <= MAX_DURATION_MIN), "slotIntervalMin", `must be from ${MIN_DURATION_MIN} to ${MAX_DURATION_MIN} minutes`);
  check(rules.minNoticeMin >= 0 && rules.minNoticeMin <= MAX_NOTICE_MIN, "minNoticeMin", "must be from 0 to a year");
  check(rules.maxDaysAhead === null || (rules.maxDaysAhead >= 1 && rules.maxDaysAhead <= MAX_DAYS_AHEAD), "maxDaysAhead", `must be from 1 to ${MAX_DAYS_AHEAD}`);
  const rangeStart = rules.rangeStartDate === null ? null : parseIsoDate(rules.rangeStartDate);
  const rangeEnd = rules.rangeEndDate === null ? null : parseIsoDate(rules.rangeEndDate);
  check(rangeStart !== undefined, "rangeStartDate", "must be a date YYYY-MM-DD");
  check(rangeEnd !== undefined, "rangeEndDate", "must be a date YYYY-MM-DD");
  if (typeof rangeStart === "number" && typeof rangeEnd === "number") check(rangeStart <= rangeEnd, "rangeEndDate", "must not be before rangeStartDate");
  check(rules.hostUserIds.length > 0, "hostUserIds", "a link needs at least one host");
  check(new Set(rules.hostUserIds).size === rules.hostUserIds.length, "hostUserIds", "must not repeat a host");
  const settingHosts = new Set<string>();
  rules.hostSettings.forEach((setting, i) => {
    check(rules.hostUserIds.includes(setting.userId), `hostSettings.${i}.userId`, "is not a host of this link");
    check(!settingHosts.has(setting.userId), `hostSettings.${i}.userId`, "has another setting for the same host");
    settingHosts.add(setting.userId);
    check(Number.isInteger(setting.weight) && setting.weight >= 1 && setting.weight <= MAX_HOST_WEIGHT, `hostSettings.${i}.weight`, `must be a whole number from 1 to ${MAX_HOST_WEIGHT}`);
    check(Number.isInteger(setting.priority) && setting.priority >= 0 && setting.priority <= MAX_HOST_PRIORITY, `hostSettings.${i}.priority`, `must be a whole number from 0 to ${MAX_HOST_PRIORITY}`);
  });
  check(rules.hostMode !== "single" || rules.hostUserIds.length === 1, "hostMode", "a single-host link has exactly one host; use collective or round_robin for teams");
  if (errors.length > 0) {
    throw new ConveneError("INVALID_RULES", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { details: { errors } });
  }
}

function checkSpan(span: { start: string; end: string }, path: string, check: (isValid: boolean, path: string, message: string) => void) {
  check(WALL_TIME.test(span.start) && span.start !== "24:00", `${path}.start`, 'must be a time "HH:mm"');
  check(WALL_TIME.test(span.end), `${path}.end`, 'must be a time "HH:mm" (or "24:00")');
  check(span.end > span.start, `${path}.end`, "must be after start");
}

/** A user's own weekly hours (profile): the same rules as a link's. Throws INVALID_RULES with paths under weeklyHours. */
export function validateWeeklyHours(weeklyHours: readonly WeeklyHoursRule[]): void {
  const errors: FieldError[] = [];
  const check = (isValid: boolean, path: string, message: string) => {
    if (!isValid) errors.push({ path, message });
  };
  checkWeeklyHours(weeklyHours, check);
  if (errors.length > 0) throw new ConveneError("INVALID_RULES", errors.map((e) => `${e.path}: ${e.message}`).join("; "), { details: { errors } });
}

function checkWeeklyHours(weeklyHours: readonly WeeklyHoursRule[], check: (isValid: boolean, path: string, message: string) => void) {
  weeklyHours.forEach((rule, i) => {
    check(rule.days.length > 0 && rule.days.every((day) => Number.isInteger(day) && day >= 0 && day <= 6), `weeklyHours.${i}.days`, "days are 0 (Sunday) to 6 (Saturday)");
    checkSpan(rule, `weeklyHours.${i}`, check);
  });
}

/** The fixed date range as instants [start of first date, end of last date) in the link's zone. */
export function fixedRangeMs(rules: Pick<LinkRules, "timeZone" | "rangeStartDate" | "rangeEndDate">): TimeRangeMs {
  const startDay = rules.rangeStartDate === null ? undefined : parseIsoDate(rules.rangeStartDate);
  const endDay = rules.rangeEndDate === null ? undefined : parseIsoDate(rules.rangeEndDate);
  return {
    startMs: startDay === undefined ? Number.NEGATIVE_INFINITY : localMidnightMs(rules.timeZone, startDay),
    endMs: endDay === undefined ? Number.POSITIVE_INFINITY : localMidnightMs(rules.timeZone, endDay + 1),
  };
}

/**
 * The instant slots must start before: now + maxDaysAhead or the end of the
 * date range, whichever comes first; null when neither limits the link. Lets a
 * booking page stop paging months past the last bookable day.
 */
export function bookableUntilMs(rules: Pick<LinkRules, "timeZone" | "maxDaysAhead" | "rangeStartDate" | "rangeEndDate">, nowMs: number): number | null {
  const windowEndMs = rules.maxDaysAhead === null ? Number.POSITIVE_INFINITY : nowMs + rules.maxDaysAhead * MS_PER_DAY;
  const endMs = Math.min(windowEndMs, fixedRangeMs(rules).endMs);
  return Number.isFinite(endMs) ? endMs : null;
}

/**
 * What the engine needs to know of one host: the busy time of their Convene
 * bookings (buffers already applied) and the bookings themselves, and the
 * busy time of their own calendars (synced; absent when none are connected).
 */
export type HostLoad = {
  hostUserId: string;
  busy: TimeRangeMs[];
  bookings: BookingMs[];
  calendarBusy?: TimeRangeMs[] | undefined;
  /** The host's own weekly hours in their zone, where they set them: used when the link says hostHours "host". */
  ownHours?: { timeZone: string; weeklyHours: WeeklyHoursRule[] } | null | undefined;
};

/** A host's round-robin weight and priority on a link: their setting, or weight 1 and priority 0. */
export function hostSettingOf(rules: Pick<LinkRules, "hostSettings">, hostUserId: string): { weight: number; priority: number } {
  const setting = rules.hostSettings.find((s) => s.userId === hostUserId);
  return { weight: setting?.weight ?? 1, priority: setting?.priority ?? 0 };
}

/**
 * The hours a host is available on a link. A host's own hours replace the
 * link's weekly hours and date overrides (overrides are the link's days, in the
 * link's zone); the link's holidays still apply, read in the host's zone.
 */
function hoursOf(rules: LinkRules, host: HostLoad): Pick<HostAvailability, "timeZone" | "weeklyHours" | "dateOverrides"> {
  if (rules.hostHours === "host" && host.ownHours) return { timeZone: host.ownHours.timeZone, weeklyHours: host.ownHours.weeklyHours, dateOverrides: [] };
  return { timeZone: rules.timeZone, weeklyHours: rules.weeklyHours, dateOverrides: rules.dateOverrides };
}

/** The same loads without Convene's bookings: what was free before anyone booked through Convene. */
export function withoutBookings(hosts: HostLoad[]): HostLoad[] {
  return hosts.map((host) => ({ ...host, busy: [], bookings: [] }));
}

/** The link's grid step: its own, or its default duration. */
export function slotIntervalMinOf(rules: { slotIntervalMin: number | null; defaultDurationMin: number }): number {
  return rules.slotIntervalMin ?? rules.defaultDurationMin;
}

/**
 * The engine's question for a link over [fromMs, toMs). Bookings are passed
 * with their own buffers applied (their stored busy range), which makes what
 * the engine offers exactly what the database's exclusion constraint accepts.
 */
export function slotQueryFor(
  rules: LinkRules,
  hosts: HostLoad[],
  request: { fromMs: number; toMs: number; durationMin: number; nowMs: number },
): SlotQuery {
  const fixed = fixedRangeMs(rules);
  const windowStartMs = Math.max(request.fromMs, fixed.startMs);
  const windowEndMs = Math.max(windowStartMs, Math.min(request.toMs, fixed.endMs));
  const hostAvailability: HostAvailability[] = hosts.map((host) => ({
    hostId: host.hostUserId,
    ...hoursOf(rules, host),
    holidays: rules.holidays,
    busy: host.calendarBusy?.length ? [...host.busy, ...host.calendarBusy] : host.busy,
    bookings: host.bookings,
  }));
  return {
    mode: rules.hostMode,
    nowMs: request.nowMs,
    windowStartMs,
    windowEndMs,
    linkTimeZone: rules.timeZone,
    durationMin: request.durationMin,
    slotIntervalMin: slotIntervalMinOf(rules),
    minNoticeMin: rules.minNoticeMin,
    bufferBeforeMin: rules.bufferBeforeMin,
    bufferAfterMin: rules.bufferAfterMin,
    maxDaysAhead: rules.maxDaysAhead ?? undefined,
    maxPerDay: rules.maxPerDay ?? undefined,
    maxPerWeek: rules.maxPerWeek ?? undefined,
    hosts: hostAvailability,
  };
}
