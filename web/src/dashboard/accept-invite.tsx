// The invited person's page (/accept-invite?token=…): who invited them to which
// organisation, then their name, own password and time zone; accepting signs
// them in and lands them in the dashboard. A link that no longer works gets a
// screen that says why and what to do.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { api, ApiProblem, isProblem, setCsrfToken, unwrap, type paths, type ProblemCode } from "../api/client";
import { Field, focusFirstError, problemFieldErrors } from "../components/form-field";
import { Notice } from "../components/notice";
import { PageSkeleton } from "../components/skeleton";
import { ThemeToggle } from "../components/theme-toggle";
import { TimeZoneSelect } from "../components/time-zone-select";
import { browserTimeZone, formatDateTime } from "../lib/time";
import { fetchMe, ME_KEY } from "./session";
import "./links/links.css";
import "./team/team.css";

const HOME = "/dashboard/links";
/** The server's minimum (core/account/limits.ts), checked here so the mistake shows before sending; the API's message wins if it differs. */
const MIN_PASSWORD_CHARS = 10;

type Form = { name: string; password: string; timeZone: string };
type Errors = Partial<Record<keyof Form, string>>;
const ORDER: (keyof Form)[] = ["name", "password", "timeZone"];

const DEAD_LINKS: Partial<Record<ProblemCode, { tone: "neutral" | "warning"; title: string; body: string; canSignIn?: boolean }>> = {
  INVITATION_EXPIRED: { tone: "warning", title: "This invitation has expired", body: "Invitation links work for 7 days. Ask the person who invited you to send it again; the new mail has a fresh link." },
  INVITATION_REVOKED: { tone: "warning", title: "This invitation was withdrawn", body: "The organisation withdrew it. If you think that is a mistake, ask the person who invited you." },
  INVITATION_USED: { tone: "neutral", title: "This invitation was already accepted", body: "Your account exists: sign in with your email and the password you chose.", canSignIn: true },
  INVITATION_NOT_FOUND: {
    tone: "neutral",
    title: "This invitation link does not work",
    body: "It may have been replaced by a newer invitation (each resend sends a new link), or it was copied incompletely. Open the newest invitation mail, or ask for a new one.",
  },
};

function deadLinkOf(error: unknown) {
  if (error instanceof ApiProblem && DEAD_LINKS[error.code]) return DEAD_LINKS[error.code]!;
  // A token the API refuses as malformed is as unknown as one it cannot find.
  if (isProblem(error, "VALIDATION_FAILED", "NOT_FOUND")) return DEAD_LINKS.INVITATION_NOT_FOUND!;
  return null;
}

export default function AcceptInvite() {
  const token = new URLSearchParams(useSearch()).get("token") ?? "";
  const invitation = useQuery({
    queryKey: ["invitation", token],
    enabled: token !== "",
    retry: false,
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET("/api/v1/invitations/accept/{token}", { params: { path: { token } } })),
  });
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    document.title = "Join your team · Convene";
  }, []);

  const dead = token === "" ? DEAD_LINKS.INVITATION_NOT_FOUND! : deadLinkOf(failure ?? invitation.error);
  let content;
  if (dead) {
    content = (
      <Notice tone={dead.tone} title={dead.title} role="alert">
        <p>{dead.body}</p>
        {dead.canSignIn ? (
          <p>
            <Link href="~/signin" className="button primary">
              Sign in
            </Link>
          </p>
        ) : null}
      </Notice>
    );
  } else if (invitation.isPending) {
    content = <PageSkeleton />;
  } else if (invitation.error) {
    content = (
      <Notice tone="danger" title="The invitation could not be loaded" role="alert">
        <p>{invitation.error.message}</p>
        <p>
          <button type="button" className="button" onClick={() => void invitation.refetch()}>
            Try again
          </button>
        </p>
      </Notice>
    );
  } else {
    content = <AcceptForm token={token} invitation={invitation.data} onDeadLink={setFailure} />;
  }

  return (
    <div className="auth-page">
      <header className="auth-header">
        <span className="brand">Convene</span>
        <ThemeToggle />
      </header>
      <main className="page narrow auth-main">{content}</main>
    </div>
  );
}

type InvitationView = paths["/api/v1/invitations/accept/{token}"]["get"]["responses"][200]["content"]["application/json"];

