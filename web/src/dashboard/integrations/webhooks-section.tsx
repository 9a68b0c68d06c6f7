// The Webhooks section of Integrations: outbound Standard Webhooks endpoints
// that hear about every booking change.
import { useQuery } from "@tanstack/react-query";
import { ErrorText } from "../../components/notice";
import { AddWebhookForm } from "./add-webhook-form";
import { WebhookCard } from "./webhook-card";
import { listWebhooks, WEBHOOKS_KEY } from "./webhook-api";

export function WebhooksSection({ timeZone }: { timeZone: string }) {
  const endpoints = useQuery({ queryKey: WEBHOOKS_KEY, queryFn: listWebhooks });
  return (
    <section className="stack" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Webhooks</h2>
      <div className="card stack">
        <p className="muted small">Convene POSTs signed messages (Standard Webhooks) to these URLs when bookings are made, moved, cancelled or marked, when a lead's status changes, and when a calendar connection needs reconnecting.</p>
        <AddWebhookForm />
      </div>
      {endpoints.isPending ? (
        <p className="muted">Loading endpoints…</p>
      ) : endpoints.error ? (
        <ErrorText error={endpoints.error} />
      ) : endpoints.data.length === 0 ? (
        <p className="muted">No webhook endpoints yet.</p>
      ) : (
        <ul className="source-list">
          {endpoints.data.map((endpoint) => (
            <WebhookCard key={endpoint.id} endpoint={endpoint} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </section>
  );
}
