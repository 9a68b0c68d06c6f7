// The busy time in one calendar object resource (RFC 5545 text as a CalDAV
// server or an ICS feed hands it over): a recurring master, its RECURRENCE-ID
// overrides and VTIMEZONEs in, the instants its events block over a window out.
// ical.js parses and runs the RRULE arithmetic on floating wall-clock times;
// ical-clocks.ts turns each wall time into an instant; read-events.ts salvages
// the VEVENTs of a partly broken text. Remote text is untrusted:
// nothing here throws, and the CPU one rule may take is bounded (ical.js loops
// forever on a rule no date satisfies).
import ICAL from "ical.js";
import { dateTimeFieldsOf, daysInMonth, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from "../time/calendar-date.js";
import type { TimeRangeMs } from "../time/interval.js";
import { floatingTimeOfWall, ianaClock, TzidClocks, UTC_CLOCK, wallOfTime, type Clock } from "./ical-clocks.js";
import { readEvents } from "./read-events.js";

export const DEFAULT_MAX_OCCURRENCES = 3_000;
/**
 * Candidate dates ical.js may examine, per rule and per call. It takes ~5–15 µs
 * a candidate on these machines, so one rule costs at most ~0.7 s and one call
 * ~4 s, whatever the text. Ordinary rules stay far below: a daily event needs
 * one candidate per day of the window, since the expansion starts near it.
 */
const MAX_CANDIDATES_PER_RULE = 50_000;
const MAX_CANDIDATES_PER_CALL = 300_000;
const MAX_PROBLEMS = 50;

export type BusyExpansionOptions = {
  /** Only occurrences overlapping [windowStartMs, windowEndMs) are returned. */
  windowStartMs: number;
  windowEndMs: number;
  /** IANA zone for floating times and all-day dates (the calendar's or the owner's zone). */
  defaultTimeZone: string;
  /** The owner's addresses (with or without "mailto:"): an event the owner declined does not block. */
  ownerEmails: readonly string[];
  /** Occurrences inside the window one recurring event may contribute (default DEFAULT_MAX_OCCURRENCES); past it, truncated. */
  maxOccurrences?: number;
};

export type ExpandedObject = {
  /** The UID of the object's first VEVENT (a resource has one UID; a whole ICS feed may be passed too). */
  uid: string | null;
  /** Some master has an RRULE or RDATE: expand again when the window moves. */
  recurring: boolean;
  /**
   * One interval per blocking occurrence, sorted by start then end. Not merged
   * (overlapping events stay separate) and not clipped to the window: each is
   * the occurrence's real span, so a stored interval is true whatever the window.
   */
  busy: TimeRangeMs[];
  /** A cap stopped an expansion: the occurrence cap, or the CPU bound on a rule. */
  truncated: boolean;
  /** What was skipped or guessed, for logs; empty for a clean object. */
  problems: string[];
};

/**
 * A DTSTART-like value as a wall time on its clock. "Wall ms" is the local date
 * and time as milliseconds since 1970-01-01T00:00 on that clock (zone.ts).
 * All-day dates are midnight on the default zone's clock.
 */
type When = { wallMs: number; isDate: boolean; clock: Clock };

/** How long an instance lasts: whole local days first (nominal), then exact ms (RFC 5545 §3.3.6, §3.8.5.3). */
type Length = { days: number; exactMs: number };

/** EXDATEs: exact instants, and whole local dates (an EXDATE;VALUE=DATE, also tolerated on a timed series). */
type Exclusions = { instantsMs: Set<number>; dayNumbers: Set<number> };

type Expansion = {
  windowStartMs: number;
  windowEndMs: number;
  maxOccurrences: number;
  defaultClock: Clock;
  ownerAddresses: Set<string>;
  clocks: TzidClocks;
  candidatesLeft: number;
  result: ExpandedObject;
};

class CandidateBudgetExhausted extends Error {}

/** The busy intervals of one calendar object over a window. Throws nothing: what it cannot read is in `problems`. */
export function expandBusy(ics: string, options: BusyExpansionOptions): ExpandedObject {
  const result: ExpandedObject = { uid: null, recurring: false, busy: [], truncated: false, problems: [] };
  const expansion = startExpansion(options, result);
  if (expansion === null) return result;
  try {
    const groups = new Map<string, { masters: ICAL.Component[]; overrides: ICAL.Component[] }>();
    for (const event of readEvents(ics, (message) => problem(expansion, message))) {
      const uid = textValue(event, "uid");
      if (result.uid === null && uid !== null) result.uid = uid;
      let group = groups.get(uid ?? "");
      if (group === undefined) groups.set(uid ?? "", (group = { masters: [], overrides: [] }));
      (event.hasProperty("recurrence-id") ? group.overrides : group.masters).push(event);
    }
    for (const { masters, overrides } of groups.values()) expandGroup(expansion, masters, overrides);
  } catch (error) {
    problem(expansion, `unexpected failure, busy time may be incomplete: ${messageOf(error)}`);
  }
  result.busy.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  return result;
}

function startExpansion(options: BusyExpansionOptions, result: ExpandedObject): Expansion | null {
  const { windowStartMs, windowEndMs } = options;
  if (!Number.isFinite(windowStartMs) || !Number.isFinite(windowEndMs) || windowEndMs < windowStartMs) {
    result.problems.push(`invalid window [${windowStartMs}, ${windowEndMs}): nothing expanded`);
    return null;
  }
  let defaultClock = ianaClock(options.defaultTimeZone);
  if (defaultClock === null) {
    result.problems.push(`default time zone ${JSON.stringify(options.defaultTimeZone)} is not an IANA zone: floating and all-day times read as UTC`);
    defaultClock = UTC_CLOCK;
  }
  const max = options.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES;
  const expansion: Expansion = {
    windowStartMs,
    windowEndMs,
    maxOccurrences: Number.isFinite(max) ? Math.max(1, Math.floor(max)) : DEFAULT_MAX_OCCURRENCES,
    defaultClock,
    ownerAddresses: new Set((options.ownerEmails ?? []).map(normalizeAddress)),
    clocks: new TzidClocks(defaultClock, (message) => problem(expansion, message)),
    candidatesLeft: MAX_CANDIDATES_PER_CALL,
    result,
  };
  return expansion;
}

// ---------------------------------------------------------------------------
// One UID: the masters, then the overrides that replace single occurrences

function expandGroup(expansion: Expansion, masters: ICAL.Component[], overrides: ICAL.Component[]): void {
  const masterExclusions = masters.map((master) => {
    if (master.hasProperty("rrule") || master.hasProperty("rdate")) expansion.result.recurring = true;
    return readExclusions(expansion, master);
  });
  // An override stands on its own (it may move the occurrence anywhere, in or out of the window)
  // and removes the master's occurrence at its RECURRENCE-ID. An occurrence removed by EXDATE
  // stays removed even if a stale override for it is left behind.
  const overriddenStartsMs = new Set<number>();
  for (const override of overrides) {
    guarded(expansion, override, () => {
      const property = override.getFirstProperty("recurrence-id")!;
      const recurrenceId = readWhen(expansion, property, timeValue(property));
      const recurrenceIdMs = recurrenceId.clock.wallToInstantMs(recurrenceId.wallMs);
      if (masterExclusions.some((excluded) => isExcluded(excluded, recurrenceId, recurrenceIdMs))) return;
      if (String(property.getParameter("range") ?? "").toUpperCase() === "THISANDFUTURE") {
        problem(expansion, `${describe(override)}: RANGE=THISANDFUTURE applied to that occurrence only`);
      }
      const start = readStart(expansion, override);
      const length = readLength(expansion, override, start);
      overriddenStartsMs.add(recurrenceIdMs);
      if (isBlocking(expansion, override)) addBusy(expansion, instanceRange(start, length));
    });
  }
  masters.forEach((master, index) => {
    guarded(expansion, master, () => expandMaster(expansion, master, masterExclusions[index]!, overriddenStartsMs));
  });
}

function expandMaster(expansion: Expansion, master: ICAL.Component, excluded: Exclusions, overriddenStartsMs: Set<number>): void {
  if (!isBlocking(expansion, master)) return;
  const start = readStart(expansion, master);
  const length = readLength(expansion, master, start);
  const rrules = master.getAllProperties("rrule");
  const rdates = master.getAllProperties("rdate");
  if (rrules.length === 0 && rdates.length === 0) {
    addBusy(expansion, instanceRange(start, length));
    return;
  }
  const seenStartsMs = new Set<number>();
  let emitted = 0;
  /** Adds one instance of the recurrence set; false once the occurrence cap is reached. */
  const visit = (when: When, range: TimeRangeMs): boolean => {
    if (seenStartsMs.has(range.startMs)) return true;
    seenStartsMs.add(range.startMs);
    if (isExcluded(excluded, when, range.startMs) || overriddenStartsMs.has(range.startMs)) return true;
    if (addBusy(expansion, range) && ++emitted >= expansion.maxOccurrences) {
      truncate(expansion, `${describe(master)}: stopped at ${expansion.maxOccurrences} occurrences`);
      return false;
    }
    return true;
  };
  for (const property of rrules) {
    if (!expandRule(expansion, master, property.getFirstValue() as ICAL.Recur, start, length, visit)) return;
  }
  forEachValue(expansion, master, "rdate", (property, value) => {
    if (value instanceof ICAL.Period) {
      // A PERIOD gives this instance its own end.
      const when = readWhen(expansion, property, value.start);
      const endMs = value.end ? instantOf(readWhen(expansion, property, value.end)) : instanceRange(when, lengthOfDuration(value.duration)).endMs;
      return visit(when, { startMs: instantOf(when), endMs });
    }
    if (!(value instanceof ICAL.Time) || value.isDate !== start.isDate) throw new Error("its value type differs from DTSTART's");
    const when = readWhen(expansion, property, value);
    return visit(when, instanceRange(when, length));
  });
}

/** Feeds the rule's occurrences to visit; false when visit asked to stop. */
function expandRule(expansion: Expansion, master: ICAL.Component, rule: ICAL.Recur, start: When, length: Length, visit: (when: When, range: TimeRangeMs) => boolean): boolean {
  const recur = rule.clone();
  if (recur.until !== null) recur.until = untilOnClock(recur.until, start);
  const iterator = recur.iterator(floatingTimeOfWall(fastForwardedWallMs(expansion, recur, start, length), start.isDate));
  const lastWallMs = start.clock.instantToWallMs(expansion.windowEndMs) + 2 * MS_PER_DAY;
  let candidates = 0;
  const check = iterator.check_contracting_rules;
  // ical.js tests every candidate here, also inside the loop of next() that never ends for a
  // rule no date satisfies (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30): counting them bounds the work.
  iterator.check_contracting_rules = function (this: ICAL.RecurIterator): boolean {
    if (++candidates > MAX_CANDIDATES_PER_RULE || --expansion.candidatesLeft < 0) throw new CandidateBudgetExhausted();
    return check.call(this);
  };
  try {
    for (let time = iterator.next(); time !== null; time = iterator.next()) {
      const wallMs = wallOfTime(time);
      if (wallMs > lastWallMs) break;
      if (wallMs !== start.wallMs && !isRealDate(recur, time, start)) continue;
      const when: When = { wallMs, isDate: start.isDate, clock: start.clock };
      if (!visit(when, instanceRange(when, length))) return false;
    }
  } catch (error) {
    if (!(error instanceof CandidateBudgetExhausted)) throw error;
    truncate(expansion, `${describe(master)}: RRULE ${recur.toString()} gave up after ${candidates} candidate dates`);
  }
  return true;
}

const FIXED_PERIOD_MS: Partial<Record<string, number>> = {
  SECONDLY: 1_000,
  MINUTELY: MS_PER_MINUTE,
  HOURLY: MS_PER_HOUR,
  DAILY: MS_PER_DAY,
  WEEKLY: 7 * MS_PER_DAY,
};

/**
 * Where to start iterating. A rule of fixed period without COUNT yields, from
 * DTSTART plus any whole number of periods, the same dates as from DTSTART; so
 * the expansion starts at the last such point well before the window (by the
 * instance length plus two days of zone offsets), not years earlier. DTSTART
 * counts as an instance even when the rule does not match it (RFC 5545
 * §3.8.5.3), so the new start might be a false instance: it ends before the
 * window, and is dropped with the rest that do.
 */
function fastForwardedWallMs(expansion: Expansion, recur: ICAL.Recur, start: When, length: Length): number {
  const periodMs = (FIXED_PERIOD_MS[recur.freq] ?? 0) * recur.interval;
  if (recur.count !== null || !(periodMs > 0) || (start.isDate && periodMs % MS_PER_DAY !== 0)) return start.wallMs;
  const targetWallMs = start.clock.instantToWallMs(expansion.windowStartMs) - length.days * MS_PER_DAY - length.exactMs - 2 * MS_PER_DAY;
  if (targetWallMs <= start.wallMs) return start.wallMs;
  return start.wallMs + Math.floor((targetWallMs - start.wallMs) / periodMs) * periodMs;
}

/**
 * ical.js turns a date that does not exist into the next one that does (a
 * yearly Feb 29 gives Mar 1 in common years, BYMONTHDAY=30 in February gives
 * March); RFC 5545 §3.3.10 says such instances are ignored. These checks only
 * hold an instance to what its rule says of month and day, so a real instance
 * always passes. (ical.js counted the false one towards COUNT; that is kept.)
 */
function isRealDate(recur: ICAL.Recur, time: ICAL.Time, start: When): boolean {
  const { BYMONTH: byMonth, BYMONTHDAY: byMonthDay, BYDAY: byDay, BYYEARDAY: byYearDay, BYWEEKNO: byWeekNo } = recur.parts;
  if (byMonth !== undefined && !byMonth.includes(time.month)) return false;
  if (byMonthDay !== undefined) {
    const monthLength = daysInMonth(time.year, time.month);
    if (!byMonthDay.some((day) => (day > 0 ? day : monthLength + day + 1) === time.day)) return false;
  }
  if ((recur.freq === "MONTHLY" || recur.freq === "YEARLY") && !byMonthDay && !byDay && !byYearDay && !byWeekNo) {
    const dtstart = dateTimeFieldsOf(start.wallMs);
    if (time.day !== dtstart.day) return false;
    if (recur.freq === "YEARLY" && !byMonth && time.month !== dtstart.month) return false;
  }
  return true;
}

/**
 * UNTIL on the series' own wall clock, for ical.js to compare with the wall-time
 * occurrences: a UTC UNTIL (what RFC 5545 asks for with a zoned DTSTART)
 * becomes local time; a DATE UNTIL on a timed series keeps that whole day.
 */
function untilOnClock(until: ICAL.Time, start: When): ICAL.Time {
  let untilWallMs: number;
  if (until.isDate) untilWallMs = wallOfTime(until) + MS_PER_DAY - 1_000;
  else if (until.zone === ICAL.Timezone.utcTimezone) untilWallMs = start.clock.instantToWallMs(wallOfTime(until));
  else untilWallMs = wallOfTime(until);
  return floatingTimeOfWall(start.isDate ? Math.floor(untilWallMs / MS_PER_DAY) * MS_PER_DAY : untilWallMs, start.isDate);
}

// ---------------------------------------------------------------------------
// Reading one VEVENT

/** RFC 5545's default is OPAQUE and CONFIRMED; TENTATIVE blocks. */
function isBlocking(expansion: Expansion, event: ICAL.Component): boolean {
  if (textValue(event, "status")?.toUpperCase() === "CANCELLED") return false;
  if (textValue(event, "transp")?.toUpperCase() === "TRANSPARENT") return false;
  for (const attendee of event.getAllProperties("attendee")) {
    const partstat = attendee.getParameter("partstat");
    if (typeof partstat === "string" && partstat.toUpperCase() === "DECLINED" && expansion.ownerAddresses.has(normalizeAddress(String(attendee.getFirstValue())))) {
      return false;
    }
  }
  return true;
}

function readStart(expansion: Expansion, event: ICAL.Component): When {
  const property = event.getFirstProperty("dtstart");
  if (property === null) throw new Error("no DTSTART");
  return readWhen(expansion, property, timeValue(property));
}

/** DTEND (the exact span, the same for every instance), else DURATION, else one day for a date and nothing for a time. */
function readLength(expansion: Expansion, event: ICAL.Component, start: When): Length {
  const dtend = event.getFirstProperty("dtend");
  const duration = event.getFirstPropertyValue("duration");
  let length: Length;
  if (dtend !== null) {
    const end = readWhen(expansion, dtend, timeValue(dtend));
    length = start.isDate && end.isDate ? { days: (end.wallMs - start.wallMs) / MS_PER_DAY, exactMs: 0 } : { days: 0, exactMs: instantOf(end) - instantOf(start) };
  } else if (duration instanceof ICAL.Duration) {
    length = lengthOfDuration(duration);
  } else {
    length = { days: start.isDate ? 1 : 0, exactMs: 0 };
  }
  if (length.days < 0 || length.exactMs < 0) throw new Error("ends before it starts");
  return length;
}

function lengthOfDuration(duration: ICAL.Duration): Length {
  const sign = duration.isNegative ? -1 : 1;
  const seconds = (duration.hours * 60 + duration.minutes) * 60 + duration.seconds;
  return { days: sign * (duration.weeks * 7 + duration.days), exactMs: sign * seconds * 1_000 };
}

function readExclusions(expansion: Expansion, master: ICAL.Component): Exclusions {
  const excluded: Exclusions = { instantsMs: new Set(), dayNumbers: new Set() };
  forEachValue(expansion, master, "exdate", (property, value) => {
    if (!(value instanceof ICAL.Time)) throw new Error("not a date or date-time");
    if (value.isDate) excluded.dayNumbers.add(Math.floor(wallOfTime(value) / MS_PER_DAY));
    else excluded.instantsMs.add(instantOf(readWhen(expansion, property, value)));
  });
  return excluded;
}

/** Calls read with each value of each such property; a property it cannot read is reported and skipped, not the event. */
function forEachValue(expansion: Expansion, event: ICAL.Component, name: string, read: (property: ICAL.Property, value: unknown) => boolean | void): boolean {
  for (const property of event.getAllProperties(name)) {
    try {
      for (const value of property.getValues() as unknown[]) if (read(property, value) === false) return false;
    } catch (error) {
      problem(expansion, `${describe(event)}: ${name.toUpperCase()} ${JSON.stringify(property.toICALString().slice(0, 200))} skipped: ${messageOf(error)}`);
    }
  }
  return true;
}

function isExcluded(excluded: Exclusions, when: When, startMs: number): boolean {
  return excluded.instantsMs.has(startMs) || excluded.dayNumbers.has(Math.floor(when.wallMs / MS_PER_DAY));
}

function readWhen(expansion: Expansion, property: ICAL.Property, time: ICAL.Time): When {
  const wallMs = wallOfTime(time);
  if (time.isDate) return { wallMs, isDate: true, clock: expansion.defaultClock };
  if (time.zone === ICAL.Timezone.utcTimezone) return { wallMs, isDate: false, clock: UTC_CLOCK };
  const tzid = property.getParameter("tzid");
  const clock = typeof tzid === "string" && tzid !== "" ? expansion.clocks.forTzid(tzid, property) : expansion.defaultClock;
  return { wallMs, isDate: false, clock };
}

function timeValue(property: ICAL.Property): ICAL.Time {
  const value = property.getFirstValue();
  if (!(value instanceof ICAL.Time)) throw new Error(`${property.name.toUpperCase()} is not a date or date-time`);
  return value;
}

function textValue(event: ICAL.Component, name: string): string | null {
  const value = event.getFirstPropertyValue(name);
  return typeof value === "string" ? value : null;
}

function instanceRange(start: When, length: Length): TimeRangeMs {
  const startMs = instantOf(start);
  const endWallMs = start.wallMs + length.days * MS_PER_DAY;
  return { startMs, endMs: (length.days === 0 ? startMs : start.clock.wallToInstantMs(endWallMs)) + length.exactMs };
}

/** Keeps a non-empty range that overlaps the window; says whether it did. */
function addBusy(expansion: Expansion, range: TimeRangeMs): boolean {
  const { windowStartMs, windowEndMs } = expansion;
  if (!(range.endMs > range.startMs && range.startMs < windowEndMs && range.endMs > windowStartMs && windowEndMs > windowStartMs)) return false;
  expansion.result.busy.push(range);
  return true;
}

function instantOf(when: When): number {
  return when.clock.wallToInstantMs(when.wallMs);
}

// ---------------------------------------------------------------------------
// Problems

function guarded(expansion: Expansion, event: ICAL.Component, read: () => void): void {
  try {
    read();
  } catch (error) {
    problem(expansion, `${describe(event)} skipped: ${messageOf(error)}`);
  }
}

function truncate(expansion: Expansion, message: string): void {
  expansion.result.truncated = true;
  problem(expansion, message);
}

function problem(expansion: Expansion, message: string): void {
  const problems = expansion.result.problems;
  if (problems.length < MAX_PROBLEMS) problems.push(message);
  else if (problems.length === MAX_PROBLEMS) problems.push("more problems not listed");
}

function describe(event: ICAL.Component): string {
  const recurrenceId = event.getFirstProperty("recurrence-id");
  let text = `VEVENT ${JSON.stringify(textValue(event, "uid") ?? "(no UID)")}`;
  try {
    if (recurrenceId !== null) text += ` RECURRENCE-ID ${String(recurrenceId.getFirstValue())}`;
  } catch {
    text += " (bad RECURRENCE-ID)";
  }
  return text;
}

function normalizeAddress(address: string): string {
  return address.trim().replace(/^mailto:/i, "").toLowerCase();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