function AcceptForm({ token, invitation, onDeadLink }: { token: string; invitation: InvitationView; onDeadLink: (error: unknown) => void }) {
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>({ name: invitation.name, password: "", timeZone: browserTimeZone() });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isPasswordShown, setPasswordShown] = useState(false);
  const set = (change: Partial<Form>) => setForm((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    const found: Errors = {};
    if (!form.name.trim()) found.name = "Enter your name, as your team and invitees will see it.";
    if (form.password.length < MIN_PASSWORD_CHARS) found.password = `Use at least ${MIN_PASSWORD_CHARS} characters.`;
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      focusFirstError(ORDER.filter((key) => found[key]));
      return;
    }
    setBusy(true);
    try {
      const answer = await unwrap(api.POST("/api/v1/invitations/accept", { body: { token, name: form.name.trim(), password: form.password, timeZone: form.timeZone } }));
      setCsrfToken(answer.csrfToken);
      queryClient.removeQueries({ queryKey: ME_KEY });
      await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe });
      navigate(`~${HOME}`, { replace: true });
    } catch (error) {
      setBusy(false);
      if (deadLinkOf(error) && !isProblem(error, "VALIDATION_FAILED")) {
        onDeadLink(error);
        return;
      }
      const fields: Errors = {};
      for (const { path, message } of problemFieldErrors(error)) {
        if ((ORDER as string[]).includes(path)) fields[path as keyof Form] ??= message[0]!.toUpperCase() + message.slice(1) + ".";
      }
      if (isProblem(error, "UNKNOWN_TIME_ZONE")) fields.timeZone = "This time zone is not known to the server; choose another.";
      setErrors(fields);
      if (isProblem(error, "EMAIL_TAKEN")) setFormError(`An account with ${invitation.email} already exists. Sign in with it, or ask to be invited at another address.`);
      else setFormError(Object.keys(fields).length > 0 ? null : error instanceof Error ? error.message : "Something went wrong. Try again.");
      if (Object.keys(fields).length > 0) focusFirstError(ORDER.filter((key) => fields[key]));
    }
  };

  const inviter = invitation.inviterName ?? "An owner";
  return (
    <form className="card stack auth-card" noValidate onSubmit={submit} aria-labelledby="accept-heading">
      <div>
        <h1 id="accept-heading">Join {invitation.organization} on Convene</h1>
        <p className="muted">
          {inviter} invited you as {invitation.role === "admin" ? "an admin" : "a member"}, to host meetings with the team. Choose your password to accept.
        </p>
      </div>
      <dl className="accept-facts">
        <dt>Organisation</dt>
        <dd>{invitation.organization}</dd>
        <dt>Invited by</dt>
        <dd>{inviter}</dd>
        <dt>Your email</dt>
        <dd>{invitation.email}</dd>
        <dt>Link works until</dt>
        <dd>{formatDateTime(invitation.expiresAt, form.timeZone)}</dd>
      </dl>
      {formError ? (
        <p className="notice notice-danger auth-error" role="alert">
          {formError}
        </p>
      ) : null}
      {/* For password managers: the account this password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
      <Field name="name" label="Your name" error={errors.name}>
        {(control) => <input {...control} value={form.name} autoComplete="name" maxLength={200} onChange={(event) => set({ name: event.target.value })} />}
      </Field>
      <Field name="password" label="Choose a password" error={errors.password} hint={`At least ${MIN_PASSWORD_CHARS} characters; a few words are easy to remember.`}>
        {(control) => (
          <div className="password-input">
            <input {...control} type={isPasswordShown ? "text" : "password"} value={form.password} autoComplete="new-password" maxLength={256} onChange={(event) => set({ password: event.target.value })} />
            <button type="button" className="button small ghost" aria-pressed={isPasswordShown} onClick={() => setPasswordShown((shown) => !shown)}>
              {isPasswordShown ? "Hide" : "Show"}
              <span className="visually-hidden"> password</span>
            </button>
          </div>
        )}
      </Field>
      <Field name="timeZone" label="Your time zone" error={errors.timeZone} hint="Your meeting hours and the dashboard's times use this zone.">
        {(control) => <TimeZoneSelect {...control} value={form.timeZone} onChange={(timeZone) => set({ timeZone })} />}
      </Field>
      <button type="submit" className="button primary auth-submit" disabled={isBusy}>
        {isBusy ? "Joining…" : `Join ${invitation.organization}`}
      </button>
    </form>
  );
}
