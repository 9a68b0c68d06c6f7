// Adding a Cal.com or Calendly account: provider, name, an optional API key or
// token; then the webhook URL and signing secret, shown once with copy buttons
// and where to paste them.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { CopyButton } from "../../components/copy-button";
import { ErrorText } from "../../components/notice";
import { createSource, PROVIDER_LABEL, SOURCES_KEY, type CreatedSource, type Provider } from "./source-api";

export function AddSourceForm() {
  const queryClient = useQueryClient();
  const [provider, setProvider] = useState<Provider>("calcom");
  const [name, setName] = useState("");
  const [apiToken, setApiToken] = useState("");
  const [created, setCreated] = useState<CreatedSource | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const ids = { provider: useId(), name: useId(), token: useId(), tokenHint: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setSaving(true);
    setError(null);
    try {
      setCreated(await createSource({ provider, name: name.trim(), ...(apiToken.trim() ? { apiToken: apiToken.trim() } : {}) }));
      setName("");
      setApiToken("");
      await queryClient.invalidateQueries({ queryKey: SOURCES_KEY });
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  if (created) return <NewSource created={created} onDone={() => setCreated(null)} />;
  return (
    <form className="stack source-form" onSubmit={submit} aria-label="Add a source">
      <div className="source-form-row">
        <div className="field">
          <label htmlFor={ids.provider}>Provider</label>
          <select id={ids.provider} value={provider} onChange={(event) => setProvider(event.target.value as Provider)}>
            <option value="calcom">Cal.com</option>
            <option value="calendly">Calendly</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.name}>Name</label>
          <input id={ids.name} value={name} maxLength={100} placeholder={`e.g. Sales ${PROVIDER_LABEL[provider]}`} onChange={(event) => setName(event.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.token}>{provider === "calcom" ? "Cal.com API key (optional)" : "Calendly personal access token (optional)"}</label>
        <input id={ids.token} type="password" autoComplete="off" value={apiToken} aria-describedby={ids.tokenHint} onChange={(event) => setApiToken(event.target.value)} />
        <p id={ids.tokenHint} className="muted small">
          {provider === "calcom"
            ? "With a key (cal_…) Convene also fetches recent bookings, so a missed webhook loses no meeting."
            : "With a token Convene subscribes its webhook at Calendly itself and fetches recent bookings."}
        </p>
      </div>
      <div>
        <button type="submit" className="button primary" disabled={!name.trim() || isSaving}>
          {isSaving ? "Adding…" : "Add source"}
        </button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}

function NewSource({ created, onDone }: { created: CreatedSource; onDone: () => void }) {
  const ids = { title: useId(), url: useId(), secret: useId() };
  const { source } = created;
  return (
    <div className="new-key stack" role="region" aria-labelledby={ids.title}>
      <p id={ids.title} className="new-key-title">
        “{source.name}” is ready. Copy the secret now: it will not be shown again.
      </p>
      <div className="field">
        <label htmlFor={ids.url}>Webhook URL</label>
        <div className="new-key-row">
          <input id={ids.url} className="key-value" readOnly value={created.webhookUrl} onFocus={(event) => event.target.select()} />
          <CopyButton text={created.webhookUrl} label="Copy" context="the webhook URL" className="button" />
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.secret}>Signing secret</label>
        <div className="new-key-row">
          <input id={ids.secret} className="key-value" readOnly value={created.signingSecret} onFocus={(event) => event.target.select()} />
          <CopyButton text={created.signingSecret} label="Copy" context="the signing secret" className="button" />
        </div>
      </div>
      {source.provider === "calcom" ? (
        <p className="small">
          In Cal.com open <strong>Settings → Developer → Webhooks → New</strong>, paste the URL as the subscriber URL and the secret as the secret, and keep the booking
          triggers (created, rescheduled, cancelled, no-show updated, meeting ended).
        </p>
      ) : source.isSubscribed ? (
        <p className="small">Convene subscribed this URL at Calendly with your token: nothing to paste.</p>
      ) : (
        <p className="small">Without a token, create a webhook subscription at Calendly for this URL with the secret as its signing key.</p>
      )}
      <div>
        <button type="button" className="button" onClick={onDone}>
          Done, I stored it
        </button>
      </div>
    </div>
  );
}
