// The two ways to add a calendar: a CalDAV account (iCloud, Fastmail,
// Nextcloud or any other server, with an app password) and a read-only ICS
// feed. A failure is explained beside the form and keeps what was typed; after
// a success the form is emptied, so the password is never on the page again.
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { api, ApiProblem, unwrap } from "../../api/client";
import { Field, focusFirstError, problemFieldErrors } from "../../components/form-field";
import { CALDAV_PRESETS, connectProblem, presetOf, type CalDavPresetId, type Connection } from "./calendar-model";

type FieldErrors = Record<string, string>;

/** Field errors of a VALIDATION_FAILED answer for these fields; what belongs to none of them stays in the general message. */
function fieldErrorsOf(error: unknown, fields: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problemFieldErrors(error)) {
    const field = fields.find((name) => problem.path === name || problem.path.startsWith(`${name}.`));
    if (field && !errors[field]) errors[field] = problem.message;
  }
  return errors;
}

/** What went wrong, next to the form: a title, what to try and the server's own words. */
function ConnectError({ error, kind }: { error: unknown; kind: "caldav" | "ics" }) {
  if (!error) return null;
  const code = error instanceof ApiProblem ? error.code : "UNKNOWN";
  const detail = error instanceof Error ? error.message : String(error);
  const problem = connectProblem(code, detail, kind);
  return (
    <div className="connect-error" role="alert">
      <p className="connect-error-title">{problem.title}</p>
      {problem.advice ? <p>{problem.advice}</p> : null}
      {problem.detail && problem.detail !== problem.title ? <p className="small connect-error-detail">{problem.detail}</p> : null}
    </div>
  );
}

/** Submits a connect form: checks first, then the server; a failure keeps the form as typed and focuses the first field at fault. */
function useConnect<Body>(prefix: "caldav" | "ics", fields: readonly string[], post: (body: Body) => Promise<Connection>, onConnected: (connection: Connection) => Promise<void> | void) {
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [isPending, setPending] = useState(false);
  const submit = async (body: Body, localErrors: FieldErrors, onSuccess: () => void) => {
    setFieldErrors(localErrors);
    if (Object.keys(localErrors).length > 0) {
      setError(null);
      focusFirstError(fields.filter((field) => localErrors[field]).map((field) => `${prefix}-${field}`));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const connection = await post(body);
      onSuccess();
      await onConnected(connection);
    } catch (cause) {
      const errors = fieldErrorsOf(cause, fields);
      setFieldErrors(errors);
      setError(cause);
      if (Object.keys(errors).length > 0) focusFirstError(fields.filter((field) => errors[field]).map((field) => `${prefix}-${field}`));
    } finally {
      setPending(false);
    }
  };
  return { error, fieldErrors, isPending, submit };
}

// The API's field names; the fields' element ids carry the form's prefix ("caldav-username").
const CALDAV_FIELDS = ["serverUrl", "username", "password", "label"] as const;
const ICS_FIELDS = ["url", "label"] as const;

type CalDavState = { preset: CalDavPresetId; serverUrl: string; username: string; password: string; label: string };
const EMPTY_CALDAV: CalDavState = { preset: "icloud", serverUrl: CALDAV_PRESETS[0]!.serverUrl, username: "", password: "", label: "" };

