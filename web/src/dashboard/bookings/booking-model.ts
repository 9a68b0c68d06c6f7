// The bookings section's view of the API: types, query keys, the lookups it
// shares between list and detail (links, people), and the words for statuses.
import { useQuery } from "@tanstack/react-query";
import { api, unwrap, type paths } from "../../api/client";

export type BookingSummary = paths["/api/v1/bookings"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type BookingDetail = paths["/api/v1/bookings/{id}"]["get"]["responses"][200]["content"]["application/json"];
export type BookingStatus = BookingSummary["status"];
export type AttendanceMark = NonNullable<paths["/api/v1/bookings/{id}/attendance"]["post"]["requestBody"]>["content"]["application/json"]["status"];
export type LinkSummary = paths["/api/v1/links"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

export const BOOKINGS_KEY = ["bookings"] as const;
export const bookingKey = (id: string) => ["booking", id] as const;
const LINKS_LOOKUP_KEY = ["lookup", "links"] as const;
const MEMBERS_LOOKUP_KEY = ["lookup", "members"] as const;

export function useLinkLookup() {
  return useQuery({ queryKey: LINKS_LOOKUP_KEY, queryFn: async () => (await unwrap(api.GET("/api/v1/links"))).items, staleTime: 60_000 });
}

export function useMemberLookup() {
  return useQuery({ queryKey: MEMBERS_LOOKUP_KEY, queryFn: async () => (await unwrap(api.GET("/api/v1/members"))).items, staleTime: 5 * 60_000 });
}

export const STATUS_LABEL: Record<BookingStatus, string> = {
  scheduled: "Booked",
  rescheduled: "Rescheduled",
  cancelled: "Cancelled",
  completed: "Showed up",
  no_show: "No-show",
};

export const STATUS_TONE: Record<BookingStatus, string> = {
  scheduled: "accent",
  rescheduled: "accent",
  cancelled: "danger",
  completed: "success",
  no_show: "warning",
};

/** The status filter's choices; "active" stands for booked or rescheduled. */
export const STATUS_FILTERS = [
  { value: "", label: "Any status", statuses: undefined },
  { value: "active", label: "Booked or rescheduled", statuses: "scheduled,rescheduled" },
  { value: "cancelled", label: "Cancelled", statuses: "cancelled" },
  { value: "completed", label: "Showed up", statuses: "completed" },
  { value: "no_show", label: "No-show", statuses: "no_show" },
] as const;

export function isActive(status: BookingStatus): boolean {
  return status === "scheduled" || status === "rescheduled";
}

const LIST_SEARCH_KEY = "convene.bookings.search";

/** The list's filters ("?tab=past&q=ada"), kept so that a booking's back link returns to the same list. */
export function rememberListSearch(search: string) {
  try {
    sessionStorage.setItem(LIST_SEARCH_KEY, search);
  } catch {
    // Storage blocked: the back link goes to the unfiltered list.
  }
}

export function lastListSearch(): string {
  try {
    const search = sessionStorage.getItem(LIST_SEARCH_KEY) ?? "";
    return search ? `?${search}` : "";
  } catch {
    return "";
  }
}
