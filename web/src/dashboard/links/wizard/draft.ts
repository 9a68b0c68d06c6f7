// The link wizard's draft: what the form holds (numbers as typed text, hours
// per weekday), how it is made from a saved link, and how it becomes the API's
// link body. Pure functions; validation lives in draft-rules.ts.
import type { Link, LinkBody, QuestionType, Template } from "../link-api";
import { newTeam, teamBodyOf, teamFromLink, type TeamDraft } from "./team-draft";

export type TimeRange = { start: string; end: string };
export type DateOverrideDraft = { key: string; date: string; isClosed: boolean; ranges: TimeRange[] };
export type HolidayDraft = { key: string; date: string };
export type QuestionDraft = { key: string; id: string; label: string; type: QuestionType; isRequired: boolean; optionsText: string };
export type NoticeUnit = "minutes" | "hours" | "days";

/** "none": no questions; "new": a template made on save; otherwise the id of an existing template. */
export type TemplateChoice = "none" | "new" | (string & {});

/** Locations whose room comes with each booking (Convene's Jitsi, the host calendar's Meet or Teams): no value of the owner's. */
const ROOM_LOCATIONS: ReadonlySet<Link["location"]["type"]> = new Set(["jitsi", "google_meet", "teams"]);

export type Draft = {
  title: string;
  slug: string;
  /** Whether the owner typed the slug; until then it follows the title. */
  isSlugEdited: boolean;
  description: string;
  locationType: Link["location"]["type"];
  locationValue: string;
  timeZone: string;
  /** Indexed by weekday, 0 = Sunday; an empty list is a day off. */
  week: TimeRange[][];
  overrides: DateOverrideDraft[];
  holidays: HolidayDraft[];
  durations: number[];
  defaultDuration: number;
  bufferBefore: string;
  bufferAfter: string;
  slotInterval: string;
  maxPerDay: string;
  maxPerWeek: string;
  minNotice: string;
  minNoticeUnit: NoticeUnit;
  maxDaysAhead: string;
  rangeStartDate: string;
  rangeEndDate: string;
  templateChoice: TemplateChoice;
  templateName: string;
  questions: QuestionDraft[];
  /** Whether the questions differ from the chosen template's (an existing template is then changed on save). */
  areQuestionsEdited: boolean;
  /** Hosts, how they share meetings, whose hours (the Hosts step). */
  team: TeamDraft;
  /** Settings the wizard does not edit, kept as they are when a link is changed. */
  kept: Pick<LinkBody, "isActive">;
};

export const PRESET_DURATIONS = [15, 30, 60, 120];
export const NOTICE_MINUTES: Record<NoticeUnit, number> = { minutes: 1, hours: 60, days: 1440 };

let keyCounter = 0;
/** Per page load: a draft kept across a reload (draft-session.ts) holds keys of an earlier load, which new ones must not repeat. */
const KEY_PREFIX = Math.random().toString(36).slice(2, 7);
/** A stable React key for rows the owner adds and removes. */
export function newKey(): string {
  keyCounter += 1;
  return `k${KEY_PREFIX}_${keyCounter}`;
}

/** Monday to Friday, 09:00–17:00: everyone's working hours until they change them (the server's DEFAULT_WORKING_HOURS). */
export function officeWeek(): TimeRange[][] {
  const weekday = () => [{ start: "09:00", end: "17:00" }];
  return [[], weekday(), weekday(), weekday(), weekday(), weekday(), []];
}

/** A new link starts from the owner's own working hours (as the API's default does), in their zone. */
export function newDraft(timeZone: string, workingHours: Link["weeklyHours"] | null = null): Draft {
  return {
    title: "",
    slug: "",
    isSlugEdited: false,
    description: "",
    locationType: "jitsi",
    locationValue: "",
    timeZone,
    week: workingHours ? weekOf(workingHours) : officeWeek(),
    overrides: [],
    holidays: [],
    durations: [30],
    defaultDuration: 30,
    bufferBefore: "0",
    bufferAfter: "0",
    slotInterval: "",
    maxPerDay: "",
    maxPerWeek: "",
    minNotice: "0",
    minNoticeUnit: "hours",
    maxDaysAhead: "60",
    rangeStartDate: "",
    rangeEndDate: "",
    templateChoice: "none",
    templateName: "",
    questions: [],
    areQuestionsEdited: false,
    team: newTeam(),
    kept: {},
  };
}

/** The API's "24:00" cannot be typed into a time input; there midnight at the end of a day is "00:00". */
const toInputTime = (time: string) => (time === "24:00" ? "00:00" : time);
export const toApiEnd = (time: string) => (time === "00:00" ? "24:00" : time);

function largestUnit(minutes: number): { value: string; unit: NoticeUnit } {
  if (minutes > 0 && minutes % 1440 === 0) return { value: String(minutes / 1440), unit: "days" };
  if (minutes % 60 === 0) return { value: String(minutes / 60), unit: "hours" };
  return { value: String(minutes), unit: "minutes" };
}

export function questionsToDrafts(questions: Template["questions"]): QuestionDraft[] {
  return questions.map((question) => ({
    key: newKey(),
    id: question.id,
    label: question.label,
    type: question.type,
    isRequired: question.isRequired,
    optionsText: (question.options ?? []).join("\n"),
  }));
}

/** API weekly hours as hours per weekday, each day's ranges in order. */
export function weekOf(weeklyHours: Link["weeklyHours"]): TimeRange[][] {
  const week: TimeRange[][] = [[], [], [], [], [], [], []];
  for (const rule of weeklyHours) for (const day of rule.days) week[day]!.push({ start: rule.start, end: toInputTime(rule.end) });
  for (const ranges of week) ranges.sort((a, b) => a.start.localeCompare(b.start));
  return week;
}

