// The owner's bookings: upcoming and past tabs, search by invitee name or
// email, filters by link and status, "load more" paging. Filters live in the
// address, so the back button from a booking returns to the same list.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Link, useSearchParams } from "wouter";
import { api, unwrap } from "../../api/client";
import { LoadMore } from "../../components/load-more";
import { ErrorText } from "../../components/notice";
import { ListSkeleton } from "../../components/skeleton";
import { formatDateTime, formatTime, zoneOffsetLabel } from "../../lib/time";
import { scopeOf, useOwner } from "../session";
import { BOOKINGS_KEY, isActive, rememberListSearch, STATUS_FILTERS, STATUS_LABEL, STATUS_TONE, useLinkLookup, type BookingSummary } from "./booking-model";
import "./bookings.css";
import { ScopeHint } from "../scope-hint";

type Tab = "upcoming" | "past";
const TABS: { id: Tab; label: string }[] = [
  { id: "upcoming", label: "Upcoming" },
  { id: "past", label: "Past" },
];
const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

type Filters = { tab: Tab; q: string; linkId: string; status: string };

function fetchPage(filters: Filters, cursor: string | undefined) {
  const nowIso = new Date().toISOString();
  const statuses = STATUS_FILTERS.find((choice) => choice.value === filters.status)?.statuses;
  return unwrap(
    api.GET("/api/v1/bookings", {
      params: {
        query: {
          ...(filters.tab === "upcoming" ? { from: nowIso, order: "start_asc" as const } : { to: nowIso, order: "start_desc" as const }),
          ...(filters.q ? { q: filters.q } : {}),
          ...(filters.linkId ? { linkId: filters.linkId } : {}),
          ...(statuses ? { status: statuses } : {}),
          ...(cursor ? { cursor } : {}),
          limit: PAGE_SIZE,
        },
      },
    }),
  );
}

