// The analytics API as the dashboard asks it: the organisation's funnel (one
// link's, or every link's with a row each) over the last N whole local days in
// the owner's zone. The server counts and rates; the browser only shows.
import { api, unwrap, type paths } from "../../api/client";
import { addDays, startOfLocalDateMs } from "../../lib/time";

export type FunnelSummary = paths["/api/v1/analytics"]["get"]["responses"][200]["content"]["application/json"];
export type RangeDays = 7 | 30 | 90;
export const RANGES: RangeDays[] = [7, 30, 90];

const fromOf = (today: string, days: number, timeZone: string) => new Date(startOfLocalDateMs(addDays(today, -(days - 1)), timeZone)).toISOString();

/** One link's funnel, or (linkId null) every link's. */
export function funnelQuery(linkId: string | null, days: RangeDays, timeZone: string, today: string) {
  return {
    queryKey: ["analytics", linkId, days, timeZone, today],
    queryFn: () => unwrap(api.GET("/api/v1/analytics", { params: { query: { from: fromOf(today, days, timeZone), timeZone, ...(linkId === null ? {} : { linkId }) } } })),
  };
}

/** A rate as a percentage; null (nothing to rate) as a dash. */
export function percent(rate: number | null): string {
  if (rate === null) return "—";
  return `${(rate * 100).toFixed(rate >= 0.1 || rate === 0 ? 0 : 1)}%`;
}

/** What the dashboard says conversion measures (the API's conversionDefinition says it at length). */
export const CONVERSION_NOTE = "Conversion: bookings made from a viewed page ÷ page views.";

/** The bookings conversion leaves out, said where they are counted. */
export function withoutViewText(count: number): string | undefined {
  if (count === 0) return undefined;
  return `${count} ${count === 1 ? "booking" : "bookings"} without a page view (API, direct)`;
}
