// Adding a webhook endpoint: URL, description, the events it receives; then
// its signing secret, shown once with a copy button.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { CopyButton } from "../../components/copy-button";
import { ErrorText } from "../../components/notice";
import { createWebhook, EVENT_LABEL, EVENT_TYPES, WEBHOOKS_KEY, type WebhookEventType } from "./webhook-api";

export function AddWebhookForm() {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>(EVENT_TYPES);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const ids = { url: useId(), description: useId(), events: useId(), secret: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const created = await createWebhook({ url: url.trim(), eventTypes: events, ...(description.trim() ? { description: description.trim() } : {}) });
      setSecret(created.secret);
      setUrl("");
      setDescription("");
      await queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY });
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  if (secret) {
    return (
      <div className="new-key stack" role="region" aria-labelledby={ids.secret}>
        <p id={ids.secret} className="new-key-title">
          The endpoint is ready. Copy its signing secret now: it will not be shown again.
        </p>
        <div className="new-key-row">
          <input className="key-value" readOnly aria-label="Signing secret" value={secret} onFocus={(event) => event.target.select()} />
          <CopyButton text={secret} label="Copy" context="the signing secret" className="button" />
        </div>
        <p className="small">Verify each request with a Standard Webhooks library (webhook-id, webhook-timestamp, webhook-signature headers).</p>
        <div>
          <button type="button" className="button" onClick={() => setSecret(null)}>
            Done, I stored it
          </button>
        </div>
      </div>
    );
  }
  const toggle = (type: WebhookEventType) => setEvents((current) => (current.includes(type) ? current.filter((t) => t !== type) : [...current, type]));
  return (
    <form className="stack source-form" onSubmit={submit} aria-label="Add a webhook endpoint">
      <div className="field">
        <label htmlFor={ids.url}>Endpoint URL</label>
        <input id={ids.url} type="url" inputMode="url" required value={url} placeholder="https://crm.example.com/hooks/convene" onChange={(event) => setUrl(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.description}>Description (optional)</label>
        <input id={ids.description} value={description} maxLength={500} onChange={(event) => setDescription(event.target.value)} />
      </div>
      <fieldset className="webhook-events">
        <legend>Events</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type} className="checkbox">
            <input type="checkbox" checked={events.includes(type)} onChange={() => toggle(type)} /> {EVENT_LABEL[type]} <code className="small">{type}</code>
          </label>
        ))}
      </fieldset>
      <div>
        <button type="submit" className="button primary" disabled={!url.trim() || events.length === 0 || isSaving}>
          {isSaving ? "Adding…" : "Add endpoint"}
        </button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
