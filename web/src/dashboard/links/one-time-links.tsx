// Personal one-time links of a booking link: make one for a named recipient
// (prefilled name, email, company, topic; an expiry; optionally the times to
// offer), see each one's state, copy its address or have Convene email it,
// revoke it while it is unused.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client";
import { ConfirmDialog } from "../../components/dialog";
import { CopyButton } from "../../components/copy-button";
import { Field, focusFirstError, problemFieldErrors } from "../../components/form-field";
import { ErrorText } from "../../components/notice";
import { Skeleton } from "../../components/skeleton";
import { browserTimeZone, formatDate, formatDateTime } from "../../lib/time";
import { ContactInput, type ContactSuggestion } from "./contact-suggestions";
import { displayUrl } from "./link-card";
import { durationLabel } from "./link-format";
import { OneTimeSlotPicker } from "./one-time-slot-picker";
import { oneTimeKey, useOneTimeLinks, type Link, type OneTimeLink, type OneTimeLinkBody } from "./link-api";

const STATUS: Record<OneTimeLink["status"], { label: string; tone: string }> = {
  pending: { label: "Active", tone: "accent" },
  booked: { label: "Used", tone: "success" },
  expired: { label: "Expired", tone: "warning" },
  revoked: { label: "Revoked", tone: "danger" },
};

const EXPIRY_DAYS = [1, 3, 7, 14, 30, 90];
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const DAY_MS = 86_400_000;

/** The server's MAX_OFFERED_SLOTS (core/booking/one-time-link.ts). */
const MAX_PICKED_TIMES = 50;

type Form = {
  name: string;
  email: string;
  company: string;
  topic: string;
  durationMin: string;
  expiry: string;
  expiryDate: string;
  /** Offer only the picked times rather than any free time. */
  isPickingTimes: boolean;
  slotStarts: string[];
  isSendingNow: boolean;
};
const EMPTY_FORM: Form = { name: "", email: "", company: "", topic: "", durationMin: "", expiry: "14", expiryDate: "", isPickingTimes: false, slotStarts: [], isSendingNow: false };

/** The expiry instant the form asks for; a picked date lasts to the end of that day in the owner's zone. */
function expiresAtOf(form: Form, nowMs: number): number | null {
  if (form.expiry !== "date") return nowMs + Number(form.expiry) * DAY_MS;
  if (!form.expiryDate) return null;
  const endOfDay = new Date(`${form.expiryDate}T23:59:59`);
  return Number.isNaN(endOfDay.getTime()) ? null : endOfDay.getTime();
}

function checkForm(form: Form, nowMs: number): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.name.trim()) errors["recipient.name"] = "Enter the recipient's name.";
  if (!EMAIL.test(form.email.trim())) errors["recipient.email"] = "Enter an email address like name@example.com.";
  if (form.company.length > 200) errors["recipient.company"] = "Keep it to 200 characters.";
  if (form.topic.length > 500) errors.topic = "Keep it to 500 characters.";
  const expiresAtMs = expiresAtOf(form, nowMs);
  const expiryKey = form.expiry === "date" ? "expiryDate" : "expiresAt";
  if (expiresAtMs === null) errors[expiryKey] = "Pick the last day the link works.";
  else if (expiresAtMs <= nowMs) errors[expiryKey] = "Pick a day in the future.";
  else if (expiresAtMs > nowMs + 365 * DAY_MS) errors[expiryKey] = "A link can last at most a year.";
  if (form.isPickingTimes && form.slotStarts.length === 0) errors.slots = "Pick at least one time, or let them choose any free time.";
  return errors;
}

