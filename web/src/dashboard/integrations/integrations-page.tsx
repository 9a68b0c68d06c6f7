// Integrations: the Cal.com and Calendly accounts that send Convene their
// bookings, and the webhook endpoints Convene sends bookings to. Add one (its webhook URL and secret are shown once), see each
// source's deliveries and backfill state, backfill on demand.
import { useQuery } from "@tanstack/react-query";
import { ErrorText } from "../../components/notice";
import { useOwner } from "../session";
import { AddSourceForm } from "./add-source-form";
import { listSources, SOURCES_KEY } from "./source-api";
import { SourceCard } from "./source-card";
import { WebhooksSection } from "./webhooks-section";
import "../settings/settings.css";
import "./integrations.css";

export default function IntegrationsPage() {
  const { user } = useOwner();
  const sources = useQuery({ queryKey: SOURCES_KEY, queryFn: listSources });
  return (
    <div className="stack settings integrations">
      <h1>Integrations</h1>
      <section className="card stack" aria-labelledby="add-source-heading">
        <h2 id="add-source-heading">Add a booking source</h2>
        <p className="muted small">Meetings booked through your Cal.com or Calendly pages appear in Convene’s bookings, analytics and funnel.</p>
        <AddSourceForm />
      </section>
      <section className="stack" aria-labelledby="sources-heading">
        <h2 id="sources-heading">Sources</h2>
        {sources.isPending ? (
          <p className="muted">Loading sources…</p>
        ) : sources.error ? (
          <ErrorText error={sources.error} />
        ) : sources.data.length === 0 ? (
          <p className="muted">No sources yet.</p>
        ) : (
          <ul className="source-list">
            {sources.data.map((source) => (
              <SourceCard key={source.id} source={source} timeZone={user.timeZone} />
            ))}
          </ul>
        )}
      </section>
      <WebhooksSection timeZone={user.timeZone} />
    </div>
  );
}
