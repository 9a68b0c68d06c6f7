// Sign-in and sign-up for owners (/, /signin, /signup). Problems come back on
// the field they are about; after signing in the owner lands where `next` says.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { api, ApiProblem, setCsrfToken, unwrap } from "../api/client";
import { Field, focusFirstError, problemFieldErrors } from "../components/form-field";
import { ThemeToggle } from "../components/theme-toggle";
import { TimeZoneSelect } from "../components/time-zone-select";
import { browserTimeZone } from "../lib/time";
import { fetchMe, ME_KEY } from "./session";
import "./links/links.css";

const HOME = "/dashboard/links";
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const MIN_PASSWORD_CHARS = 10;

/** Only a path on this site: "//evil.example" or "https://…" would make sign-in an open redirect. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return HOME;
  if (next === "/" || next.startsWith("/signin") || next.startsWith("/signup")) return HOME;
  return next;
}

type Form = { email: string; password: string; name: string; organization: string; timeZone: string };
type Errors = Partial<Record<keyof Form, string>>;

function checkForm(form: Form, isSignUp: boolean): Errors {
  const errors: Errors = {};
  if (isSignUp && !form.name.trim()) errors.name = "Enter your name.";
  if (isSignUp && !form.organization.trim()) errors.organization = "Enter your company or team; it becomes your organisation.";
  if (!form.email.trim()) errors.email = "Enter your email address.";
  else if (!EMAIL.test(form.email.trim())) errors.email = "Enter an email address like name@example.com.";
  if (!form.password) errors.password = "Enter your password.";
  else if (isSignUp && form.password.length < MIN_PASSWORD_CHARS) errors.password = `Use at least ${MIN_PASSWORD_CHARS} characters.`;
  if (isSignUp && !form.timeZone) errors.timeZone = "Choose your time zone.";
  return errors;
}

/** A problem answer as field errors where one fits, and a message for the whole form otherwise. */
function problemToErrors(error: unknown): { fields: Errors; form: string | null } {
  if (!(error instanceof ApiProblem)) return { fields: {}, form: "Something went wrong. Try again." };
  switch (error.code) {
    case "EMAIL_TAKEN":
      return { fields: { email: "An account with this email already exists. Sign in instead, or use another email." }, form: null };
    case "UNKNOWN_TIME_ZONE":
      return { fields: { timeZone: "This time zone is not known to the server; choose another." }, form: null };
    case "INVALID_CREDENTIALS":
      return { fields: {}, form: "Wrong email or password." };
    case "ACCOUNT_LOCKED":
    case "RATE_LIMITED":
      return { fields: {}, form: error.detail };
  }
  const fields: Errors = {};
  for (const { path, message } of problemFieldErrors(error)) {
    const key = path as keyof Form;
    if (["email", "password", "name", "organization", "timeZone"].includes(key)) fields[key] ??= message[0]!.toUpperCase() + message.slice(1) + ".";
  }
  return { fields, form: Object.keys(fields).length > 0 ? null : error.detail };
}