export function OneTimeLinks({ link }: { link: Link }) {
  const list = useOneTimeLinks(link.id);
  const queryClient = useQueryClient();
  const [toRevoke, setToRevoke] = useState<OneTimeLink | null>(null);
  const revoke = useMutation({
    mutationFn: (token: string) => unwrap(api.POST("/api/v1/one-time/{token}/revoke", { params: { path: { token } } })),
    onSuccess: (revoked) => {
      queryClient.setQueryData<OneTimeLink[]>(oneTimeKey(link.id), (items) => items?.map((item) => (item.id === revoked.id ? revoked : item)));
    },
  });
  const send = useMutation({
    mutationFn: (token: string) => unwrap(api.POST("/api/v1/one-time/{token}/send", { params: { path: { token } }, body: {} })),
    onSuccess: (sent) => {
      queryClient.setQueryData<OneTimeLink[]>(oneTimeKey(link.id), (items) => items?.map((item) => (item.id === sent.id ? sent : item)));
    },
  });
  const zone = browserTimeZone();
  const [createdId, setCreatedId] = useState<string | null>(null);
  // The fresh address is offered for copying only while it can still be used.
  const created = list.data?.find((item) => item.id === createdId && item.status === "pending");

  return (
    <section className="card stack" aria-labelledby="one-time-heading">
      <div>
        <h2 id="one-time-heading">One-time links</h2>
        <p className="muted small">A personal address for one person: their details are filled in, and it works for a single booking. Convene can email it to them, or you copy it.</p>
      </div>
      <NewOneTimeLink link={link} onCreated={(made) => setCreatedId(made.id)} />
      <div role="status">{created ? <CreatedNotice created={created} /> : null}</div>
      <ErrorText error={send.error} />
      <h3>Your one-time links</h3>
      {list.isPending ? (
        <Skeleton height="4rem" radius="10px" />
      ) : list.error ? (
        <ErrorText error={list.error} />
      ) : list.data.length === 0 ? (
        <p className="muted small">None yet.</p>
      ) : (
        <ul className="one-time-list" aria-label="One-time links">
          {list.data.map((item) => {
            const status = STATUS[item.status];
            return (
              <li key={item.id} className="one-time-item" data-status={item.status}>
                <div className="one-time-who">
                  <strong>{item.recipient.name}</strong>
                  <span className="muted small">
                    {item.recipient.email}
                    {item.recipient.company ? ` · ${item.recipient.company}` : ""}
                  </span>
                  {item.topic ? <span className="small">Topic: {item.topic}</span> : null}
                </div>
                <div className="one-time-state">
                  <span className={`badge ${status.tone}`}>{status.label}</span>
                  <span className="muted small">
                    {item.status === "pending"
                      ? `Until ${formatDateTime(item.expiresAt, zone)}`
                      : item.status === "expired"
                        ? `Since ${formatDate(item.expiresAt, zone)}`
                        : item.status === "revoked" && item.revokedAt
                          ? `On ${formatDate(item.revokedAt, zone)}`
                          : "Booked"}
                  </span>
                  <span className="muted small one-time-sent">{item.emailedAt ? `Emailed ${formatDateTime(item.emailedAt, zone)}${item.emailCount > 1 ? ` (${item.emailCount} times)` : ""}` : item.status === "pending" ? "Not sent — copy or send it" : "Not emailed"}</span>
                </div>
                {item.status === "pending" ? (
                  <div className="row one-time-actions">
                    <CopyButton text={item.bookingUrl} context={`for ${item.recipient.name}`} />
                    <button type="button" className="button small" disabled={send.isPending && send.variables === item.token} onClick={() => send.mutate(item.token)}>
                      {send.isPending && send.variables === item.token ? "Sending…" : item.emailedAt ? "Send again" : "Send by email"}
                      <span className="visually-hidden"> to {item.recipient.name}</span>
                    </button>
                    <button
                      type="button"
                      className="button small danger"
                      onClick={() => setToRevoke(item)}
                    >
                      Revoke<span className="visually-hidden"> the link for {item.recipient.name}</span>
                    </button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        isOpen={toRevoke !== null}
        title={`Revoke the link for ${toRevoke?.recipient.name ?? ""}?`}
        confirmLabel="Revoke"
        onClose={() => setToRevoke(null)}
        onConfirm={async () => {
          if (toRevoke) await revoke.mutateAsync(toRevoke.token);
        }}
      >
        <p>The address stops working at once; {toRevoke?.recipient.name ?? "they"} will be told it was withdrawn.</p>
      </ConfirmDialog>
    </section>
  );
}

function CreatedNotice({ created }: { created: OneTimeLink }) {
  return (
    <div className="notice notice-success created-one-time">
      <p>
        <strong>Link for {created.recipient.name} is ready.</strong>{" "}
        {created.emailedAt ? `Convene emailed it to ${created.recipient.email}; you can also copy it:` : `Send it to ${created.recipient.email}, or copy it:`}
      </p>
      <div className="link-url">
        <span className="link-url-text">{displayUrl(created.bookingUrl)}</span>
        <CopyButton text={created.bookingUrl} context={`for ${created.recipient.name}`} />
      </div>
    </div>
  );
}

function NewOneTimeLink({ link, onCreated }: { link: Link; onCreated(made: OneTimeLink): void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(EMPTY_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    // Made, then (if asked) emailed: a failed email leaves the link made, to copy or send again from the list.
    mutationFn: async ({ body, isSendingNow }: { body: OneTimeLinkBody; isSendingNow: boolean }) => {
      const made = await unwrap(api.POST("/api/v1/links/{id}/one-time", { params: { path: { id: link.id } }, body }));
      return isSendingNow ? unwrap(api.POST("/api/v1/one-time/{token}/send", { params: { path: { token: made.token } }, body: {} })).catch(() => made) : made;
    },
    onSuccess: (made) => {
      queryClient.setQueryData<OneTimeLink[]>(oneTimeKey(link.id), (items) => [made, ...(items ?? [])]);
      onCreated(made);
      setForm(EMPTY_FORM);
    },
    onError: (error) => {
      const fields = Object.fromEntries(problemFieldErrors(error).map(({ path, message }) => [path, message]));
      setErrors(fields);
      focusFirstError(Object.keys(fields));
    },
  });
  const set = (change: Partial<Form>) => setForm((current) => ({ ...current, ...change }));
  // A person known only by address keeps the name typed so far.
  const pickContact = (contact: ContactSuggestion) => setForm((current) => ({ ...current, name: contact.name || current.name, email: contact.email }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const nowMs = Date.now();
    const found = checkForm(form, nowMs);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(Object.keys(found));
      return;
    }
    create.mutate({
      body: {
        recipient: { name: form.name.trim(), email: form.email.trim(), ...(form.company.trim() ? { company: form.company.trim() } : {}) },
        ...(form.topic.trim() ? { topic: form.topic.trim() } : {}),
        ...(form.durationMin ? { durationMin: Number(form.durationMin) } : {}),
        ...(form.isPickingTimes ? { slots: form.slotStarts } : {}),
        expiresAt: new Date(expiresAtOf(form, nowMs)!).toISOString(),
      },
      isSendingNow: form.isSendingNow,
    });
  };

  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <form className="one-time-form stack" noValidate onSubmit={submit} aria-labelledby="new-one-time-heading">
      <h3 id="new-one-time-heading">New one-time link</h3>
      <div className="two-columns">
        <Field name="recipient.name" label="Recipient's name" error={errors["recipient.name"]}>
          {(control) => <ContactInput control={control} value={form.name} onChange={(name) => set({ name })} onPick={pickContact} inputProps={{ autoComplete: "off", maxLength: 200 }} />}
        </Field>
        <Field name="recipient.email" label="Recipient's email" error={errors["recipient.email"]}>
          {(control) => (
            <ContactInput control={control} value={form.email} onChange={(email) => set({ email })} onPick={pickContact} inputProps={{ type: "email", autoComplete: "off", maxLength: 254 }} />
          )}
        </Field>
        <Field name="recipient.company" label="Company" optional error={errors["recipient.company"]}>
          {(control) => <input {...control} value={form.company} autoComplete="off" maxLength={200} onChange={(event) => set({ company: event.target.value })} />}
        </Field>
        <Field name="topic" label="Topic" optional error={errors.topic} hint="Shown on their booking page.">
          {(control) => <input {...control} value={form.topic} maxLength={500} onChange={(event) => set({ topic: event.target.value })} />}
        </Field>
        {link.durationsMin.length > 1 ? (
          <Field name="durationMin" label="Duration" error={errors.durationMin}>
            {(control) => (
              <select {...control} value={form.durationMin} onChange={(event) => set({ durationMin: event.target.value, slotStarts: [] })}>
                <option value="">They choose</option>
                {link.durationsMin.map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {durationLabel(minutes)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field name="expiresAt" label="Works for" error={errors.expiresAt}>
          {(control) => (
            <select {...control} value={form.expiry} onChange={(event) => set({ expiry: event.target.value })}>
              {EXPIRY_DAYS.map((days) => (
                <option key={days} value={days}>
                  {days === 1 ? "1 day" : `${days} days`}
                </option>
              ))}
              <option value="date">Until a date…</option>
            </select>
          )}
        </Field>
        {form.expiry === "date" ? (
          <Field name="expiryDate" label="Last day it works" error={errors.expiryDate}>
            {(control) => <input {...control} type="date" value={form.expiryDate} onChange={(event) => set({ expiryDate: event.target.value })} />}
          </Field>
        ) : null}
      </div>
      <fieldset className="fieldset">
        <legend>Times offered</legend>
        <label className="choice">
          <input type="radio" name="isPickingTimes" checked={!form.isPickingTimes} onChange={() => set({ isPickingTimes: false })} />
          Any free time of the link
        </label>
        <label className="choice">
          <input type="radio" name="isPickingTimes" checked={form.isPickingTimes} onChange={() => set({ isPickingTimes: true })} />
          Only times I pick
        </label>
        {form.isPickingTimes ? (
          <>
            <OneTimeSlotPicker
              link={link}
              durationMin={Number(form.durationMin) || link.defaultDurationMin}
              picked={form.slotStarts}
              maxPicked={MAX_PICKED_TIMES}
              onChange={(slotStarts) => set({ slotStarts })}
            />
            {errors.slots ? (
              <p className="error-text" id="field-slots-error" role="alert">
                {errors.slots}
              </p>
            ) : null}
          </>
        ) : null}
      </fieldset>
      <label className="choice">
        <input type="checkbox" checked={form.isSendingNow} onChange={(event) => set({ isSendingNow: event.target.checked })} />
        Send it to them by email now
      </label>
      {create.error && !hasFieldErrors ? <ErrorText error={create.error} /> : null}
      <div>
        <button type="submit" className="button primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : form.isSendingNow ? "Create and send" : "Create one-time link"}
        </button>
      </div>
    </form>
  );
}