export function CalDavForm({ onConnected }: { onConnected: (connection: Connection) => Promise<void> | void }) {
  const [form, setForm] = useState<CalDavState>(EMPTY_CALDAV);
  const [isPasswordShown, setIsPasswordShown] = useState(false);
  const headingId = useId();
  const preset = presetOf(form.preset);
  const connect = useConnect("caldav", CALDAV_FIELDS, (body: { serverUrl: string; username: string; password: string; label?: string }) => unwrap(api.POST("/api/v1/calendars/caldav", { body })), onConnected);
  const set = (change: Partial<CalDavState>) => setForm((current) => ({ ...current, ...change }));

  const choosePreset = (id: CalDavPresetId) => {
    const next = presetOf(id);
    // A preset's fixed address replaces another preset's; an address typed by hand stays.
    const isPresetUrl = form.serverUrl === "" || CALDAV_PRESETS.some((candidate) => candidate.serverUrl === form.serverUrl.trim());
    set({ preset: id, serverUrl: next.serverUrl || (isPresetUrl ? "" : form.serverUrl) });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!form.serverUrl.trim()) errors.serverUrl = "Enter the server's address.";
    if (!form.username.trim()) errors.username = "Enter your user name.";
    if (!form.password) errors.password = "Enter an app password.";
    const body = { serverUrl: form.serverUrl.trim(), username: form.username.trim(), password: form.password, ...(form.label.trim() ? { label: form.label.trim() } : {}) };
    void connect.submit(body, errors, () => {
      setForm({ ...EMPTY_CALDAV, preset: form.preset, serverUrl: preset.serverUrl });
      setIsPasswordShown(false);
    });
  };

  return (
    <form className="card stack connect-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId}>Connect CalDAV</h3>
      <p className="muted small">iCloud, Fastmail, Nextcloud and most other calendar services speak CalDAV. Convene reads your busy times and writes new bookings into the calendar you choose.</p>
      <fieldset className="preset-choices">
        <legend className="label">Provider</legend>
        <div className="preset-options">
          {CALDAV_PRESETS.map((candidate) => (
            <label key={candidate.id} className="preset-option">
              <input type="radio" name="caldav-preset" value={candidate.id} checked={form.preset === candidate.id} onChange={() => choosePreset(candidate.id)} />
              <span>{candidate.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field name="caldav-serverUrl" label="Server address" hint={preset.serverHint} error={connect.fieldErrors.serverUrl}>
        {(control) => (
          <input {...control} type="url" inputMode="url" autoComplete="url" spellCheck={false} placeholder={preset.serverPlaceholder} value={form.serverUrl} maxLength={2000} onChange={(event) => set({ serverUrl: event.target.value })} />
        )}
      </Field>
      <Field name="caldav-username" label="User name" hint={preset.usernameHint} error={connect.fieldErrors.username}>
        {(control) => <input {...control} autoComplete="off" autoCapitalize="none" spellCheck={false} value={form.username} maxLength={320} onChange={(event) => set({ username: event.target.value })} />}
      </Field>
      <Field name="caldav-password" label="App password" hint={<AppPasswordHelp presetId={form.preset} />} error={connect.fieldErrors.password}>
        {(control) => (
          <div className="secret-input">
            <input {...control} type={isPasswordShown ? "text" : "password"} autoComplete="new-password" spellCheck={false} value={form.password} maxLength={1000} onChange={(event) => set({ password: event.target.value })} />
            <button type="button" className="button small ghost" aria-pressed={isPasswordShown} onClick={() => setIsPasswordShown((shown) => !shown)}>
              {isPasswordShown ? "Hide" : "Show"}
              <span className="visually-hidden"> app password</span>
            </button>
          </div>
        )}
      </Field>
      <Field name="caldav-label" label="Name in Convene" optional hint="Shown on this page; e.g. “Work calendar”." error={connect.fieldErrors.label}>
        {(control) => <input {...control} value={form.label} maxLength={200} onChange={(event) => set({ label: event.target.value })} />}
      </Field>
      <ConnectError error={connect.error} kind="caldav" />
      <div>
        <button type="submit" className="button primary" disabled={connect.isPending}>
          {connect.isPending ? "Connecting…" : "Connect"}
        </button>
      </div>
    </form>
  );
}

function AppPasswordHelp({ presetId }: { presetId: CalDavPresetId }): ReactNode {
  const preset = presetOf(presetId);
  if (preset.appPasswordSteps.length === 0) return "If your provider offers app passwords, make one for Convene rather than using your main password.";
  const [first, ...rest] = preset.appPasswordSteps;
  return (
    <>
      Not your {preset.label} password: make an app password for Convene in{" "}
      {preset.appPasswordSite ? (
        <a href={preset.appPasswordSite} target="_blank" rel="noreferrer">
          {first}
        </a>
      ) : (
        first
      )}
      {rest.map((step) => (
        <span key={step}> → {step}</span>
      ))}
      . It is stored encrypted and never shown again.
    </>
  );
}

type IcsState = { url: string; label: string };
const EMPTY_ICS: IcsState = { url: "", label: "" };

export function IcsFeedForm({ onConnected }: { onConnected: (connection: Connection) => Promise<void> | void }) {
  const [form, setForm] = useState<IcsState>(EMPTY_ICS);
  const headingId = useId();
  const connect = useConnect("ics", ICS_FIELDS, (body: { url: string; label?: string }) => unwrap(api.POST("/api/v1/calendars/ics", { body })), onConnected);
  const set = (change: Partial<IcsState>) => setForm((current) => ({ ...current, ...change }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!form.url.trim()) errors.url = "Enter the feed's address.";
    void connect.submit({ url: form.url.trim(), ...(form.label.trim() ? { label: form.label.trim() } : {}) }, errors, () => setForm(EMPTY_ICS));
  };

  return (
    <form className="card stack connect-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId}>Add ICS feed</h3>
      <p className="muted small">
        A calendar published as an address ending in .ics (Google Calendar&rsquo;s secret address, Outlook&rsquo;s published calendar, a team&rsquo;s rota). It is read-only: its events block your
        time, and Convene never writes to it.
      </p>
      <Field
        name="ics-url"
        label="Feed address"
        hint="An https:// or webcal:// address. Keep it secret: anyone with it can read the calendar. Convene stores it encrypted and shows only the server's name afterwards."
        error={connect.fieldErrors.url}
      >
        {(control) => (
          <input {...control} type="url" inputMode="url" autoComplete="off" spellCheck={false} placeholder="https://calendar.example.com/feed.ics" value={form.url} maxLength={4000} onChange={(event) => set({ url: event.target.value })} />
        )}
      </Field>
      <Field name="ics-label" label="Name in Convene" optional hint="By default, the feed's own name." error={connect.fieldErrors.label}>
        {(control) => <input {...control} value={form.label} maxLength={200} onChange={(event) => set({ label: event.target.value })} />}
      </Field>
      <ConnectError error={connect.error} kind="ics" />
      <div>
        <button type="submit" className="button primary" disabled={connect.isPending}>
          {connect.isPending ? "Adding…" : "Add feed"}
        </button>
      </div>
    </form>
  );
}
