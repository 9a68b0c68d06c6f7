// The wizard's steps, the checks each step makes before the owner moves on
// (the same limits the server enforces, said in words), and the way a server
// problem is mapped back to the step and field it is about.
import { ApiProblem } from "../../../api/client";
import { problemFieldErrors } from "../../../components/form-field";
import { checkTeam } from "./team-draft";
import { slugFromTitle } from "../../../lib/slug";
import { addDays } from "../../../lib/time";
import { NOTICE_MINUTES, optionsOf, toApiEnd, type Draft, type TimeRange } from "./draft";

export const STEPS = [
  { id: "basics", title: "Basics" },
  { id: "hosts", title: "Hosts" },
  { id: "availability", title: "Availability" },
  { id: "durations", title: "Durations and buffers" },
  { id: "limits", title: "Limits and window" },
  { id: "questions", title: "Questions" },
  { id: "review", title: "Review" },
] as const;

export type StepId = (typeof STEPS)[number]["id"];
/** Messages by field key ("title", "week.1.0.end", "questions.k3.label"), in the order the fields appear. */
export type FieldErrors = Record<string, string>;

/** SLUG_PATTERN of src/core/booking/link-options.ts (the web app reaches the server only through its API). */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const MAX_NOTICE_MIN = 366 * 1440;
const CHOICE_TYPES = new Set(["single_choice", "multiple_choice"]);
/** Locations that mean nothing without their text, and what to ask for. */
const LOCATION_VALUE_NEEDED: Partial<Record<Draft["locationType"], string>> = {
  meeting_url: "Enter the meeting's URL, e.g. https://zoom.us/j/1234567890.",
  in_person: "Enter the address.",
  custom: "Describe where the meeting happens.",
};

/** The server's check (core/booking/meeting-location.ts), so the owner hears it before saving; the server still decides. */
function isMeetingUrl(text: string): boolean {
  if (!/^https?:\/\/[^\s/?#]+\S*$/i.test(text)) return false;
  try {
    const url = new URL(text);
    return url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** A whole number typed into a field, or null when it is not one. */
function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number.parseInt(text, 10) : null;
}

function checkWhole(errors: FieldErrors, key: string, text: string, min: number, max: number, { isOptional = false, unit = "" } = {}) {
  if (isOptional && text.trim() === "") return;
  const value = wholeNumber(text);
  const range = `${min} to ${max}${unit ? ` ${unit}` : ""}`;
  if (value === null) errors[key] = isOptional ? `Enter a whole number from ${range}, or leave it empty.` : `Enter a whole number from ${range}.`;
  else if (value < min || value > max) errors[key] = `Must be from ${range}.`;
}

function checkRanges(errors: FieldErrors, prefix: string, ranges: TimeRange[]) {
  const spans: { start: string; end: string; index: number }[] = [];
  ranges.forEach((range, index) => {
    const key = `${prefix}.${index}`;
    if (!range.start) errors[`${key}.start`] = "Enter a start time.";
    if (!range.end) errors[`${key}.end`] = "Enter an end time.";
    if (!range.start || !range.end) return;
    const end = toApiEnd(range.end);
    if (end <= range.start) errors[`${key}.end`] = "Must be after the start time.";
    else spans.push({ start: range.start, end, index });
  });
  spans.sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]!.start < spans[i - 1]!.end) errors[`${prefix}.${spans[i]!.index}.start`] ??= `Overlaps ${spans[i - 1]!.start}–${spans[i - 1]!.end}.`;
  }
}

/** A week of hours on its own (a user's working hours in Settings): the same checks as the link's. */
export function checkWeek(week: TimeRange[][]): FieldErrors {
  const errors: FieldErrors = {};
  week.forEach((ranges, day) => checkRanges(errors, `week.${day}`, ranges));
  return errors;
}

