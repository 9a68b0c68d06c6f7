// How a link's settings read to its owner: durations, location, weekly hours,
// notice. Shared by the list, the detail page and the wizard's review.
import type { Link } from "./link-api";

/** Sunday first, as the API numbers days (0 = Sunday). */
export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const WEEKDAY_SHORT = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
/** The week as most people plan it: Monday first. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** In the order the wizard offers them. */
export const LOCATION_LABELS: Record<Link["location"]["type"], string> = {
  jitsi: "Jitsi video call",
  meeting_url: "Your meeting link",
  phone: "Phone call",
  in_person: "In person",
  custom: "Custom",
  google_meet: "Google Meet",
  teams: "Microsoft Teams",
};

export function durationLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export function durationsLabel(durationsMin: readonly number[]): string {
  return [...durationsMin].sort((a, b) => a - b).map(durationLabel).join(" · ");
}

export function locationLabel(location: Link["location"]): string {
  const label = LOCATION_LABELS[location.type];
  return location.value ? `${label}: ${location.value}` : label;
}

/** "2 days", "4 hours", "30 min" — the largest whole unit. */
export function noticeLabel(minutes: number): string {
  if (minutes === 0) return "none";
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes} min`;
}

/** "Mon–Fri 09:00–17:00; Sat 10:00–12:00", weekdays Monday first. */
export function weeklyHoursLabel(weeklyHours: Link["weeklyHours"]): string {
  const byDay = new Map<number, string[]>();
  for (const rule of weeklyHours) for (const day of rule.days) byDay.set(day, [...(byDay.get(day) ?? []), `${rule.start}–${rule.end}`]);
  const groups: { days: number[]; hours: string }[] = [];
  for (const day of WEEK_ORDER) {
    const hours = byDay.get(day)?.sort().join(", ");
    if (!hours) continue;
    const last = groups[groups.length - 1];
    const previousDay = last?.days[last.days.length - 1];
    if (last && last.hours === hours && previousDay !== undefined && WEEK_ORDER.indexOf(previousDay) === WEEK_ORDER.indexOf(day) - 1) last.days.push(day);
    else groups.push({ days: [day], hours });
  }
  if (groups.length === 0) return "No weekly hours";
  return groups
    .map(({ days, hours }) => {
      const first = WEEKDAY_SHORT[days[0]!];
      const name = days.length === 1 ? first : `${first}–${WEEKDAY_SHORT[days[days.length - 1]!]}`;
      return `${name} ${hours}`;
    })
    .join("; ");
}
