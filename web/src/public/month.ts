// Calendar arithmetic for the booking page's month view, on plain date strings
// ("2026-11-24") and month keys ("2026-11"). The month shown is a month in the
// viewer's zone; its slots are fetched over the month widened by a day either
// side, which covers every zone offset (UTC−12 to UTC+14).

const MS_PER_DAY = 86_400_000;

export type MonthKey = string;

const pad = (n: number) => String(n).padStart(2, "0");

function parts(month: MonthKey): [number, number] {
  const [year, monthNumber] = month.split("-").map(Number);
  return [year ?? 1970, monthNumber ?? 1];
}

export function monthOf(date: string): MonthKey {
  return date.slice(0, 7);
}

export function addMonths(month: MonthKey, count: number): MonthKey {
  const [year, monthNumber] = parts(month);
  const index = year * 12 + (monthNumber - 1) + count;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The instants to ask slots for: the month ± one day, as ISO strings. */
export function monthWindow(month: MonthKey): { from: string; to: string } {
  const [year, monthNumber] = parts(month);
  return {
    from: new Date(Date.UTC(year, monthNumber - 1, 1) - MS_PER_DAY).toISOString(),
    to: new Date(Date.UTC(year, monthNumber, 1) + MS_PER_DAY).toISOString(),
  };
}

/** Noon UTC of a date: an instant that is that date when formatted in UTC. */
export function dateNoonUtc(date: string): number {
  const [year, monthNumber, day] = date.split("-").map(Number);
  return Date.UTC(year ?? 1970, (monthNumber ?? 1) - 1, day ?? 1, 12);
}

export function addDays(date: string, count: number): string {
  return new Date(dateNoonUtc(date) + count * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(dateNoonUtc(date)).getUTCDay();
}

export function daysInMonth(month: MonthKey): number {
  const [year, monthNumber] = parts(month);
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
}

/** The month as weeks of seven cells starting on firstWeekday; null pads the first and last week. */
export function monthWeeks(month: MonthKey, firstWeekday: number): (string | null)[][] {
  const first = `${month}-01`;
  const lead = (weekdayOf(first) - firstWeekday + 7) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= daysInMonth(month); day += 1) cells.push(`${month}-${pad(day)}`);
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

/** The locale's first day of the week (0 = Sunday), Monday where the browser cannot tell. */
export function localeFirstWeekday(locale: string = navigator.language): number {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const week = info.getWeekInfo?.() ?? info.weekInfo;
    if (week) return week.firstDay % 7;
  } catch {
    // An odd locale tag: fall through to Monday.
  }
  return 1;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ""}${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
    formats.set(key, found);
  }
  return found;
}

/** "November 2026" */
export function formatMonth(month: MonthKey, locale?: string): string {
  return format(locale, { month: "long", year: "numeric" }).format(dateNoonUtc(`${month}-01`));
}

/** "Mon" / "Monday" / "M" for 0 = Sunday … 6 = Saturday. */
export function weekdayName(weekday: number, width: "narrow" | "short" | "long", locale?: string): string {
  return format(locale, { weekday: width }).format(Date.UTC(2023, 0, 1 + weekday, 12));
}

/**
 * A calendar column fits this many characters. Longer short names (Hebrew's
 * "יום א׳", Arabic's whole words) switch the header to the narrow form; cutting
 * them would give seven identical "יו" or a broken Arabic letter.
 */
const MAX_HEADER_CHARS = 4;

/** The seven column headers (0 = Sunday … 6 = Saturday): the locale's short names when they fit, else its narrow ones. */
export function weekdayHeaders(locale?: string): string[] {
  const short = Array.from({ length: 7 }, (_, weekday) => weekdayName(weekday, "short", locale));
  if (short.every((name) => [...name].length <= MAX_HEADER_CHARS)) return short;
  return Array.from({ length: 7 }, (_, weekday) => weekdayName(weekday, "narrow", locale));
}

/** "Tuesday 24 November" for a calendar date. */
export function formatDay(date: string, locale?: string): string {
  return format(locale, { weekday: "long", day: "numeric", month: "long" }).format(dateNoonUtc(date));
}