function checkBasics(draft: Draft, isEditing: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.title.trim()) errors.title = "Give the link a title; invitees see it on the booking page.";
  else if (draft.title.trim().length > 200) errors.title = "Keep the title to 200 characters.";
  const slug = draft.slug.trim();
  // Always sent, so the owner has seen it: a title in a script with no Latin spelling (Chinese…) gives none to show.
  const hasNoLatinSpelling = !isEditing && draft.title.trim() !== "" && slugFromTitle(draft.title) === "";
  if (!slug) errors.slug = hasNoLatinSpelling ? "Type the address: this title has no letters an address can use (a-z, 0-9), e.g. intro-call." : "Enter the address of the link.";
  else if (!SLUG.test(slug)) errors.slug = "Use lower-case letters, digits and dashes (not at the start or end), up to 64.";
  if (draft.description.length > 5000) errors.description = "Keep the description to 5,000 characters.";
  const locationValue = draft.locationValue.trim();
  if (!locationValue && draft.locationType in LOCATION_VALUE_NEEDED) errors.locationValue = LOCATION_VALUE_NEEDED[draft.locationType]!;
  else if (draft.locationValue.length > 500) errors.locationValue = "Keep this to 500 characters.";
  else if (draft.locationType === "meeting_url" && !isMeetingUrl(locationValue)) errors.locationValue = "Enter a web address starting with https://, e.g. https://zoom.us/j/1234567890.";
  return errors;
}

function checkAvailability(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.timeZone) errors.timeZone = "Choose the time zone of these hours.";
  draft.week.forEach((ranges, day) => checkRanges(errors, `week.${day}`, ranges));
  const hasHours = draft.week.some((ranges) => ranges.length > 0) || draft.overrides.some((override) => !override.isClosed && override.ranges.length > 0);
  if (!hasHours) errors.week = "Open at least one day, or add a date with hours: without hours the link offers no times.";
  const overrideDates = new Set<string>();
  for (const override of draft.overrides) {
    const key = `overrides.${override.key}`;
    if (!override.date) errors[`${key}.date`] = "Pick the date.";
    else if (overrideDates.has(override.date)) errors[`${key}.date`] = "Another exception already covers this date.";
    overrideDates.add(override.date);
    if (!override.isClosed) {
      if (override.ranges.length === 0) errors[`${key}.ranges`] = "Add hours, or mark the day closed.";
      checkRanges(errors, `${key}.ranges`, override.ranges);
    }
  }
  const holidayDates = new Set<string>();
  for (const holiday of draft.holidays) {
    const key = `holidays.${holiday.key}`;
    if (!holiday.date) errors[key] = "Pick the date.";
    else if (holidayDates.has(holiday.date)) errors[key] = "This date is listed twice.";
    holidayDates.add(holiday.date);
  }
  return errors;
}

function checkDurations(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  if (draft.durations.length === 0) errors.durations = "Offer at least one duration.";
  else if (draft.durations.length > 12) errors.durations = "Offer at most 12 durations.";
  else if (!draft.durations.includes(draft.defaultDuration)) errors.defaultDuration = "Pick one of the durations offered.";
  checkWhole(errors, "bufferBefore", draft.bufferBefore, 0, 720, { unit: "minutes" });
  checkWhole(errors, "bufferAfter", draft.bufferAfter, 0, 720, { unit: "minutes" });
  checkWhole(errors, "slotInterval", draft.slotInterval, 5, 720, { isOptional: true, unit: "minutes" });
  return errors;
}

function checkLimits(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  checkWhole(errors, "maxPerDay", draft.maxPerDay, 1, 1000, { isOptional: true });
  checkWhole(errors, "maxPerWeek", draft.maxPerWeek, 1, 5000, { isOptional: true });
  checkWhole(errors, "minNotice", draft.minNotice, 0, Math.floor(MAX_NOTICE_MIN / NOTICE_MINUTES[draft.minNoticeUnit]), { unit: draft.minNoticeUnit });
  checkWhole(errors, "maxDaysAhead", draft.maxDaysAhead, 1, 366, { isOptional: true, unit: "days" });
  if (draft.rangeStartDate && draft.rangeEndDate && draft.rangeEndDate < draft.rangeStartDate) errors.rangeEndDate = "Must not be before the first date.";
  return errors;
}

function checkQuestions(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  if (draft.templateChoice === "none") return errors;
  if (draft.templateName.length > 200) errors.templateName = "Keep the name to 200 characters.";
  if (draft.questions.length > 50) errors.questions = "Ask at most 50 questions.";
  for (const question of draft.questions) {
    const key = `questions.${question.key}`;
    if (!question.label.trim()) errors[`${key}.label`] = "Write the question.";
    else if (question.label.trim().length > 500) errors[`${key}.label`] = "Keep the question to 500 characters.";
    if (!CHOICE_TYPES.has(question.type)) continue;
    const options = optionsOf(question.optionsText);
    if (options.length === 0) errors[`${key}.options`] = "List at least one option, one per line.";
    else if (new Set(options).size !== options.length) errors[`${key}.options`] = "An option is listed twice.";
    else if (options.some((option) => option.length > 200)) errors[`${key}.options`] = "Keep each option to 200 characters.";
  }
  return errors;
}

