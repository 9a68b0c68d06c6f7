// The Funnel page: how many leads went from the first email to a meeting that
// happened, over a date range and per campaign, with the attendees waiting to
// be matched and a warning when a Cal.com or Calendly source is not answering
// (the numbers are then the last known ones).
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ErrorText, Notice } from "../../components/notice";
import { Skeleton } from "../../components/skeleton";
import { addDays, formatDateTime, localDate, startOfLocalDateMs } from "../../lib/time";
import { useNow } from "../../lib/use-now";
import { percent } from "../analytics/analytics-query";
import { ScopeHint } from "../scope-hint";
import { scopeOf, useOwner } from "../session";
import { leadFunnelQuery, PROVIDER_NAMES, type LeadFunnel } from "./funnel-query";
import { StageBars } from "./stage-bars";
import { UnmatchedQueue } from "./unmatched-queue";
import "../analytics/analytics.css";
import "./funnel.css";

const DEFAULT_DAYS = 30;

export default function FunnelPage() {
  const me = useOwner();
  const zone = me.user.timeZone;
  const today = localDate(useNow(), zone);
  const [fromDate, setFromDate] = useState(addDays(today, -(DEFAULT_DAYS - 1)));
  const [toDate, setToDate] = useState(today);
  const [campaignId, setCampaignId] = useState<string>("");
  const ids = { from: useId(), to: useId(), campaign: useId() };
  const isRangeValid = fromDate !== "" && toDate !== "" && fromDate <= toDate;
  // Whole local days: from the start of the first to the start of the day after the last.
  const window = isRangeValid ? { from: new Date(startOfLocalDateMs(fromDate, zone)).toISOString(), to: new Date(startOfLocalDateMs(addDays(toDate, 1), zone)).toISOString() } : null;
  const all = useQuery({ ...leadFunnelQuery(window ?? { from: "", to: "" }, null), enabled: window !== null });
  const one = useQuery({ ...leadFunnelQuery(window ?? { from: "", to: "" }, campaignId), enabled: window !== null && campaignId !== "" });
  const shown = campaignId === "" ? all : one;
  const campaigns = all.data?.campaigns.filter((row): row is typeof row & { campaignId: string } => row.campaignId !== null) ?? [];

  return (
    <div className="stack funnel-page">
      <h1>Funnel</h1>
      <ScopeHint permission="analytics.read">Counted over the leads you own.</ScopeHint>
      {all.data && <SourceWarnings sources={all.data.sources} timeZone={zone} />}
      <form className="funnel-filters" onSubmit={(event) => event.preventDefault()} aria-label="Funnel filters">
        <div className="field">
          <label htmlFor={ids.campaign}>Campaign</label>
          <select id={ids.campaign} value={campaignId} onChange={(event) => setCampaignId(event.target.value)}>
            <option value="">All campaigns</option>
            {campaigns.map((row) => (
              <option key={row.campaignId} value={row.campaignId}>
                {row.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.from}>From</label>
          <input id={ids.from} type="date" value={fromDate} max={toDate || undefined} onChange={(event) => setFromDate(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>To (inclusive)</label>
          <input id={ids.to} type="date" value={toDate} min={fromDate || undefined} onChange={(event) => setToDate(event.target.value)} />
        </div>
      </form>
      {!isRangeValid && <p className="error-text" role="alert">Pick a start day on or before the end day.</p>}
      <section className="card stack" aria-labelledby="stages-heading">
        <h2 id="stages-heading">From first email to meeting</h2>
        <p className="muted small">Distinct leads per stage in these days: outreach by when it happened, bookings by when they were made. A lead who booked, cancelled and booked again counts once, by the latest booking.</p>
        {shown.isPending ? <Skeleton height="12rem" radius="10px" /> : shown.error ? <ErrorText error={shown.error} /> : <StageBars stages={shown.data.totals} caption="Leads per stage" />}
      </section>
      {all.data && <CampaignTable rows={all.data.campaigns} />}
      {scopeOf(me, "leads.read") !== null && <UnmatchedQueue />}
    </div>
  );
}

function SourceWarnings({ sources, timeZone }: { sources: LeadFunnel["sources"]; timeZone: string }) {
  const down = sources.filter((source) => source.unreachableSince !== null);
  if (down.length === 0) return null;
  return (
    <Notice tone="warning" title="Some bookings may be missing" role="status">
      <ul className="plain-list">
        {down.map((source) => (
          <li key={source.id}>
            {PROVIDER_NAMES[source.provider]} ({source.name}) unreachable since {formatDateTime(source.unreachableSince!, timeZone)}; showing the last known data
            {source.lastBackfillAt ? ` (last synced ${formatDateTime(source.lastBackfillAt, timeZone)})` : ""}.
          </li>
        ))}
      </ul>
    </Notice>
  );
}

function CampaignTable({ rows }: { rows: LeadFunnel["campaigns"] }) {
  if (rows.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="campaigns-heading">
      <h2 id="campaigns-heading">Per campaign</h2>
      <div className="summary-scroll" role="region" aria-label="Per campaign, scrollable" tabIndex={0}>
        <table className="table funnel-campaigns">
          <thead>
            <tr>
              <th scope="col">Campaign</th>
              <th scope="col">Sent</th>
              <th scope="col">Delivered</th>
              <th scope="col">Replied</th>
              <th scope="col">Interested</th>
              <th scope="col">Booked</th>
              <th scope="col">Showed</th>
              <th scope="col">No-show</th>
              <th scope="col">Cancelled</th>
              <th scope="col">Booked ÷ interested</th>
              <th scope="col">Showed ÷ sent</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.campaignId ?? "none"}>
                <th scope="row">{row.name ?? "No campaign"}</th>
                <td>{row.sent}</td>
                <td>{row.delivered}</td>
                <td>{row.replied}</td>
                <td>{row.interested}</td>
                <td>{row.booked}</td>
                <td>{row.showed}</td>
                <td>{row.noShow}</td>
                <td>{row.cancelled}</td>
                <td>{percent(row.rates.booking)}</td>
                <td>{percent(row.rates.showedPerSent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
