// The top bar's bell: the unread count, a list of the newest notices (a click
// marks one read and opens its booking), "Mark all read", and the live stream
// (server-sent events) that refreshes the bell, the bookings and analytics as
// bookings and notices arrive, without a reload.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useLocation } from "wouter";
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/client";
import { BOOKINGS_KEY } from "../bookings/booking-model";

type Page = paths["/api/v1/notifications"]["get"]["responses"][200]["content"]["application/json"];
type Item = Page["items"][number];

export const NOTIFICATIONS_KEY = ["notifications"] as const;
/** What a live event may have changed: the bell, the bookings list and detail, analytics. */
const LIVE_KEYS = [NOTIFICATIONS_KEY, BOOKINGS_KEY, ["booking"], ["analytics"]] as const;

function useLiveUpdates() {
  const queryClient = useQueryClient();
  useEffect(() => {
    // EventSource reconnects by itself (after the server's retry) when the stream ends or drops.
    const source = new EventSource("/api/v1/notifications/stream");
    const refresh = () => {
      for (const queryKey of LIVE_KEYS) void queryClient.invalidateQueries({ queryKey });
    };
    source.addEventListener("notification", refresh);
    source.addEventListener("booking", refresh);
    return () => source.close();
  }, [queryClient]);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function NotificationBell() {
  useLiveUpdates();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [isOpen, setIsOpen] = useState(false);
  const panelId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const notices = useQuery({ queryKey: NOTIFICATIONS_KEY, queryFn: () => unwrap(api.GET("/api/v1/notifications", { params: { query: { limit: 20 } } })) });
  const markRead = useMutation({
    mutationFn: (body: { ids: number[] } | { all: true }) => unwrap(api.POST("/api/v1/notifications/read", { body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });

  useEffect(() => {
    if (!isOpen) return;
    const closeOutside = (event: MouseEvent) => {
      if (wrapper.current && !wrapper.current.contains(event.target as Node)) setIsOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === "Escape") setIsOpen(false);
    };
    document.addEventListener("mousedown", closeOutside);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("mousedown", closeOutside);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, [isOpen]);

  const unread = notices.data?.unreadCount ?? 0;
  const open = (item: Item) => {
    if (!item.readAt) markRead.mutate({ ids: [item.id] });
    setIsOpen(false);
    if (item.bookingId) navigate(`/bookings/${item.bookingId}`);
  };

  return (
    <div className="bell" ref={wrapper}>
      <button
        type="button"
        className="button small ghost bell-button"
        aria-label={`Notifications, ${unread} unread`}
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setIsOpen((value) => !value)}
      >
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 ? <span className="bell-count">{unread > 99 ? "99+" : unread}</span> : null}
      </button>
      {isOpen ? (
        <div className="bell-panel" id={panelId} role="region" aria-label="Notifications">
          <div className="bell-head">
            <strong>Notifications</strong>
            <button type="button" className="button small ghost" disabled={unread === 0 || markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
              Mark all read
            </button>
          </div>
          {notices.data && notices.data.items.length === 0 ? <p className="muted small bell-empty">Nothing yet. New, moved and cancelled meetings show up here.</p> : null}
          <ul className="bell-list">
            {notices.data?.items.map((item) => (
              <li key={item.id}>
                <button type="button" className={`bell-item${item.readAt ? "" : " is-unread"}`} onClick={() => open(item)}>
                  <span className="bell-title">
                    {item.readAt ? null : <span className="visually-hidden">Unread: </span>}
                    {item.title}
                  </span>
                  {item.body ? <span className="small muted">{item.body}</span> : null}
                  <span className="small muted">{timeFormat.format(new Date(item.createdAt))}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