export function checkStep(step: StepId, draft: Draft, isEditing: boolean): FieldErrors {
  switch (step) {
    case "basics":
      return checkBasics(draft, isEditing);
    case "hosts":
      return checkTeam(draft.team);
    case "availability":
      return checkAvailability(draft);
    case "durations":
      return checkDurations(draft);
    case "limits":
      return checkLimits(draft);
    case "questions":
      return checkQuestions(draft);
    case "review":
      return {};
  }
}

/** Where a server field path belongs: the step and, where the wizard has one, the field key. */
function placeOf(path: string, draft: Draft): { step: StepId; field: string | null } {
  const [head = "", index, rest] = path.split(".");
  const direct: Record<string, [StepId, string]> = {
    title: ["basics", "title"],
    slug: ["basics", "slug"],
    description: ["basics", "description"],
    location: ["basics", "locationValue"],
    timeZone: ["availability", "timeZone"],
    durationsMin: ["durations", "durations"],
    defaultDurationMin: ["durations", "defaultDuration"],
    bufferBeforeMin: ["durations", "bufferBefore"],
    bufferAfterMin: ["durations", "bufferAfter"],
    slotIntervalMin: ["durations", "slotInterval"],
    minNoticeMin: ["limits", "minNotice"],
    maxDaysAhead: ["limits", "maxDaysAhead"],
    rangeStartDate: ["limits", "rangeStartDate"],
    rangeEndDate: ["limits", "rangeEndDate"],
    maxPerDay: ["limits", "maxPerDay"],
    maxPerWeek: ["limits", "maxPerWeek"],
    templateId: ["questions", "templateChoice"],
    templateName: ["questions", "templateName"],
    hostMode: ["hosts", "hostUserIds"],
    hostUserIds: ["hosts", "hostUserIds"],
  };
  const found = direct[head];
  if (found) return { step: found[0], field: found[1] };
  if (head === "hostSettings" || head === "hostHours") return { step: "hosts", field: null };
  if (head === "weeklyHours" || head === "dateOverrides" || head === "holidays") return { step: "availability", field: null };
  if (head === "questions") {
    const question = index === undefined ? undefined : draft.questions[Number(index)];
    const field = question && (rest === "label" || rest === "options") ? `questions.${question.key}.${rest}` : null;
    return { step: "questions", field };
  }
  return { step: "review", field: null };
}

export type ServerErrors = { fields: FieldErrors; byStep: Partial<Record<StepId, string[]>>; firstStep: StepId };

const stepIndex = (step: StepId) => STEPS.findIndex((candidate) => candidate.id === step);

/** A save's problem, sorted onto the wizard's steps and fields; general messages where no field fits. */
export function serverErrorsOf(error: unknown, draft: Draft): ServerErrors {
  const result: ServerErrors = { fields: {}, byStep: {}, firstStep: "review" };
  const add = (step: StepId, field: string | null, message: string) => {
    if (field) result.fields[field] ??= message;
    else (result.byStep[step] ??= []).push(message);
    if (stepIndex(step) < stepIndex(result.firstStep)) result.firstStep = step;
  };
  const code = error instanceof ApiProblem ? error.code : "";
  const detail = error instanceof Error ? error.message : String(error);
  if (code === "SLUG_TAKEN") add("basics", "slug", detail);
  else if (code === "UNKNOWN_TIME_ZONE") add("availability", "timeZone", detail);
  else if (code === "TEMPLATE_NOT_FOUND") add("questions", "templateChoice", "That template was deleted meanwhile; choose another or make a new one.");
  else {
    const fieldErrors = problemFieldErrors(error);
    for (const { path, message } of fieldErrors) {
      const place = placeOf(path, draft);
      add(place.step, place.field, place.field ? sentence(message) : `${path}: ${message}`);
    }
    if (fieldErrors.length === 0) add("review", null, detail);
  }
  return result;
}

function sentence(message: string): string {
  return message ? message[0]!.toUpperCase() + message.slice(1).replace(/([^.])$/, "$1.") : message;
}

/** Whether a campaign's last date ("2026-03-31") is before today (both in the link's zone): nobody can book it any more. */
export function areDatesOver(rangeEndDate: string | null | undefined, today: string): boolean {
  return Boolean(rangeEndDate) && rangeEndDate! < today;
}

