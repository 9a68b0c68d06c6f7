// Free slots for the month on screen, grouped by date in the viewer's zone.
// Slots are fetched per month (not per zone) and grouped here, so choosing
// another zone converts the calendar and the times at once, without a request.
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { localDate } from "../lib/time";
import { addMonths, monthWindow, type MonthKey } from "./month";
import type { Slot, SlotsView, SlotWindow } from "./public-api";
import { fetchAllSlots } from "./slot-pages";

/** Where slots come from: a cache key prefix and the request for one window. */
export type SlotSource = { key: readonly unknown[]; fetch(window: SlotWindow): Promise<SlotsView> };

/** Dates of the month with their slots, in order; dates without slots are absent. */
export type SlotsByDate = Map<string, Slot[]>;

function queryOptions(source: SlotSource, month: MonthKey) {
  return { queryKey: [...source.key, month], queryFn: () => fetchAllSlots((window) => source.fetch(window), monthWindow(month)) };
}

export function groupByDate(view: SlotsView, month: MonthKey, timeZone: string): SlotsByDate {
  const byDate: SlotsByDate = new Map();
  for (const day of view.days) {
    for (const slot of day.slots) {
      const date = localDate(slot.start, timeZone);
      if (!date.startsWith(month)) continue;
      const list = byDate.get(date);
      if (list) list.push(slot);
      else byDate.set(date, [slot]);
    }
  }
  return new Map([...byDate].sort(([a], [b]) => a.localeCompare(b)));
}

export function useMonthSlots(source: SlotSource, month: MonthKey, timeZone: string, lastMonth: MonthKey) {
  const queryClient = useQueryClient();
  const query = useQuery(queryOptions(source, month));
  const byDate = useMemo(() => (query.data ? groupByDate(query.data, month, timeZone) : null), [query.data, month, timeZone]);
  const hasData = Boolean(query.data);
  useEffect(() => {
    // The next month is the likeliest next click: have it ready.
    if (hasData && month < lastMonth) void queryClient.prefetchQuery(queryOptions(source, addMonths(month, 1)));
  }, [hasData, month, lastMonth, queryClient, source]);
  return { byDate, isPending: query.isPending, error: query.error, refetch: query.refetch };
}

/** The first month after `after` (up to lastMonth) with free time in the zone, or null. */
export async function nextMonthWithSlots(queryClient: QueryClient, source: SlotSource, after: MonthKey, lastMonth: MonthKey, timeZone: string): Promise<MonthKey | null> {
  for (let month = addMonths(after, 1); month <= lastMonth; month = addMonths(month, 1)) {
    const view = await queryClient.fetchQuery(queryOptions(source, month));
    if (groupByDate(view, month, timeZone).size > 0) return month;
  }
  return null;
}

/** Drops cached slots so the calendar shows what is free now (after a slot was taken or booked). */
export function refreshSlots(queryClient: QueryClient, source: SlotSource) {
  void queryClient.invalidateQueries({ queryKey: source.key });
}
