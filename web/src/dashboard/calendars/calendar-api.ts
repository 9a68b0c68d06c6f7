// The owner's calendar connections from the server, shared by the Calendars
// page and the link wizard's preview note: one query, refreshed while shown,
// since the background sync changes them without the owner doing anything.
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { CALENDARS_KEY } from "./calendar-model";

const REFRESH_MS = 30_000;

export function useCalendarConnections() {
  return useQuery({
    queryKey: CALENDARS_KEY,
    queryFn: async () => (await unwrap(api.GET("/api/v1/calendars"))).items,
    refetchInterval: REFRESH_MS,
  });
}
