// Settings → Embedding, for owners and admins: the sites (origins) whose pages
// may show the organisation's booking pages with embed.js. Browsers refuse to
// frame a booking page anywhere else, and the page sends its events only there.
import { useId, useState, type FormEvent } from "react";
import { ErrorText } from "../../components/notice";
import { useOrganizationSettings, useSetEmbedOrigins } from "../organization-settings";
import { useOwner } from "../session";

export function EmbeddingCard() {
  const { user } = useOwner();
  const settings = useOrganizationSettings();
  if (user.role === "member") return null;
  return (
    <section className="card stack" aria-labelledby="embedding-heading">
      <h2 id="embedding-heading">Embedding</h2>
      <p className="muted small">
        Sites listed here may show your organisation's booking pages inside their own pages (with the snippet on each link's page). Browsers refuse to show them
        anywhere else.
      </p>
      {settings.error ? <ErrorText error={settings.error} /> : settings.data ? <EmbeddingForm saved={settings.data.embedOrigins} /> : <p className="muted">Loading…</p>}
    </section>
  );
}

function EmbeddingForm({ saved }: { saved: string[] }) {
  const save = useSetEmbedOrigins();
  const [text, setText] = useState(() => saved.join("\n"));
  const [message, setMessage] = useState("");
  const fieldId = useId();
  const hintId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage("");
    const origins = text
      .split(/[\s,]+/)
      .map((origin) => origin.trim())
      .filter(Boolean);
    try {
      const next = await save.mutateAsync(origins);
      setText(next.embedOrigins.join("\n"));
      setMessage(next.embedOrigins.length === 0 ? "Saved: no site may embed your booking pages." : `Saved: ${next.embedOrigins.length} site${next.embedOrigins.length === 1 ? "" : "s"} may embed your booking pages.`);
    } catch {
      // The problem is shown below the field.
    }
  };

  return (
    <form className="stack" onSubmit={submit}>
      <div className="field">
        <label htmlFor={fieldId}>Sites allowed to embed</label>
        <textarea
          id={fieldId}
          aria-describedby={hintId}
          rows={4}
          value={text}
          placeholder="https://www.example.com"
          spellCheck={false}
          autoCapitalize="off"
          onChange={(event) => setText(event.target.value)}
        />
        <p id={hintId} className="hint muted small">
          One per line, as an origin: <code>https://www.example.com</code> (scheme, host and port; no path). <code>http://</code> only for localhost. Up to 50.
        </p>
      </div>
      <div className="row">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save sites"}
        </button>
      </div>
      <ErrorText error={save.error} />
      <p role="status" className="small">
        {message}
      </p>
    </form>
  );
}
