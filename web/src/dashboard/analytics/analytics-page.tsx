// The analytics section: pick one of the organisation's links to see its
// funnel over time, above a 30-day summary of every link (one request for all).
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Link, useSearchParams } from "wouter";
import { ErrorText, Notice } from "../../components/notice";
import { PageSkeleton } from "../../components/skeleton";
import { localDate } from "../../lib/time";
import { useNow } from "../../lib/use-now";
import { useLinkLookup } from "../bookings/booking-model";
import { useOwner } from "../session";
import { CONVERSION_NOTE, funnelQuery, percent, withoutViewText } from "./analytics-query";
import { LinkAnalytics } from "./link-analytics";
import "./analytics.css";
import { ScopeHint } from "../scope-hint";

export default function AnalyticsPage() {
  const links = useLinkLookup();
  const [params, setParams] = useSearchParams();
  const selectId = useId();

  if (links.isPending) return <PageSkeleton />;
  if (links.error) return <ErrorText error={links.error} />;
  if (links.data.length === 0) {
    return (
      <div className="stack">
        <h1>Analytics</h1>
        <Notice title="No links yet">
          <p>Analytics count the views and bookings of your booking links.</p>
          <p>
            <Link href="/links/new">Create a link</Link>
          </p>
        </Notice>
      </div>
    );
  }

  const selected = links.data.find((link) => link.id === params.get("link")) ?? links.data[0]!;
  const select = (linkId: string) => setParams({ link: linkId }, { replace: true });

  return (
    <div className="stack">
      <h1>Analytics</h1>
      <ScopeHint permission="analytics.read">Counted over your links and the bookings you host.</ScopeHint>
      <div className="field analytics-link-field">
        <label htmlFor={selectId}>Link</label>
        <select id={selectId} value={selected.id} onChange={(event) => select(event.target.value)}>
          {links.data.map((link) => (
            <option key={link.id} value={link.id}>
              {link.title}
              {link.isActive ? "" : " (off)"}
            </option>
          ))}
        </select>
      </div>
      <LinkAnalytics key={selected.id} linkId={selected.id} title={selected.title} />
      {links.data.length > 1 && <Summary links={links.data} selectedId={selected.id} onSelect={select} />}
    </div>
  );
}

function Summary({ links, selectedId, onSelect }: { links: { id: string; title: string }[]; selectedId: string; onSelect: (linkId: string) => void }) {
  const { user } = useOwner();
  const today = localDate(useNow(), user.timeZone);
  const summary = useQuery(funnelQuery(null, 30, user.timeZone, today));
  const rowOf = new Map(summary.data?.rows.map((row) => [row.key, row]));
  return (
    <section className="card stack" aria-labelledby="summary-heading">
      <h2 id="summary-heading">All links, last 30 days</h2>
      <div className="summary-scroll" role="region" aria-label="All links, scrollable" tabIndex={0}>
        <table className="table analytics-summary">
          <thead>
            <tr>
              <th scope="col">Link</th>
              <th scope="col">Views</th>
              <th scope="col">Bookings</th>
              <th scope="col">Conversion</th>
              <th scope="col">Show rate</th>
            </tr>
          </thead>
          <tbody>
            {links.map((link) => {
              const totals = rowOf.get(link.id);
              return (
                <tr key={link.id} aria-current={link.id === selectedId ? "true" : undefined}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => onSelect(link.id)}>
                      {link.title}
                    </button>
                  </th>
                  <td>{totals?.views ?? "…"}</td>
                  <td>{totals?.bookings ?? "…"}</td>
                  <td>{totals ? percent(totals.bookingRate) : "…"}</td>
                  <td>{totals ? percent(totals.showRate) : "…"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        {CONVERSION_NOTE}
        {summary.data && summary.data.totals.bookingsWithoutView > 0 ? ` ${withoutViewText(summary.data.totals.bookingsWithoutView)} across these links.` : ""}
      </p>
    </section>
  );
}
