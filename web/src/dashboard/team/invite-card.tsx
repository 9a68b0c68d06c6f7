// Inviting people (owners only): the form, and the open invitations with their
// state, when they expire, and Resend (a new link for 7 more days) or Withdraw.
import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client";
import { ConfirmDialog } from "../../components/dialog";
import { Field, focusFirstError, problemFieldErrors } from "../../components/form-field";
import { ErrorText } from "../../components/notice";
import { TimeZoneSelect } from "../../components/time-zone-select";
import { formatDateTime } from "../../lib/time";
import { useOwner } from "../session";
import { ROLE_HINTS, teamProblemText, useInvitations, useRefreshTeam, type InvitableRole, type Invitation } from "./team-api";

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const INVITABLE: InvitableRole[] = ["member", "admin"];

type Form = { email: string; name: string; role: InvitableRole; timeZone: string };
type Errors = Partial<Record<keyof Form, string>>;
const ORDER: (keyof Form)[] = ["email", "name", "role", "timeZone"];

function checkForm(form: Form): Errors {
  const errors: Errors = {};
  if (!form.email.trim()) errors.email = "Enter the address to send the invitation to.";
  else if (!EMAIL.test(form.email.trim())) errors.email = "Enter an email address like name@example.com.";
  if (!form.name.trim()) errors.name = "Enter their name; they can change it when accepting.";
  return errors;
}

export function InviteCard() {
  const me = useOwner();
  const refresh = useRefreshTeam();
  const empty: Form = { email: "", name: "", role: "member", timeZone: me.user.timeZone };
  const [form, setForm] = useState<Form>(empty);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  const [message, setMessage] = useState("");
  const set = (change: Partial<Form>) => setForm((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isSending) return;
    const found = checkForm(form);
    setErrors(found);
    setFormError(null);
    setMessage("");
    if (Object.keys(found).length > 0) {
      focusFirstError(ORDER.filter((key) => found[key]));
      return;
    }
    setSending(true);
    try {
      const invitation = await unwrap(api.POST("/api/v1/invitations", { body: { email: form.email.trim(), name: form.name.trim(), role: form.role, timeZone: form.timeZone } }));
      setMessage(`Invitation sent to ${invitation.email}.`);
      setForm(empty);
    } catch (cause) {
      const fields: Errors = {};
      for (const { path, message: text } of problemFieldErrors(cause)) {
        if ((ORDER as string[]).includes(path)) fields[path as keyof Form] ??= text[0]!.toUpperCase() + text.slice(1) + ".";
      }
      setErrors(fields);
      setFormError(Object.keys(fields).length > 0 ? null : teamProblemText(cause));
      if (Object.keys(fields).length > 0) focusFirstError(ORDER.filter((key) => fields[key]));
    } finally {
      setSending(false);
      await refresh();
    }
  };

  return (
    <section className="card stack" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <form className="stack" noValidate onSubmit={submit}>
        <div className="invite-grid">
          <Field name="email" label="Email" error={errors.email}>
            {(control) => <input {...control} type="email" value={form.email} maxLength={254} autoComplete="off" onChange={(event) => set({ email: event.target.value })} />}
          </Field>
          <Field name="name" label="Name" error={errors.name}>
            {(control) => <input {...control} value={form.name} maxLength={200} autoComplete="off" onChange={(event) => set({ name: event.target.value })} />}
          </Field>
        </div>
        <Field name="role" label="Role" error={errors.role} hint={ROLE_HINTS[form.role]}>
          {(control) => (
            <select {...control} value={form.role} onChange={(event) => set({ role: event.target.value as InvitableRole })}>
              {INVITABLE.map((role) => (
                <option key={role} value={role}>
                  {role === "admin" ? "Admin" : "Member"}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="timeZone" label="Their time zone" error={errors.timeZone} hint="Their hours start in this zone; they can change it when accepting.">
          {(control) => <TimeZoneSelect {...control} value={form.timeZone} onChange={(timeZone) => set({ timeZone })} />}
        </Field>
        {formError ? (
          <p className="error-text" role="alert">
            {formError}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" className="button primary" disabled={isSending}>
            {isSending ? "Sending…" : "Send invitation"}
          </button>
          <span className="success-text" role="status">
            {message}
          </span>
        </div>
      </form>
    </section>
  );
}

export function InvitationsCard() {
  const me = useOwner();
  const invitations = useInvitations(true);
  const refresh = useRefreshTeam();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [resendingId, setResendingId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState("");

  const resend = async (invitation: Invitation) => {
    setResendingId(invitation.id);
    setProblem(null);
    setMessage("");
    try {
      await unwrap(api.POST("/api/v1/invitations/{id}/resend", { params: { path: { id: invitation.id } } }));
      setMessage(`Sent again to ${invitation.email}, with a new link; the previous link no longer works.`);
    } catch (cause) {
      setProblem(teamProblemText(cause));
    } finally {
      setResendingId(null);
      await refresh();
    }
  };

  const items = invitations.data ?? [];
  return (
    <section className="card stack" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Open invitations</h2>
      {invitations.isPending ? (
        <p className="muted">Loading invitations…</p>
      ) : invitations.error ? (
        <ErrorText error={invitations.error} />
      ) : items.length === 0 ? (
        <p className="muted">No open invitations. Accepted ones appear under Members.</p>
      ) : (
        <ul className="member-list" aria-label="Open invitations">
          {items.map((invitation) => (
            <li key={invitation.id} className="member-row">
              <div className="member-who">
                <span className="member-name">{invitation.name}</span>
                <span className="muted small member-email">
                  {invitation.email} · {invitation.role === "admin" ? "Admin" : "Member"}
                </span>
                <span className="muted small">
                  {invitation.status === "expired"
                    ? `Expired ${formatDateTime(invitation.expiresAt, me.user.timeZone)}; resend to send a new link.`
                    : `Sent ${formatDateTime(invitation.lastSentAt, me.user.timeZone)} · link works until ${formatDateTime(invitation.expiresAt, me.user.timeZone)}`}
                </span>
              </div>
              <div className="member-role">
                <span className={`badge ${invitation.status === "expired" ? "warning" : "accent"}`}>{invitation.status === "expired" ? "Expired" : "Pending"}</span>
              </div>
              <div className="member-action row">
                <button type="button" className="button small" disabled={resendingId === invitation.id} onClick={() => void resend(invitation)} aria-label={`Resend the invitation to ${invitation.email}`}>
                  {resendingId === invitation.id ? "Sending…" : "Resend"}
                </button>
                <button type="button" className="button small danger" onClick={() => setRevoking(invitation)} aria-label={`Revoke the invitation to ${invitation.email}`}>
                  Revoke
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {problem ? (
        <p className="error-text" role="alert">
          {problem}
        </p>
      ) : null}
      <p className="success-text live" role="status">
        {message}
      </p>
      <ConfirmDialog
        isOpen={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Withdraw the invitation to ${revoking?.email ?? ""}?`}
        confirmLabel="Withdraw invitation"
        cancelLabel="Keep it open"
        onConfirm={async () => {
          if (!revoking) return;
          await unwrap(api.DELETE("/api/v1/invitations/{id}", { params: { path: { id: revoking.id } } }));
          setMessage(`Withdrew the invitation to ${revoking.email}.`);
          await refresh();
        }}
      >
        <p>Their link will say the invitation was withdrawn. You can invite the address again later.</p>
      </ConfirmDialog>
    </section>
  );
}
