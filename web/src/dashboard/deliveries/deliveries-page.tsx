// The delivery log: what Convene sent, or will send, for every booking change
// on every channel (email today), newest first, with the state of each. The
// state filter lives in the address; "load more" follows the server's cursor.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link, useSearchParams } from "wouter";
import { api, unwrap } from "../../api/client";
import { LoadMore } from "../../components/load-more";
import { ErrorText } from "../../components/notice";
import { ListSkeleton } from "../../components/skeleton";
import { formatDateTime, zoneOffsetLabel } from "../../lib/time";
import { useOwner } from "../session";
import { channelLabel, DELIVERIES_KEY, kindLabel, STATE_FILTERS, stateView, type Delivery, type DeliveryState } from "./delivery-model";
import { StateBadge } from "./state-badge";
// The empty card and the row-wide link, as in the bookings list.
import "../bookings/bookings.css";
import "./deliveries.css";
import { ScopeHint } from "../scope-hint";

const PAGE_SIZE = 25;
// Deliveries move on without the owner doing anything (the worker sends, retries, skips).
const REFRESH_MS = 15_000;

function stateParam(value: string | null): DeliveryState | "" {
  return STATE_FILTERS.find((choice) => choice.value === value)?.value ?? "";
}

export default function DeliveriesPage() {
  const { user } = useOwner();
  const [params, setParams] = useSearchParams();
  const state = stateParam(params.get("state"));
  const stateFilterId = useId();

  const log = useInfiniteQuery({
    queryKey: [...DELIVERIES_KEY, state],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET("/api/v1/deliveries", { params: { query: { limit: PAGE_SIZE, ...(state ? { state } : {}), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: REFRESH_MS,
  });
  const deliveries = log.data?.pages.flatMap((page) => page.items) ?? [];

  const setState = (value: string) => setParams(value ? { state: value } : {}, { replace: true });

  return (
    <div className="stack deliveries">
      <div className="spread">
        <h1>Delivery log</h1>
        <button type="button" className="button small" onClick={() => log.refetch()} disabled={log.isFetching}>
          {log.isFetching && !log.isFetchingNextPage ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      <ScopeHint permission="deliveries.read">You see the deliveries of the bookings you host.</ScopeHint>
      <p className="muted deliveries-intro">
        Every email Convene sends for your organisation&rsquo;s bookings, newest first: to whom, whether it went out, and what went wrong if it did not. Times in {user.timeZone.replaceAll("_", " ")} (
        {zoneOffsetLabel(user.timeZone)}).
      </p>

      <div className="deliveries-filters" role="search" aria-label="Filter deliveries">
        <div className="field">
          <label htmlFor={stateFilterId}>State</label>
          <select id={stateFilterId} value={state} onChange={(event) => setState(event.target.value)}>
            {STATE_FILTERS.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <section aria-label="Deliveries" aria-busy={log.isFetching} className="stack">
        {log.isPending ? (
          <ListSkeleton />
        ) : !log.data ? (
          <ErrorText error={log.error} />
        ) : deliveries.length === 0 ? (
          <div className="card empty">
            <p>{state ? "No deliveries in this state." : "Nothing delivered yet. When someone books one of your links, the confirmation emails appear here within a few seconds."}</p>
            {state && (
              <button type="button" className="button small" onClick={() => setState("")}>
                Show every state
              </button>
            )}
          </div>
        ) : (
          <>
            <DeliveryTable deliveries={deliveries} timeZone={user.timeZone} />
            <LoadMore count={deliveries.length} singular="delivery" plural="deliveries" list={log} />
          </>
        )}
      </section>
    </div>
  );
}

function DeliveryTable({ deliveries, timeZone }: { deliveries: Delivery[]; timeZone: string }) {
  return (
    <table className="table deliveries-table">
      <caption className="visually-hidden">Deliveries, newest first; each links to its booking</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Delivery</th>
          <th scope="col">Recipient</th>
          <th scope="col">State</th>
          <th scope="col">Attempts</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <DeliveryRow key={delivery.id} delivery={delivery} timeZone={timeZone} />
        ))}
      </tbody>
    </table>
  );
}

function DeliveryRow({ delivery, timeZone }: { delivery: Delivery; timeZone: string }) {
  const view = stateView(delivery, timeZone);
  const { recipient } = delivery;
  // A failed delivery's detail is its last error already; a retry or a late success shows why the earlier attempts failed.
  const earlierError = delivery.state !== "failed" ? delivery.lastError : null;
  return (
    <tr className={`state-${delivery.state}`}>
      <td className="cell-when">
        <time dateTime={delivery.createdAt}>{formatDateTime(delivery.createdAt, timeZone)}</time>
      </td>
      <td className="cell-delivery">
        {/* A lead's or a calendar connection's webhook has no booking to open. */}
        {delivery.bookingId === null ? (
          <span>{kindLabel(delivery.channel, delivery.kind)}</span>
        ) : (
          <Link href={`/bookings/${delivery.bookingId}`} className="row-link">
            {kindLabel(delivery.channel, delivery.kind)}
            <span className="visually-hidden">
              {" "}
              to {recipient.name}: open the booking
            </span>
          </Link>
        )}
        <span className="muted small delivery-channel">{channelLabel(delivery.channel)}</span>
      </td>
      <td className="cell-recipient">
        <span>
          {recipient.name} <span className="muted small">({recipient.role})</span>
        </span>
        <span className="muted small recipient-email">{recipient.email}</span>
      </td>
      <td className="cell-state">
        <StateBadge view={view} />
        {view.detail && <span className={`small state-detail ${delivery.state === "failed" ? "error-detail" : "muted"}`}>{view.detail}</span>}
        {earlierError && <span className="small state-detail error-detail">Last error: {earlierError}</span>}
      </td>
      <td className="cell-attempts">
        <span className="attempts-label muted small">Attempts: </span>
        {delivery.attempts}
      </td>
    </tr>
  );
}
