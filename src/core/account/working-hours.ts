// Everyone starts with working hours: Monday to Friday, 09:00–17:00 in their
// own zone. Set when a user is made (sign-up, a member added, an invitation
// accepted) and by the 0010 migration for users made before; owner
// availability, direct bookings and new links read them.
import type { WeeklyHoursRule } from "../availability/types.js";

export const DEFAULT_WORKING_HOURS: readonly WeeklyHoursRule[] = [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }];

/** A user's hours, or the default week for a user who cleared theirs. */
export function workingHoursOf(user: { weeklyHours: readonly WeeklyHoursRule[] | null }): WeeklyHoursRule[] {
  return (user.weeklyHours ?? DEFAULT_WORKING_HOURS).map((rule) => ({ ...rule, days: [...rule.days] }));
}
