// The analytics API as the dashboard asks it: the last N whole local days in
// the owner's zone, and the attendance marked over the same days (the funnel
// counts no-shows; the show rate also needs who showed up).
import { api, unwrap, type paths } from "../../api/client";
import { addDays, startOfLocalDateMs } from "../../lib/time";

export type AnalyticsReport = paths["/api/v1/links/{id}/analytics"]["get"]["responses"][200]["content"]["application/json"];
export type RangeDays = 7 | 30 | 90;
export const RANGES: RangeDays[] = [7, 30, 90];
/** Enough bookings to count a quarter's attendance for a busy link; beyond it the rate is of the latest ones. */
const ATTENDANCE_SAMPLE = 200;

const fromOf = (today: string, days: number, timeZone: string) => new Date(startOfLocalDateMs(addDays(today, -(days - 1)), timeZone)).toISOString();

export function analyticsQuery(linkId: string, days: RangeDays, timeZone: string, today: string) {
  return {
    queryKey: ["link-analytics", linkId, days, timeZone, today],
    queryFn: () => unwrap(api.GET("/api/v1/links/{id}/analytics", { params: { path: { id: linkId }, query: { from: fromOf(today, days, timeZone), timeZone } } })),
  };
}

export function attendanceQuery(linkId: string, days: RangeDays, timeZone: string, today: string) {
  return {
    queryKey: ["link-attendance", linkId, days, timeZone, today],
    queryFn: async () => {
      const page = await unwrap(
        api.GET("/api/v1/bookings", {
          params: { query: { linkId, status: "completed,no_show", from: fromOf(today, days, timeZone), to: new Date().toISOString(), order: "start_desc", limit: ATTENDANCE_SAMPLE } },
        }),
      );
      const showed = page.items.filter((booking) => booking.status === "completed").length;
      return { showed, noShows: page.items.length - showed, isSample: page.nextCursor !== null };
    },
  };
}

export function percent(rate: number): string {
  return `${(rate * 100).toFixed(rate >= 0.1 || rate === 0 ? 0 : 1)}%`;
}
