// The funnel's stages as bars: each stage's leads as a bar (its length against
// the first stage's), with the count and the rate on to the next stage in
// words, so the numbers are read rather than measured. The bars are drawn for
// the eye only; the same numbers are in the list text and in a table.
import { percent } from "../analytics/analytics-query";
import type { FunnelStages } from "./funnel-query";

type Rates = FunnelStages["rates"];

/** Each stage with its label and the rate from it to the next (the API's names). */
const STAGES: { key: "sent" | "delivered" | "replied" | "interested" | "booked" | "showed"; label: string; next: keyof Rates | null; nextVerb: string }[] = [
  { key: "sent", label: "Sent", next: "delivery", nextVerb: "delivered" },
  { key: "delivered", label: "Delivered", next: "reply", nextVerb: "replied" },
  { key: "replied", label: "Replied", next: "interest", nextVerb: "interested" },
  { key: "interested", label: "Interested", next: "booking", nextVerb: "booked" },
  { key: "booked", label: "Booked", next: "show", nextVerb: "showed" },
  { key: "showed", label: "Showed", next: null, nextVerb: "" },
];

const leads = (count: number) => `${count} ${count === 1 ? "lead" : "leads"}`;

export function StageBars({ stages, caption }: { stages: FunnelStages; caption: string }) {
  const widest = Math.max(1, ...STAGES.map((stage) => stages[stage.key]));
  return (
    <div className="stage-chart">
      <ol className="stage-bars" aria-label={caption}>
        {STAGES.map((stage) => {
          const count = stages[stage.key];
          return (
            <li key={stage.key} className="stage">
              <span className="stage-label">{stage.label}</span>
              <span className="stage-count">{leads(count)}</span>
              <span className="stage-track" aria-hidden="true">
                <span className="stage-bar" style={{ width: `${(count / widest) * 100}%` }} />
              </span>
              {stage.next && (
                <span className="stage-rate">
                  On to {stage.nextVerb}: {percent(stages.rates[stage.next])}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <p className="muted small stage-beside">
        Beside the funnel: {leads(stages.noShow)} did not show, {leads(stages.cancelled)} cancelled. Showed per sent: {percent(stages.rates.showedPerSent)}.
      </p>
      <details className="chart-table">
        <summary>Show the stages as a table</summary>
        <div className="table-scroll" role="region" aria-label="Stages as a table" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Leads</th>
                <th scope="col">On to the next stage</th>
              </tr>
            </thead>
            <tbody>
              {STAGES.map((stage) => (
                <tr key={stage.key}>
                  <th scope="row">{stage.label}</th>
                  <td>{stages[stage.key]}</td>
                  <td>{stage.next ? `${stage.nextVerb}: ${percent(stages.rates[stage.next])}` : "—"}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">No-show</th>
                <td>{stages.noShow}</td>
                <td>—</td>
              </tr>
              <tr>
                <th scope="row">Cancelled</th>
                <td>{stages.cancelled}</td>
                <td>—</td>
              </tr>
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
