// One webhook endpoint: its state (enabled, failing since, disabled and why),
// send a test, rotate the secret (new one shown once), disable or enable,
// delete, and its delivery log as a table with a replay button per message.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CopyButton } from "../../components/copy-button";
import { ConfirmDialog } from "../../components/dialog";
import { ErrorText } from "../../components/notice";
import { formatDateTime } from "../../lib/time";
import { deleteWebhook, EVENT_LABEL, replayWebhook, rotateWebhookSecret, sendTestWebhook, updateWebhook, webhookLog, webhookLogKey, WEBHOOKS_KEY, type WebhookEndpoint } from "./webhook-api";

export function WebhookCard({ endpoint, timeZone }: { endpoint: WebhookEndpoint; timeZone: string }) {
  const queryClient = useQueryClient();
  const log = useQuery({ queryKey: webhookLogKey(endpoint.id), queryFn: () => webhookLog(endpoint.id) });
  const [message, setMessage] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const [isRemoving, setRemoving] = useState(false);
  const name = endpoint.description || endpoint.url;
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY }), queryClient.invalidateQueries({ queryKey: webhookLogKey(endpoint.id) })]);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setMessage("");
    try {
      setMessage(await action());
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
      await refresh();
    }
  };
  const outcome = (status: number | null, failure: string | null) => (status === null ? `not delivered: ${failure ?? "no answer"}` : `answered ${status}`);

  const headingId = `webhook-${endpoint.id}`;
  return (
    <li className="source-card card stack" aria-labelledby={headingId}>
      <div className="source-head">
        <h3 id={headingId}>{name}</h3>
        <span className="badge">{endpoint.isEnabled ? "Enabled" : "Disabled"}</span>
      </div>
      <dl className="source-facts small">
        <dt>URL</dt>
        <dd>{endpoint.url}</dd>
        <dt>Events</dt>
        <dd>{endpoint.eventTypes.map((type) => EVENT_LABEL[type]).join(", ")}</dd>
        {endpoint.previousSecretExpiresAt ? (
          <>
            <dt>Old secret</dt>
            <dd>still signs until {formatDateTime(endpoint.previousSecretExpiresAt, timeZone)}</dd>
          </>
        ) : null}
      </dl>
      {endpoint.disabledReason ? <p className="warning-text small">Disabled: {endpoint.disabledReason}</p> : null}
      {endpoint.isEnabled && endpoint.failingSince ? <p className="warning-text small">Failing since {formatDateTime(endpoint.failingSince, timeZone)}; five days of failures disable it.</p> : null}
      {secret ? (
        <div className="new-key stack" role="region" aria-label="New signing secret">
          <p className="new-key-title">New signing secret (shown once). The old one keeps signing for 24 hours.</p>
          <div className="new-key-row">
            <input className="key-value" readOnly aria-label="New signing secret" value={secret} onFocus={(event) => event.target.select()} />
            <CopyButton text={secret} label="Copy" context="the new signing secret" className="button" />
          </div>
        </div>
      ) : null}
      <div className="row source-actions">
        <button type="button" className="button small" disabled={isBusy} aria-label={`Send a test to ${name}`} onClick={() => run(async () => { const attempt = await sendTestWebhook(endpoint.id); return `Test sent: ${outcome(attempt.response.status, attempt.error)}.`; })}>
          Send test
        </button>
        <button type="button" className="button small" disabled={isBusy} aria-label={`Rotate the secret of ${name}`} onClick={() => run(async () => { setSecret((await rotateWebhookSecret(endpoint.id)).secret); return "Secret rotated."; })}>
          Rotate secret
        </button>
        <button type="button" className="button small" disabled={isBusy} onClick={() => run(async () => { await updateWebhook(endpoint.id, { isEnabled: !endpoint.isEnabled }); return endpoint.isEnabled ? "Disabled." : "Enabled."; })}>
          {endpoint.isEnabled ? "Disable" : "Enable"}
        </button>
        <button type="button" className="button small danger" onClick={() => setRemoving(true)} aria-label={`Delete ${name}`}>
          Delete
        </button>
      </div>
      <p className="success-text live" role="status">
        {message}
      </p>
      <ErrorText error={error} />
      <details>
        <summary>Delivery log ({log.data?.length ?? 0})</summary>
        {log.error ? <ErrorText error={log.error} /> : null}
        <div className="table-scroll">
          <table className="source-refusals webhook-log small">
            <caption className="visually-hidden">Delivery log of {name}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Attempt</th>
                <th scope="col">Answer</th>
                <th scope="col">Next attempt</th>
                <th scope="col">Replay</th>
              </tr>
            </thead>
            <tbody>
              {(log.data ?? []).map((attempt) => (
                <tr key={attempt.id}>
                  <td>{formatDateTime(attempt.at, timeZone)}</td>
                  <td>
                    {attempt.eventType}
                    <br />
                    <code className="muted">{attempt.messageId}</code>
                  </td>
                  <td>
                    {attempt.attempt}
                    {attempt.isReplay ? " (replay)" : ""}
                  </td>
                  <td>
                    {outcome(attempt.response.status, attempt.error)} in {attempt.durationMs} ms
                    {attempt.response.body ? <pre className="webhook-body">{attempt.response.body}</pre> : null}
                  </td>
                  <td>{attempt.nextAttemptAt ? formatDateTime(attempt.nextAttemptAt, timeZone) : "—"}</td>
                  <td>
                    <button type="button" className="button small" disabled={isBusy} aria-label={`Replay ${attempt.messageId}`} onClick={() => run(async () => `Replayed: ${outcome((await replayWebhook(endpoint.id, attempt.id)).response.status, null)}.`)}>
                      Replay
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <ConfirmDialog isOpen={isRemoving} onClose={() => setRemoving(false)} title={`Delete “${name}”?`} confirmLabel="Delete endpoint" onConfirm={async () => { await deleteWebhook(endpoint.id); await refresh(); }}>
        <p>Convene stops sending it webhooks, and its delivery log is deleted.</p>
      </ConfirmDialog>
    </li>
  );
}
