// "Embed on your site" on a link's page: choose inline, popup or floating button
// and which details the site will prefill, then copy the snippet. Says so when
// no site is allowed yet (Settings → Embedding), since browsers would refuse it.
import { useId, useState } from "react";
import { Link } from "wouter";
import { CopyButton } from "../../components/copy-button";
import { useOrganizationSettings } from "../organization-settings";
import { useOwner } from "../session";
import { EMBED_MODES, embedSnippet, PREFILL_FIELDS, type EmbedMode, type PrefillField } from "./embed-snippet-model";

const MODE_LABELS: Record<EmbedMode, string> = { inline: "Inline in the page", popup: "Popup from a button", floating: "Floating button" };
const PREFILL_LABELS: Record<PrefillField, string> = { name: "Name", email: "Email", company: "Company", topic: "Topic", lead: "Lead", utm: "UTM parameters" };

export function EmbedSnippet({ bookingUrl }: { bookingUrl: string }) {
  const { user } = useOwner();
  const settings = useOrganizationSettings();
  const [mode, setMode] = useState<EmbedMode>("inline");
  const [prefill, setPrefill] = useState<PrefillField[]>([]);
  const [label, setLabel] = useState("Book a meeting");
  const labelId = useId();
  const snippetId = useId();
  const snippet = embedSnippet(bookingUrl, { mode, prefill, label });
  const origins = settings.data?.embedOrigins;

  return (
    <section className="card stack embed-snippet" aria-labelledby="embed-heading">
      <h2 id="embed-heading">Embed on your site</h2>
      {origins && origins.length === 0 ? (
        <p className="notice notice-warning">
          No site may embed your booking pages yet.{" "}
          {user.role === "member" ? "Ask an owner or admin to add your site in Settings → Embedding." : <Link href="/settings">Add your site in Settings → Embedding.</Link>}
        </p>
      ) : origins ? (
        <p className="muted small">Allowed on: {origins.join(", ")}</p>
      ) : null}
      <fieldset className="embed-options">
        <legend>How it shows</legend>
        {EMBED_MODES.map((option) => (
          <label key={option} className="check">
            <input type="radio" name="embed-mode" value={option} checked={mode === option} onChange={() => setMode(option)} /> {MODE_LABELS[option]}
          </label>
        ))}
      </fieldset>
      {mode !== "inline" ? (
        <div className="field">
          <label htmlFor={labelId}>Button label</label>
          <input id={labelId} value={label} maxLength={60} onChange={(event) => setLabel(event.target.value)} />
        </div>
      ) : null}
      <fieldset className="embed-options">
        <legend>Details your site fills in</legend>
        {PREFILL_FIELDS.map((field) => (
          <label key={field} className="check">
            <input
              type="checkbox"
              checked={prefill.includes(field)}
              onChange={(event) => setPrefill((current) => (event.target.checked ? [...current, field] : current.filter((item) => item !== field)))}
            />{" "}
            {PREFILL_LABELS[field]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={snippetId}>Snippet</label>
        <textarea id={snippetId} className="embed-code" readOnly rows={mode === "floating" ? 3 : 4} value={snippet} spellCheck={false} onFocus={(event) => event.currentTarget.select()} />
        <p className="hint muted small">Replace the sample values with your visitor's details. The page tells your site when it is ready, when a time is chosen and when it is booked.</p>
      </div>
      <div className="row">
        <CopyButton text={snippet} label="Copy snippet" />
      </div>
    </section>
  );
}
