// One inbound source: last delivery, backfill state ("unreachable since …"),
// "Backfill now", and its refused deliveries with the reason and time.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "../../components/dialog";
import { ErrorText } from "../../components/notice";
import { formatDateTime } from "../../lib/time";
import { backfillSource, deleteSource, getSource, PROVIDER_LABEL, SOURCES_KEY, sourceKey, type InboundSource } from "./source-api";

export function SourceCard({ source, timeZone }: { source: InboundSource; timeZone: string }) {
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: sourceKey(source.id), queryFn: () => getSource(source.id) });
  const [message, setMessage] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [isBackfilling, setBackfilling] = useState(false);
  const [isRemoving, setRemoving] = useState(false);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, timeZone) : "never");
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: SOURCES_KEY }), queryClient.invalidateQueries({ queryKey: sourceKey(source.id) })]);

  const backfill = async () => {
    setBackfilling(true);
    setError(null);
    setMessage("");
    try {
      const result = await backfillSource(source.id);
      setMessage(`Backfilled: ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged.`);
    } catch (cause) {
      setError(cause);
    } finally {
      setBackfilling(false);
      await refresh();
    }
  };

  const refused = (detail.data?.deliveries ?? []).filter((delivery) => delivery.outcome === "rejected" || delivery.outcome === "failed");
  const headingId = `source-${source.id}`;
  return (
    <li className="source-card card stack" aria-labelledby={headingId}>
      <div className="source-head">
        <h3 id={headingId}>{source.name}</h3>
        <span className="badge">{PROVIDER_LABEL[source.provider]}</span>
      </div>
      <dl className="source-facts small">
        <dt>Last delivery</dt>
        <dd>{when(source.lastDeliveryAt)}</dd>
        <dt>Backfill</dt>
        <dd>{source.hasApiToken ? `last ${when(source.lastBackfillAt)}` : "no API key or token"}</dd>
      </dl>
      {source.unreachableSince ? (
        <p className="warning-text small" role="status">
          {PROVIDER_LABEL[source.provider]} unreachable since {formatDateTime(source.unreachableSince, timeZone)}: bookings shown are as of the last contact.
        </p>
      ) : null}
      {source.lastError && !source.unreachableSince ? <p className="warning-text small">Last error: {source.lastError}</p> : null}
      {refused.length > 0 ? (
        <details>
          <summary>Refused deliveries ({refused.length})</summary>
          <table className="source-refusals small">
            <caption className="visually-hidden">Refused deliveries of {source.name}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {refused.map((delivery) => (
                <tr key={delivery.id}>
                  <td>{formatDateTime(delivery.receivedAt, timeZone)}</td>
                  <td>{delivery.detail ?? delivery.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
      <div className="row source-actions">
        {source.hasApiToken ? (
          <button type="button" className="button small" onClick={backfill} disabled={isBackfilling} aria-label={`Backfill ${source.name} now`}>
            {isBackfilling ? "Backfilling…" : "Backfill now"}
          </button>
        ) : null}
        <button type="button" className="button small danger" onClick={() => setRemoving(true)} aria-label={`Remove ${source.name}`}>
          Remove
        </button>
      </div>
      <p className="success-text live" role="status">
        {message}
      </p>
      <ErrorText error={error} />
      <ConfirmDialog
        isOpen={isRemoving}
        onClose={() => setRemoving(false)}
        title={`Remove “${source.name}”?`}
        confirmLabel="Remove source"
        onConfirm={async () => {
          await deleteSource(source.id);
          await refresh();
        }}
      >
        <p>Its webhook URL stops working and the bookings it brought are removed from Convene (they stay at {PROVIDER_LABEL[source.provider]}).</p>
      </ConfirmDialog>
    </li>
  );
}