export default function BookingsPage() {
  const me = useOwner();
  const { user } = me;
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    tab: params.get("tab") === "past" ? "past" : "upcoming",
    q: params.get("q") ?? "",
    linkId: params.get("link") ?? "",
    status: params.get("status") ?? "",
  };
  const links = useLinkLookup();
  const linkTitle = new Map((links.data ?? []).map((link) => [link.id, link.title]));

  const setFilter = (name: "tab" | "q" | "link" | "status", value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value && !(name === "tab" && value === "upcoming")) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const search = params.toString();
  useEffect(() => rememberListSearch(search), [search]);

  const [draft, setDraft] = useState(filters.q);
  useEffect(() => {
    if (draft.trim() === filters.q) return;
    const timer = setTimeout(() => setFilter("q", draft.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text restarts the delay
  }, [draft]);

  const list = useInfiniteQuery({
    queryKey: [...BOOKINGS_KEY, filters],
    queryFn: ({ pageParam }) => fetchPage(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const bookings = list.data?.pages.flatMap((page) => page.items) ?? [];
  const isFiltered = Boolean(filters.q || filters.linkId || filters.status);

  const searchId = useId();
  const linkFilterId = useId();
  const statusFilterId = useId();
  const panelId = useId();

  return (
    <div className="stack bookings">
      <div className="spread">
        <h1>Bookings</h1>
        <p className="muted small bookings-zone">
          Times in {user.timeZone.replaceAll("_", " ")} ({zoneOffsetLabel(user.timeZone)})
        </p>
        {scopeOf(me, "bookings.write") && (
          <Link href="/bookings/new" className="button primary">
            New meeting
          </Link>
        )}
      </div>
      <ScopeHint permission="bookings.read">You see the bookings you host; owners and admins see everyone's.</ScopeHint>

      <Tabs current={filters.tab} panelId={panelId} onChange={(tab) => setFilter("tab", tab)} />

      <div className="bookings-filters" role="search" aria-label="Filter bookings">
        <div className="field">
          <label htmlFor={searchId}>Search</label>
          <input id={searchId} type="search" value={draft} onChange={(event) => setDraft(event.target.value)} placeholder="Invitee name or email" autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={linkFilterId}>Link</label>
          <select id={linkFilterId} value={filters.linkId} onChange={(event) => setFilter("link", event.target.value)}>
            <option value="">All links</option>
            {(links.data ?? []).map((link) => (
              <option key={link.id} value={link.id}>
                {link.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={statusFilterId}>Status</label>
          <select id={statusFilterId} value={filters.status} onChange={(event) => setFilter("status", event.target.value)}>
            {STATUS_FILTERS.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <section id={panelId} role="tabpanel" aria-labelledby={`tab-${filters.tab}`} aria-busy={list.isFetching} className="stack">
        {list.isPending ? (
          <ListSkeleton />
        ) : !list.data ? (
          <ErrorText error={list.error} />
        ) : bookings.length === 0 ? (
          <div className="card empty">
            <p>{isFiltered ? "No bookings match these filters." : filters.tab === "upcoming" ? "No upcoming bookings yet. Share a booking link to get some." : "No past bookings yet."}</p>
            {isFiltered && (
              <button
                type="button"
                className="button small"
                onClick={() => {
                  setDraft("");
                  setParams(filters.tab === "past" ? { tab: "past" } : {}, { replace: true });
                }}
              >
                Clear filters
              </button>
            )}
          </div>
        ) : (
          <>
            <BookingTable bookings={bookings} tab={filters.tab} timeZone={user.timeZone} linkTitle={linkTitle} />
            <LoadMore count={bookings.length} singular="booking" plural="bookings" list={list} />
          </>
        )}
      </section>
    </div>
  );
}

function Tabs({ current, panelId, onChange }: { current: Tab; panelId: string; onChange: (tab: Tab) => void }) {
  const refs = useRef<Record<Tab, HTMLButtonElement | null>>({ upcoming: null, past: null });
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    const index = TABS.findIndex((tab) => tab.id === current);
    const next = TABS[(index + (event.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length]!;
    onChange(next.id);
    refs.current[next.id]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label="Which bookings" onKeyDown={onKeyDown}>
      {TABS.map((tab) => (
        <button
          key={tab.id}
          ref={(element) => {
            refs.current[tab.id] = element;
          }}
          id={`tab-${tab.id}`}
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab.id === current}
          aria-controls={panelId}
          tabIndex={tab.id === current ? 0 : -1}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

/** Where a booking came from, beside the meeting's title for one made outside Convene. */
const SOURCE_LABEL: Record<BookingSummary["source"], string> = { convene: "Booked directly", calcom: "Cal.com", calendly: "Calendly" };

function BookingTable({ bookings, tab, timeZone, linkTitle }: { bookings: BookingSummary[]; tab: Tab; timeZone: string; linkTitle: Map<string, string> }) {
  return (
    <table className="table bookings-table">
      <caption className="visually-hidden">{tab === "upcoming" ? "Upcoming bookings, soonest first" : "Past bookings, latest first"}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Invitee</th>
          <th scope="col">Link</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {bookings.map((booking) => (
          <tr key={booking.id} className={booking.status === "cancelled" ? "is-cancelled" : undefined}>
            <td className="cell-when">
              <span className="when-date">{formatDateTime(booking.start, timeZone)}</span>
              <span className="muted small"> – {formatTime(booking.end, timeZone)}</span>
            </td>
            <td className="cell-invitee">
              <Link href={`/bookings/${booking.id}`} className="row-link">
                {booking.invitee.name}
              </Link>
              <span className="muted small invitee-email">{booking.invitee.email}</span>
            </td>
            <td className="cell-link">
              {booking.linkId === null ? (
                <>
                  {booking.title ?? booking.externalTitle ?? "Meeting"} <span className="badge">{SOURCE_LABEL[booking.source]}</span>
                </>
              ) : (
                (linkTitle.get(booking.linkId) ?? <span className="muted">Deleted link</span>)
              )}
            </td>
            <td className="cell-status">
              <div className="badges">
                <span className={`badge ${STATUS_TONE[booking.status]}`}>{STATUS_LABEL[booking.status]}</span>
                {tab === "past" && isActive(booking.status) && <span className="badge warning">Attendance not marked</span>}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
