// A booking link's funnel for the owner: views and bookings per day as a chart,
// with totals (views, bookings, conversion, cancellations, no-shows, show rate)
// over the last 7, 30 or 90 days in the owner's time zone, all from one answer
// of the server. Used by the analytics page and by the link's own page.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ErrorText } from "../../components/notice";
import { Skeleton } from "../../components/skeleton";
import { localDate } from "../../lib/time";
import { useNow } from "../../lib/use-now";
import { useOwner } from "../session";
import { CONVERSION_NOTE, funnelQuery, percent, RANGES, withoutViewText, type RangeDays } from "./analytics-query";
import { FunnelChart, formatDay } from "./funnel-chart";
import "./analytics.css";

export function LinkAnalytics({ linkId, title }: { linkId: string; title?: string }) {
  const { user } = useOwner();
  const timeZone = user.timeZone;
  const [days, setDays] = useState<RangeDays>(30);
  const today = localDate(useNow(), timeZone);
  // The previous period stays on screen while the next one loads.
  const report = useQuery({ ...funnelQuery(linkId, days, timeZone, today), placeholderData: keepPreviousData });
  const headingId = useId();

  const totals = report.data?.totals;
  const marked = totals ? totals.showed + totals.noShows : 0;
  const firstDay = report.data?.days[0]?.date;
  const lastDay = report.data?.days.at(-1)?.date;

  return (
    <section className="card stack link-analytics" aria-labelledby={headingId} aria-busy={report.isFetching}>
      <div className="spread">
        <h2 id={headingId}>{title ?? "Views and bookings"}</h2>
        <RangePicker value={days} onChange={setDays} />
      </div>
      {report.isPending ? (
        <div className="stack" aria-hidden="true">
          <Skeleton height="4.5rem" radius="10px" />
          <Skeleton height="13rem" radius="10px" />
        </div>
      ) : report.error ? (
        <ErrorText error={report.error} />
      ) : (
        <>
          <p className="muted small range-note">
            {firstDay && lastDay ? `${formatDay(firstDay, true)} – ${formatDay(lastDay, true)}` : ""}, days in {timeZone.replaceAll("_", " ")}
          </p>
          <dl className="stats">
            <Stat label="Views" value={String(totals!.views)} />
            <Stat label="Bookings" value={String(totals!.bookings)} hint={withoutViewText(totals!.bookingsWithoutView)} />
            <Stat label="Conversion" value={percent(totals!.bookingRate)} hint="from a viewed page ÷ views" />
            <Stat label="Cancelled" value={String(totals!.cancellations)} />
            <Stat label="No-shows" value={String(totals!.noShows)} />
            <Stat label="Show rate" value={percent(totals!.showRate)} hint={marked === 0 ? "no attendance marked yet" : `of ${marked} marked`} />
          </dl>
          <p className="muted small conversion-note">{CONVERSION_NOTE}</p>
          <FunnelChart title={`Views and bookings per day, last ${days} days`} days={report.data.days} />
        </>
      )}
    </section>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd>
        <span className="stat-value">{value}</span>
        {hint && <span className="stat-hint">{hint}</span>}
      </dd>
    </div>
  );
}

function RangePicker({ value, onChange }: { value: RangeDays; onChange: (days: RangeDays) => void }) {
  const name = useId();
  return (
    <fieldset className="range-picker">
      <legend className="visually-hidden">Period</legend>
      {RANGES.map((days) => (
        <label key={days}>
          <input type="radio" name={name} value={days} checked={value === days} onChange={() => onChange(days)} />
          <span>{days} days</span>
        </label>
      ))}
    </fieldset>
  );
}

export default LinkAnalytics;