/** Why a draft may offer no times, with the step to change it (null: nothing in the draft to change). */
export type NoOpenTimesCause = { step: StepId | null; message: string };

const WEEKDAY_NAMES = ["Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"];
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/**
 * The reasons a draft offers no open times from `today` over the `previewDays`
 * the review shows, most decisive first: dates over, dates beyond the booking
 * window or the preview, notice longer than the window, no hours on those days,
 * every such day a holiday or closed, hours too short for any duration. When
 * the draft leaves times open, what is left is bookings and busy calendar time.
 */
export function noOpenTimesCauses(draft: Draft, today: string, previewDays: number): NoOpenTimesCause[] {
  const { rangeStartDate: first, rangeEndDate: last } = draft;
  if (areDatesOver(last, today)) return [{ step: "limits", message: `The link's dates are over: its last date, ${last}, has passed. Move the dates or clear them.` }];
  const windowDays = wholeNumber(draft.maxDaysAhead);
  const lastBookable = windowDays === null ? null : addDays(today, windowDays);
  if (first && lastBookable && first > lastBookable) {
    return [{ step: "limits", message: `The dates start on ${first}, beyond the booking window of ${windowDays} days: invitees cannot book them yet. Widen the window or move the dates.` }];
  }
  const noticeMin = (wholeNumber(draft.minNotice) ?? 0) * NOTICE_MINUTES[draft.minNoticeUnit];
  if (windowDays !== null && noticeMin >= windowDays * 1440) {
    return [{ step: "limits", message: `The minimum notice is as long as the booking window (${windowDays} days): no time can ever be booked. Shorten the notice or widen the window.` }];
  }
  const previewLast = addDays(today, previewDays - 1);
  if (first && first > previewLast) return [{ step: null, message: `The dates start on ${first}, after the ${previewDays} days shown here: times appear here as the date comes closer.` }];
  if (noticeMin >= previewDays * 1440) return [{ step: "limits", message: `The minimum notice is longer than the ${previewDays} days shown here: the first times come later.` }];

  const spanFirst = first && first > today ? first : today;
  const spanLast = [previewLast, last, lastBookable].filter((date): date is string => Boolean(date)).sort()[0]!;
  const overrides = new Map(draft.overrides.filter((override) => override.date).map((override) => [override.date, override]));
  const holidays = new Set(draft.holidays.map((holiday) => holiday.date));
  const rangesOn = (date: string) => {
    const override = overrides.get(date);
    return override ? (override.isClosed ? [] : override.ranges) : (draft.week[weekdayOf(date)] ?? []);
  };
  const span = `from ${spanFirst} to ${spanLast}`;
  const dates: string[] = [];
  for (let date = spanFirst; date <= spanLast; date = addDays(date, 1)) dates.push(date);
  const withWeeklyHours = dates.filter((date) => (draft.week[weekdayOf(date)] ?? []).length > 0 || (overrides.get(date)?.isClosed === false && overrides.get(date)!.ranges.length > 0));
  if (withWeeklyHours.length === 0) {
    const openDays = WEEKDAY_NAMES.filter((_, day) => (draft.week[day] ?? []).length > 0);
    const which = openDays.length ? `The link has hours on ${openDays.join(", ")}, and none of those falls ${span}.` : "The link has no weekly hours.";
    return [{ step: "availability", message: `No hours on those days: ${which} Open more weekdays or add a date with hours.` }];
  }
  const openDates = withWeeklyHours.filter((date) => !holidays.has(date) && rangesOn(date).length > 0);
  if (openDates.length === 0) {
    return [{ step: "availability", message: `Every day with hours ${span} is a holiday or closed by a date exception.` }];
  }
  const shortest = Math.min(...draft.durations);
  const longestSpanMin = Math.max(...openDates.flatMap((date) => rangesOn(date).map((range) => minutesOf(toApiEnd(range.end)) - minutesOf(range.start))));
  if (Number.isFinite(shortest) && longestSpanMin < shortest) {
    return [{ step: "durations", message: `No stretch of hours ${span} is long enough for a ${shortest}-minute meeting. Lengthen the hours or offer a shorter duration.` }];
  }
  return [{ step: null, message: "The hours leave times open, so bookings already made or busy time in your connected calendars fill them, or the minimum notice covers what is left." }];
}

