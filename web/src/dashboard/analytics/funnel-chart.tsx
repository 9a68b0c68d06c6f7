// Views and bookings per day as a hand-drawn SVG bar chart: views as wide pale
// bars, bookings as narrow solid bars in front. Screen readers get a summary as
// the image's description, and everyone can open the same numbers as a table.
import { useEffect, useId, useRef, useState } from "react";

export type ChartDay = { date: string; views: number; bookings: number };

const HEIGHT_PX = 220;
const MARGIN = { top: 12, right: 8, bottom: 26, left: 36 };
const MIN_LABEL_GAP_PX = 56;

const dayLabel = new Intl.DateTimeFormat(undefined, { timeZone: "UTC", day: "numeric", month: "short" });
const longDayLabel = new Intl.DateTimeFormat(undefined, { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });
/** Dates are local calendar dates ("2026-11-24"): formatted as UTC so no zone shifts them. */
export const formatDay = (date: string, isLong = false) => (isLong ? longDayLabel : dayLabel).format(new Date(`${date}T00:00:00Z`));

/** A round axis maximum at or above `max`: 1, 2, 5 × 10ⁿ, so the gridlines fall on whole numbers. */
function niceMax(max: number): number {
  if (max <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= max)!;
  return step * magnitude;
}

/** Centred under its day, unless that would run past the chart's right edge. */
function labelPosition(centreX: number, rightX: number): { x: number; textAnchor: "middle" | "end" } {
  return centreX + 22 > rightX ? { x: rightX, textAnchor: "end" } : { x: centreX, textAnchor: "middle" };
}

function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [widthPx, setWidthPx] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidthPx(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, widthPx] as const;
}

export function FunnelChart({ days, title }: { days: ChartDay[]; title: string }) {
  const [containerRef, widthPx] = useWidth<HTMLDivElement>();
  const titleId = useId();
  const descId = useId();
  const totals = days.reduce((sum, day) => ({ views: sum.views + day.views, bookings: sum.bookings + day.bookings }), { views: 0, bookings: 0 });
  const busiest = days.reduce<ChartDay | null>((best, day) => (day.views > (best?.views ?? 0) ? day : best), null);
  const first = days[0];
  const last = days[days.length - 1];
  const description =
    first && last
      ? `${totals.views} views and ${totals.bookings} bookings from ${formatDay(first.date, true)} to ${formatDay(last.date, true)}.` +
        (busiest ? ` Most views on ${formatDay(busiest.date, true)}: ${busiest.views}.` : " No views in this period.")
      : "No data.";

  const innerW = Math.max(0, widthPx - MARGIN.left - MARGIN.right);
  const innerH = HEIGHT_PX - MARGIN.top - MARGIN.bottom;
  const yMax = niceMax(Math.max(...days.map((day) => Math.max(day.views, day.bookings)), 0));
  const y = (value: number) => MARGIN.top + innerH - (value / yMax) * innerH;
  const band = days.length ? innerW / days.length : 0;
  const labelEvery = Math.max(1, Math.ceil(MIN_LABEL_GAP_PX / Math.max(band, 1)));
  const tickStep = yMax % 4 === 0 ? yMax / 4 : yMax / 5;
  const ticks = Array.from({ length: Math.round(yMax / tickStep) + 1 }, (_, index) => index * tickStep);

  return (
    <div className="funnel-chart">
      <ul className="chart-legend" aria-hidden="true">
        <li>
          <span className="swatch swatch-views" /> Views
        </li>
        <li>
          <span className="swatch swatch-bookings" /> Bookings
        </li>
      </ul>
      <div ref={containerRef} className="chart-frame">
        {widthPx > 0 && (
          <svg width={widthPx} height={HEIGHT_PX} role="img" aria-labelledby={`${titleId} ${descId}`} className="chart-svg">
            <title id={titleId}>{title}</title>
            <desc id={descId}>{description}</desc>
            {ticks.map((tick) => (
              <g key={tick} className="chart-grid">
                <line x1={MARGIN.left} x2={widthPx - MARGIN.right} y1={y(tick)} y2={y(tick)} />
                <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
                  {tick}
                </text>
              </g>
            ))}
            {days.map((day, index) => {
              const x = MARGIN.left + index * band;
              const viewsW = Math.max(1, band * 0.8);
              const bookingsW = Math.max(1, band * 0.4);
              return (
                <g key={day.date}>
                  <title>{`${formatDay(day.date, true)}: ${day.views} ${day.views === 1 ? "view" : "views"}, ${day.bookings} ${day.bookings === 1 ? "booking" : "bookings"}`}</title>
                  <rect x={x} y={MARGIN.top} width={band} height={innerH} className="chart-hit" />
                  {day.views > 0 && <rect x={x + (band - viewsW) / 2} y={y(day.views)} width={viewsW} height={y(0) - y(day.views)} className="bar-views" rx={Math.min(3, viewsW / 4)} />}
                  {day.bookings > 0 && (
                    <rect x={x + (band - bookingsW) / 2} y={y(day.bookings)} width={bookingsW} height={y(0) - y(day.bookings)} className="bar-bookings" rx={Math.min(2, bookingsW / 4)} />
                  )}
                  {(days.length - 1 - index) % labelEvery === 0 && (
                    <text {...labelPosition(x + band / 2, widthPx - MARGIN.right)} y={HEIGHT_PX - 8} className="chart-axis">
                      {formatDay(day.date)}
                    </text>
                  )}
                </g>
              );
            })}
            <line x1={MARGIN.left} x2={widthPx - MARGIN.right} y1={y(0)} y2={y(0)} className="chart-baseline" />
            {totals.views === 0 && totals.bookings === 0 && (
              <text x={MARGIN.left + innerW / 2} y={MARGIN.top + innerH / 2} textAnchor="middle" className="chart-empty">
                No views or bookings in these days
              </text>
            )}
          </svg>
        )}
      </div>
      <details className="chart-table">
        <summary>Show the numbers as a table</summary>
        <div className="table-scroll" role="region" aria-label="Daily numbers" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Views</th>
                <th scope="col">Bookings</th>
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.date}>
                  <th scope="row">{formatDay(day.date, true)}</th>
                  <td>{day.views}</td>
                  <td>{day.bookings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