export function draftFromLink(link: Link, templates: Template[]): Draft {
  const week = weekOf(link.weeklyHours);
  const template = templates.find((candidate) => candidate.id === link.templateId);
  const notice = largestUnit(link.minNoticeMin);
  return {
    title: link.title,
    slug: link.slug,
    isSlugEdited: true,
    description: link.description,
    locationType: link.location.type,
    locationValue: link.location.value ?? "",
    timeZone: link.timeZone,
    week,
    overrides: link.dateOverrides.map((override) => ({
      key: newKey(),
      date: override.date,
      isClosed: override.intervals.length === 0,
      ranges: override.intervals.length === 0 ? [{ start: "09:00", end: "17:00" }] : override.intervals.map((span) => ({ start: span.start, end: toInputTime(span.end) })),
    })),
    holidays: link.holidays.map((date) => ({ key: newKey(), date })),
    durations: [...link.durationsMin].sort((a, b) => a - b),
    defaultDuration: link.defaultDurationMin,
    bufferBefore: String(link.bufferBeforeMin),
    bufferAfter: String(link.bufferAfterMin),
    slotInterval: link.slotIntervalMin === null ? "" : String(link.slotIntervalMin),
    maxPerDay: link.maxPerDay === null ? "" : String(link.maxPerDay),
    maxPerWeek: link.maxPerWeek === null ? "" : String(link.maxPerWeek),
    minNotice: notice.value,
    minNoticeUnit: notice.unit,
    maxDaysAhead: link.maxDaysAhead === null ? "" : String(link.maxDaysAhead),
    rangeStartDate: link.rangeStartDate ?? "",
    rangeEndDate: link.rangeEndDate ?? "",
    templateChoice: template ? template.id : "none",
    templateName: template?.name ?? "",
    questions: template ? questionsToDrafts(template.questions) : [],
    areQuestionsEdited: false,
    team: teamFromLink(link),
    kept: { isActive: link.isActive },
  };
}

/** Weekly hours as API rules: one rule per distinct time range, listing the days that have it. */
export function weeklyHoursOf(week: TimeRange[][]): NonNullable<LinkBody["weeklyHours"]> {
  const rules = new Map<string, { days: number[]; start: string; end: string }>();
  week.forEach((ranges, day) => {
    for (const range of ranges) {
      const end = toApiEnd(range.end);
      const key = `${range.start}-${end}`;
      const rule = rules.get(key) ?? { days: [], start: range.start, end };
      if (!rule.days.includes(day)) rule.days.push(day);
      rules.set(key, rule);
    }
  });
  return [...rules.values()].sort((a, b) => a.start.localeCompare(b.start));
}

const wholeNumber = (text: string) => Number.parseInt(text.trim(), 10);
const optionalNumber = (text: string) => (text.trim() === "" ? null : wholeNumber(text));

/** The API body for the draft (run the step checks first: this trusts the numbers). */
export function linkBodyOf(draft: Draft, templateId: string | null): LinkBody {
  return {
    title: draft.title.trim(),
    ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
    description: draft.description.trim(),
    // A Jitsi room is made per booking: there is nothing to send with it.
    location: { type: draft.locationType, value: ROOM_LOCATIONS.has(draft.locationType) || !draft.locationValue.trim() ? null : draft.locationValue.trim() },
    timeZone: draft.timeZone,
    weeklyHours: weeklyHoursOf(draft.week),
    dateOverrides: draft.overrides
      .filter((override) => override.date)
      .map((override) => ({
        date: override.date,
        intervals: override.isClosed ? [] : override.ranges.map((range) => ({ start: range.start, end: toApiEnd(range.end) })),
      })),
    holidays: draft.holidays.map((holiday) => holiday.date).filter(Boolean),
    durationsMin: [...draft.durations].sort((a, b) => a - b),
    defaultDurationMin: draft.defaultDuration,
    bufferBeforeMin: wholeNumber(draft.bufferBefore) || 0,
    bufferAfterMin: wholeNumber(draft.bufferAfter) || 0,
    slotIntervalMin: optionalNumber(draft.slotInterval),
    minNoticeMin: (wholeNumber(draft.minNotice) || 0) * NOTICE_MINUTES[draft.minNoticeUnit],
    maxDaysAhead: optionalNumber(draft.maxDaysAhead),
    rangeStartDate: draft.rangeStartDate || null,
    rangeEndDate: draft.rangeEndDate || null,
    maxPerDay: optionalNumber(draft.maxPerDay),
    maxPerWeek: optionalNumber(draft.maxPerWeek),
    templateId,
    ...teamBodyOf(draft.team),
    ...draft.kept,
  };
}

/** Question ids are answer keys: kept for saved questions, made from the label for new ones. */
export function templateQuestionsOf(questions: QuestionDraft[]): Template["questions"] {
  const used = new Set(questions.map((question) => question.id).filter(Boolean));
  return questions.map((question, index) => {
    let id = question.id;
    if (!id) {
      const base =
        question.label
          .normalize("NFKD")
          .replace(/[\u0300-\u036f]/g, "")
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "_")
          .replace(/^[^a-z]+|_+$/g, "")
          .slice(0, 40) || `question_${index + 1}`;
      id = base;
      for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
      used.add(id);
    }
    const isChoice = question.type === "single_choice" || question.type === "multiple_choice";
    return {
      id,
      label: question.label.trim(),
      type: question.type,
      isRequired: question.isRequired,
      ...(isChoice ? { options: optionsOf(question.optionsText) } : {}),
    };
  });
}

export function optionsOf(optionsText: string): string[] {
  return optionsText
    .split("\n")
    .map((option) => option.trim())
    .filter(Boolean);
}