export default function SignIn() {
  const [location, navigate] = useLocation();
  const search = useSearch();
  const next = new URLSearchParams(search).get("next");
  const isSignUp = location === "/signup";
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, retry: false, staleTime: 60_000 });
  const [form, setForm] = useState<Form>({ email: "", password: "", name: "", organization: "", timeZone: browserTimeZone() });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [isPasswordShown, setIsPasswordShown] = useState(false);

  useEffect(() => {
    if (me.data && !isBusy) navigate(safeNext(next), { replace: true });
  }, [me.data, isBusy, navigate, next]);

  useEffect(() => {
    document.title = isSignUp ? "Create your account · Convene" : "Sign in · Convene";
  }, [isSignUp]);

  const set = (change: Partial<Form>) => setForm((current) => ({ ...current, ...change }));
  const otherHref = `${isSignUp ? "/signin" : "/signup"}${next ? `?next=${encodeURIComponent(next)}` : ""}`;
  const order: (keyof Form)[] = isSignUp ? ["name", "organization", "email", "password", "timeZone"] : ["email", "password"];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    const found = checkForm(form, isSignUp);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) {
      focusFirstError(order.filter((key) => found[key]));
      return;
    }
    setIsBusy(true);
    try {
      const email = form.email.trim();
      const answer = isSignUp
        ? await unwrap(api.POST("/api/v1/auth/signup", { body: { email, password: form.password, name: form.name.trim(), organization: form.organization.trim(), timeZone: form.timeZone } }))
        : await unwrap(api.POST("/api/v1/auth/login", { body: { email, password: form.password } }));
      setCsrfToken(answer.csrfToken);
      queryClient.removeQueries({ queryKey: ME_KEY });
      await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe });
      navigate(safeNext(next), { replace: true });
    } catch (error) {
      const mapped = problemToErrors(error);
      setErrors(mapped.fields);
      setFormError(mapped.form);
      setIsBusy(false);
      if (Object.keys(mapped.fields).length > 0) focusFirstError(order.filter((key) => mapped.fields[key]));
      else if (error instanceof ApiProblem && error.code === "INVALID_CREDENTIALS") focusFirstError(["password"]);
    }
  };

  return (
    <div className="auth-page">
      <header className="auth-header">
        <span className="brand">Convene</span>
        <ThemeToggle />
      </header>
      <main className="page narrow auth-main">
        <form className="card stack auth-card" noValidate onSubmit={submit} aria-labelledby="auth-heading">
          <div>
            <h1 id="auth-heading">{isSignUp ? "Create your Convene account" : "Sign in to Convene"}</h1>
            <p className="muted">{isSignUp ? "Set up your organisation and your first booking link in a few minutes." : "Welcome back."}</p>
          </div>
          {formError ? (
            <p className="notice notice-danger auth-error" role="alert">
              {formError}
            </p>
          ) : null}
          {isSignUp ? (
            <>
              <Field name="name" label="Your name" error={errors.name}>
                {(control) => <input {...control} value={form.name} autoComplete="name" maxLength={200} onChange={(event) => set({ name: event.target.value })} />}
              </Field>
              <Field name="organization" label="Company or team" error={errors.organization}>
                {(control) => <input {...control} value={form.organization} autoComplete="organization" maxLength={200} onChange={(event) => set({ organization: event.target.value })} />}
              </Field>
            </>
          ) : null}
          <Field name="email" label="Email" error={errors.email}>
            {(control) => <input {...control} type="email" value={form.email} autoComplete={isSignUp ? "email" : "username"} maxLength={254} onChange={(event) => set({ email: event.target.value })} />}
          </Field>
          <Field name="password" label="Password" error={errors.password} hint={isSignUp ? `At least ${MIN_PASSWORD_CHARS} characters; a few words are easy to remember.` : undefined}>
            {(control) => (
              <div className="password-input">
                <input
                  {...control}
                  type={isPasswordShown ? "text" : "password"}
                  value={form.password}
                  autoComplete={isSignUp ? "new-password" : "current-password"}
                  maxLength={256}
                  onChange={(event) => set({ password: event.target.value })}
                />
                <button type="button" className="button small ghost" aria-pressed={isPasswordShown} onClick={() => setIsPasswordShown((shown) => !shown)}>
                  {isPasswordShown ? "Hide" : "Show"}
                  <span className="visually-hidden"> password</span>
                </button>
              </div>
            )}
          </Field>
          {isSignUp ? null : (
            <p className="small forgot-password">
              <Link href="/forgot-password">Forgot password?</Link>
            </p>
          )}
          {isSignUp ? (
            <Field name="timeZone" label="Your time zone" error={errors.timeZone} hint="Your booking links start with your hours in this zone.">
              {(control) => <TimeZoneSelect {...control} value={form.timeZone} onChange={(timeZone) => set({ timeZone })} />}
            </Field>
          ) : null}
          <button type="submit" className="button primary auth-submit" disabled={isBusy}>
            {isBusy ? (isSignUp ? "Creating your account…" : "Signing in…") : isSignUp ? "Create account" : "Sign in"}
          </button>
          <p className="muted small auth-switch">
            {isSignUp ? "Already have an account? " : "New to Convene? "}
            <Link
              href={otherHref}
              onClick={() => {
                setErrors({});
                setFormError(null);
              }}
            >
              {isSignUp ? "Sign in" : "Create an account"}
            </Link>
          </p>
        </form>
      </main>
    </div>
  );
}
