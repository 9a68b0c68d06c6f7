// Your name, handle and time zone (PATCH /api/v1/me). A new handle moves every
// booking URL, so it asks first; after saving, the dashboard reloads /me.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { api, isProblem, unwrap, type ApiProblem } from "../../api/client";
import { ConfirmDialog } from "../../components/dialog";
import { ErrorText } from "../../components/notice";
import { TimeZoneSelect } from "../../components/time-zone-select";
import { ME_KEY, useOwner } from "../session";

/** The server's rule (core/account/handle.ts), checked here too so mistakes show while typing. */
const HANDLE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/;

type Fields = { name: string; handle: string; timeZone: string };

function fieldErrorOf(error: unknown, field: keyof Fields): string | null {
  if (!isProblem(error)) return null;
  if (field === "handle" && error.code === "HANDLE_TAKEN") return "Another account already has this handle. Try another.";
  const errors = (error as ApiProblem).body.errors;
  if (!Array.isArray(errors)) return null;
  const match = errors.find((entry: { path?: string }) => entry.path === `body.${field}`) as { message?: string } | undefined;
  return match?.message ?? null;
}

export function ProfileCard() {
  const me = useOwner();
  const queryClient = useQueryClient();
  const saved: Fields = { name: me.user.name, handle: me.user.handle, timeZone: me.user.timeZone };
  const [fields, setFields] = useState<Fields>(saved);
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const [isConfirming, setConfirming] = useState(false);
  const [message, setMessage] = useState("");
  const nameId = useId();
  const handleId = useId();
  const handleHintId = useId();
  const handleErrorId = useId();

  const changes = Object.fromEntries((Object.keys(fields) as (keyof Fields)[]).filter((key) => fields[key].trim() !== saved[key]).map((key) => [key, fields[key].trim()])) as Partial<Fields>;
  const hasChanges = Object.keys(changes).length > 0;
  const handleProblem =
    fields.handle && !HANDLE_PATTERN.test(fields.handle) ? "Use 2 to 40 lower-case letters, digits and dashes; start and end with a letter or digit." : fieldErrorOf(error, "handle");
  const nameProblem = fields.name.trim() === "" ? "Your name cannot be empty." : fieldErrorOf(error, "name");
  const origin = window.location.origin;

  const save = async () => {
    setSaving(true);
    setError(null);
    setMessage("");
    try {
      const updated = await unwrap(api.PATCH("/api/v1/me", { body: changes }));
      queryClient.setQueryData(ME_KEY, updated);
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      // A new handle changes every link's booking URL: let every screen reload what it shows.
      if (changes.handle) await queryClient.invalidateQueries();
      setFields({ name: updated.user.name, handle: updated.user.handle, timeZone: updated.user.timeZone });
      setMessage("Profile saved.");
    } catch (cause) {
      setError(cause);
      throw cause;
    } finally {
      setSaving(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!hasChanges || handleProblem || nameProblem) return;
    if (changes.handle) setConfirming(true);
    else void save().catch(() => undefined);
  };

  return (
    <section className="card stack" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={nameId}>Name</label>
          <input id={nameId} value={fields.name} maxLength={200} autoComplete="name" aria-invalid={nameProblem ? true : undefined} onChange={(event) => setFields({ ...fields, name: event.target.value })} />
          {nameProblem && <p className="error-text">{nameProblem}</p>}
        </div>
        <div className="field">
          <label htmlFor={handleId}>Handle</label>
          <div className="handle-input">
            <span className="handle-prefix" aria-hidden="true">
              {origin.replace(/^https?:\/\//, "")}/
            </span>
            <input
              id={handleId}
              value={fields.handle}
              maxLength={40}
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              aria-describedby={`${handleHintId}${handleProblem ? ` ${handleErrorId}` : ""}`}
              aria-invalid={handleProblem ? true : undefined}
              onChange={(event) => setFields({ ...fields, handle: event.target.value.toLowerCase().replace(/\s+/g, "-") })}
            />
          </div>
          <p className="hint" id={handleHintId}>
            The first part of every booking URL of yours: {origin}/<strong>{fields.handle || "…"}</strong>/intro-call. Changing it changes all of them, and
            links you have already shared stop working.
          </p>
          {handleProblem && (
            <p className="error-text" id={handleErrorId}>
              {handleProblem}
            </p>
          )}
        </div>
        <TimeZoneSelect
          label="Time zone"
          value={fields.timeZone}
          onChange={(timeZone) => setFields({ ...fields, timeZone })}
          hint="The dashboard shows times in this zone. Each link keeps the zone of its own hours."
        />
        {error && !fieldErrorOf(error, "handle") && !fieldErrorOf(error, "name") ? <ErrorText error={error} /> : null}
        <div className="row">
          <button type="submit" className="button primary" disabled={!hasChanges || isSaving || Boolean(handleProblem) || Boolean(nameProblem)}>
            {isSaving ? "Saving…" : "Save profile"}
          </button>
          {hasChanges && (
            <button type="button" className="button ghost" onClick={() => { setFields(saved); setError(null); }} disabled={isSaving}>
              Undo changes
            </button>
          )}
          <span className="success-text" role="status">
            {message}
          </span>
        </div>
      </form>
      <ConfirmDialog
        isOpen={isConfirming}
        onClose={() => setConfirming(false)}
        title="Change your booking URLs?"
        confirmLabel="Change handle"
        cancelLabel="Keep the old handle"
        tone="primary"
        onConfirm={save}
      >
        <p>
          Your links move from {origin}/{saved.handle}/… to {origin}/{changes.handle}/…. Addresses you have already shared will stop working.
        </p>
      </ConfirmDialog>
    </section>
  );
}
