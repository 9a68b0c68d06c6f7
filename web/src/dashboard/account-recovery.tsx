// The signed-out account pages a mail leads to: "Forgot password?" (ask for a
// reset link), /reset-password?token=… (choose a new password) and
// /confirm-email?token=… (confirm a new sign-in address). The token is read
// from the address; a used or expired link gets its own screen, not a form.
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { Link, useSearch } from "wouter";
import { api, ApiProblem, unwrap } from "../api/client";
import { Field, focusFirstError } from "../components/form-field";
import { ThemeToggle } from "../components/theme-toggle";
import "./links/links.css";

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const MIN_PASSWORD_CHARS = 10;

function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Convene`;
  }, [title]);
  return (
    <div className="auth-page">
      <header className="auth-header">
        <span className="brand">Convene</span>
        <ThemeToggle />
      </header>
      <main className="page narrow auth-main">{children}</main>
    </div>
  );
}

/** The screen for a link that cannot be used: why, and what to do instead. */
function LinkProblem({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card stack auth-card" aria-labelledby="auth-heading">
      <h1 id="auth-heading">{title}</h1>
      {children}
    </section>
  );
}

function useToken(): string {
  return new URLSearchParams(useSearch()).get("token") ?? "";
}

/** Why a mailed link was refused ("used", "expired", "unknown"), or null for any other problem. */
function refusalOf(error: unknown, code: string): string | null {
  if (!(error instanceof ApiProblem) || error.code !== code) return null;
  return typeof error.body.reason === "string" ? error.body.reason : "unknown";
}

export function ForgotPassword() {
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = email.trim();
    const problem = !trimmed ? "Enter your email address." : !EMAIL.test(trimmed) ? "Enter an email address like name@example.com." : undefined;
    setError(problem);
    setFormError(null);
    if (problem) return focusFirstError(["email"]);
    setIsBusy(true);
    try {
      setAnswer((await unwrap(api.POST("/api/v1/auth/password-reset", { body: { email: trimmed } }))).message);
    } catch (cause) {
      setFormError(cause instanceof ApiProblem ? cause.detail : "Something went wrong. Try again.");
    } finally {
      setIsBusy(false);
    }
  };

  if (answer) {
    return (
      <AuthLayout title="Check your mail">
        <section className="card stack auth-card" aria-labelledby="auth-heading">
          <h1 id="auth-heading">Check your mail</h1>
          <p role="status">{answer}</p>
          <p className="muted small">Nothing after a few minutes? Look in your spam folder, or check the address and ask again.</p>
          <p className="auth-switch">
            <Link href="/signin">Back to sign in</Link>
          </p>
        </section>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Reset your password">
      <form className="card stack auth-card" noValidate onSubmit={submit} aria-labelledby="auth-heading">
        <div>
          <h1 id="auth-heading">Reset your password</h1>
          <p className="muted">Enter the email you sign in with. We will mail you a link to choose a new password.</p>
        </div>
        {formError ? (
          <p className="notice notice-danger auth-error" role="alert">
            {formError}
          </p>
        ) : null}
        <Field name="email" label="Email" error={error}>
          {(control) => <input {...control} type="email" value={email} autoComplete="username" maxLength={254} onChange={(event) => setEmail(event.target.value)} />}
        </Field>
        <button type="submit" className="button primary auth-submit" disabled={isBusy}>
          {isBusy ? "Sending…" : "Send reset link"}
        </button>
        <p className="muted small auth-switch">
          Remembered it? <Link href="/signin">Sign in</Link>
        </p>
      </form>
    </AuthLayout>
  );
}

export function ResetPassword() {
  const token = useToken();
  const [password, setPassword] = useState("");
  const [isShown, setIsShown] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<string | null>(token ? null : "unknown");
  const [formError, setFormError] = useState<string | null>(null);
  const [doneEmail, setDoneEmail] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = !password ? "Enter a new password." : password.length < MIN_PASSWORD_CHARS ? `Use at least ${MIN_PASSWORD_CHARS} characters.` : undefined;
    setError(problem);
    setFormError(null);
    if (problem) return focusFirstError(["password"]);
    setIsBusy(true);
    try {
      setDoneEmail((await unwrap(api.POST("/api/v1/auth/password-reset/confirm", { body: { token, password } }))).email);
    } catch (cause) {
      const reason = refusalOf(cause, "RESET_TOKEN_INVALID");
      if (reason) setRefusal(reason);
      else setFormError(cause instanceof ApiProblem ? cause.detail : "Something went wrong. Try again.");
    } finally {
      setIsBusy(false);
    }
  };

  if (doneEmail) {
    return (
      <AuthLayout title="Password changed">
        <section className="card stack auth-card" aria-labelledby="auth-heading">
          <h1 id="auth-heading">Your password is changed</h1>
          <p role="status">Sign in with {doneEmail} and your new password. Every other session was signed out.</p>
          <Link href="/signin" className="button primary auth-submit">
            Sign in
          </Link>
        </section>
      </AuthLayout>
    );
  }
  if (refusal) {
    return (
      <AuthLayout title="Reset link not valid">
        <LinkProblem title={refusal === "used" ? "This reset link was already used" : refusal === "expired" ? "This reset link has expired" : "This reset link is not valid"}>
          <p>{refusal === "expired" ? "Reset links work for one hour." : refusal === "used" ? "Each reset link works once." : "The link may be incomplete: copy the whole address from the mail."} Ask for a new one if you still need it.</p>
          <Link href="/forgot-password" className="button primary auth-submit">
            Ask for a new link
          </Link>
        </LinkProblem>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Choose a new password">
      <form className="card stack auth-card" noValidate onSubmit={submit} aria-labelledby="auth-heading">
        <div>
          <h1 id="auth-heading">Choose a new password</h1>
          <p className="muted">Saving it signs you out everywhere; then sign in with the new one.</p>
        </div>
        {formError ? (
          <p className="notice notice-danger auth-error" role="alert">
            {formError}
          </p>
        ) : null}
        <Field name="password" label="New password" error={error} hint={`At least ${MIN_PASSWORD_CHARS} characters; a few words are easy to remember.`}>
          {(control) => (
            <div className="password-input">
              <input {...control} type={isShown ? "text" : "password"} value={password} autoComplete="new-password" maxLength={256} onChange={(event) => setPassword(event.target.value)} />
              <button type="button" className="button small ghost" aria-pressed={isShown} onClick={() => setIsShown((shown) => !shown)}>
                {isShown ? "Hide" : "Show"}
                <span className="visually-hidden"> password</span>
              </button>
            </div>
          )}
        </Field>
        <button type="submit" className="button primary auth-submit" disabled={isBusy}>
          {isBusy ? "Saving…" : "Save new password"}
        </button>
      </form>
    </AuthLayout>
  );
}

export function ConfirmEmail() {
  const token = useToken();
  const [refusal, setRefusal] = useState<string | null>(token ? null : "unknown");
  const [formError, setFormError] = useState<string | null>(null);
  const [doneEmail, setDoneEmail] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  // A button, not an automatic request on load: mail scanners that open links must not confirm for the user.
  const confirm = async () => {
    setIsBusy(true);
    setFormError(null);
    try {
      setDoneEmail((await unwrap(api.POST("/api/v1/auth/email-change/confirm", { body: { token } }))).email);
    } catch (cause) {
      const reason = refusalOf(cause, "EMAIL_CHANGE_TOKEN_INVALID");
      if (reason) setRefusal(reason);
      else if (cause instanceof ApiProblem && cause.code === "EMAIL_TAKEN") setRefusal("taken");
      else setFormError(cause instanceof ApiProblem ? cause.detail : "Something went wrong. Try again.");
    } finally {
      setIsBusy(false);
    }
  };

  if (doneEmail) {
    return (
      <AuthLayout title="Email confirmed">
        <section className="card stack auth-card" aria-labelledby="auth-heading">
          <h1 id="auth-heading">Your email is changed</h1>
          <p role="status">From now on, sign in with {doneEmail}.</p>
          <Link href="/dashboard/settings" className="button primary auth-submit">
            Go to your settings
          </Link>
        </section>
      </AuthLayout>
    );
  }
  if (refusal) {
    const titles: Record<string, string> = {
      used: "This link was already used",
      expired: "This link has expired",
      taken: "This address is taken now",
      unknown: "This link is not valid",
    };
    const explanations: Record<string, string> = {
      used: "Each confirmation link works once. If your email is not changed yet, ask for the change again in your settings.",
      expired: "Confirmation links work for 24 hours. Ask for the change again in your settings.",
      taken: "Another account started using this address after you asked. Your email stays as it was; choose another address in your settings.",
      unknown: "The link may be incomplete: copy the whole address from the mail, or ask for the change again in your settings.",
    };
    return (
      <AuthLayout title="Confirmation link not valid">
        <LinkProblem title={titles[refusal] ?? titles.unknown!}>
          <p>{explanations[refusal] ?? explanations.unknown}</p>
          <Link href="/dashboard/settings" className="button primary auth-submit">
            Go to your settings
          </Link>
        </LinkProblem>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Confirm your new email">
      <section className="card stack auth-card" aria-labelledby="auth-heading">
        <div>
          <h1 id="auth-heading">Confirm your new email</h1>
          <p className="muted">Once confirmed, you sign in to Convene with this address.</p>
        </div>
        {formError ? (
          <p className="notice notice-danger auth-error" role="alert">
            {formError}
          </p>
        ) : null}
        <button type="button" className="button primary auth-submit" disabled={isBusy} onClick={() => void confirm()}>
          {isBusy ? "Confirming…" : "Confirm this address"}
        </button>
      </section>
    </AuthLayout>
  );
}
