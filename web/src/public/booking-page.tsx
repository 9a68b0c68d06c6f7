// The public booking page of an evergreen or one-time link: pick a day and a
// time in your own zone, answer the link's questions, book, and get the
// confirmation. Friendly screens for links that cannot book.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useLocation } from "wouter";
import { isProblem } from "../api/client";
import { Notice } from "../components/notice";
import { Skeleton } from "../components/skeleton";
import { formatDateTime, formatTime, localDate } from "../lib/time";
import { BookingForm, focusFirstError } from "./booking-form";
import { answersOf, guestList, initialValues, serverFieldErrors, validateForm, type FieldErrors, type FormValues } from "./booking-form-model";
import { BookingHeader } from "./booking-header";
import { PublicI18n, useI18n } from "./i18n/i18n";
import { LANGUAGE_PARAM } from "./i18n/languages";
import { problemText } from "./i18n/problem-text";
import { BOOKED_PARAM } from "./manage-page";
import { whenText } from "./meeting-time";
import { refreshSlots, type SlotSource } from "./month-slots";
import { isLinkGone, LinkProblemScreen } from "./problem-screens";
import { PublicErrorText } from "./public-error-text";
import { bookSlot, fetchLinkPage, fetchLinkSlots, linkKey, manageTokenOf, newIdempotencyKey, type Booked, type BookingRequest, type LinkPage, type LinkRef, type Slot } from "./public-api";
import { prefillOf, useEmbedBridge, utmQueryOf } from "./embed-mode";
import { lastMonthOf, SlotPicker, useSlotChoice } from "./slot-picker";
import { HOLD_LOST_CODES, HoldStatus, useSlotHold } from "./slot-hold";
import { zoneName } from "../lib/time";
import "./booking.css";

export type { LinkRef };

export default function BookingPage({ link }: { link: LinkRef }) {
  return (
    <PublicI18n>
      <BookingLoader link={link} />
    </PublicI18n>
  );
}

function BookingLoader({ link }: { link: LinkRef }) {
  const key = linkKey(link);
  // One read per visit: the page records a view, and a one-time link turns "used" once booked.
  const page = useQuery({ queryKey: ["public-link", key], queryFn: () => fetchLinkPage(link, utmQueryOf(window.location.search)), staleTime: Number.POSITIVE_INFINITY });
  if (page.data) return <Booking key={key} link={link} page={page.data} />;
  if (page.error) return <LinkProblemScreen error={page.error} onRetry={() => void page.refetch()} />;
  return <BookingSkeleton />;
}

/** Why booking did not go through, shown above the button; the filled form stays. */
type Setback = { kind: "taken"; slot: Slot; nearest: Slot[] } | { kind: "unbookable"; error: unknown } | { kind: "failed"; error: unknown };

/** Lost answers, outages, and the same key still being processed: safe to send again with the same key. */
const isRetryable = (error: unknown) => isProblem(error) && (error.status === 0 || error.status >= 500 || error.code === "IDEMPOTENCY_KEY_REUSED");

function Booking({ link: initialLink, page }: { link: LinkRef; page: LinkPage }) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const { language, locale, t } = useI18n();
  const [link] = useState(initialLink);
  const [durationMin, setDurationMin] = useState(page.defaultDurationMin);
  const firstOffered = page.oneTime?.slots?.[0] ?? null;
  const choice = useSlotChoice(firstOffered);
  const [values, setValues] = useState<FormValues>(() => initialValues(page, prefillOf(window.location.search)));
  const embed = useEmbedBridge(page);
  const [embeddedBooking, setEmbeddedBooking] = useState<{ booked: Booked; email: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [setback, setSetback] = useState<Setback | null>(null);
  const [linkGone, setLinkGone] = useState<unknown>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  const pendingFocus = useRef<"form" | "submit" | null>(null);

  const source = useMemo<SlotSource>(() => ({ key: ["public-slots", linkKey(link), durationMin], fetch: (window) => fetchLinkSlots(link, window, durationMin) }), [link, durationMin]);
  const lastMonth = lastMonthOf(choice, page.bookableUntil, page.oneTime?.slots?.at(-1));
  const slot = choice.slot;
  const hold = useSlotHold(link, slot, durationMin, choice.timeZone, (error, taken) => {
    refreshSlots(queryClient, source);
    const nearest = isProblem(error) && Array.isArray(error.body.nearestSlots) ? (error.body.nearestSlots as Slot[]) : [];
    setSetback({ kind: "taken", slot: taken, nearest });
  });

  const booking = useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: BookingRequest; idempotencyKey: string }) => bookSlot(link, body, idempotencyKey),
    // Same body, same key: a retry after a lost answer cannot book twice.
    retry: (failures, error) => failures < 2 && isRetryable(error),
    retryDelay: 800,
  });

  useEffect(() => {
    document.title = `${page.title} · ${page.owner.name}`;
  }, [page.title, page.owner.name]);

  const { post } = embed;
  useEffect(() => {
    if (slot) post({ type: "convene:slot_chosen", start: slot.start, end: slot.end, timeZone: choice.timeZone });
  }, [post, slot, choice.timeZone]);

  useEffect(() => {
    const target = pendingFocus.current === "submit" ? submitButton.current : pendingFocus.current === "form" ? formHeading.current : null;
    pendingFocus.current = null;
    if (!target) return;
    target.scrollIntoView({ block: "nearest", behavior: "smooth" });
    target.focus({ preventScroll: true });
  }, [slot]);

  if (linkGone) return <LinkProblemScreen error={linkGone} onRetry={() => setLinkGone(null)} />;
  if (embeddedBooking) return <EmbeddedConfirmation booked={embeddedBooking.booked} email={embeddedBooking.email} timeZone={choice.timeZone} />;

  const pickSlot = (next: Slot, focus: "form" | "submit") => {
    setSetback(null);
    if (next.start === slot?.start) {
      (focus === "submit" ? submitButton.current : formHeading.current)?.focus();
      return;
    }
    pendingFocus.current = focus;
    choice.showSlot(next);
  };

  const changeValues = (next: FormValues, field: string) => {
    setValues(next);
    if (field in fieldErrors) setFieldErrors(({ [field]: _, ...rest }) => rest);
  };

  const submit = async () => {
    if (!slot) return;
    const errors = validateForm(values, page.questions, t);
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return focusFirstError(form.current, errors);
    const guests = guestList(values.guests);
    const body: BookingRequest = {
      start: slot.start,
      durationMin,
      timeZone: choice.timeZone,
      name: values.name.trim(),
      email: values.email.trim(),
      answers: answersOf(values, page.questions),
      ...(guests.length > 0 ? { guests } : {}),
      ...(values.notes.trim() ? { notes: values.notes.trim() } : {}),
      // The opening this booking comes from: it counts toward the link's conversion.
      viewId: page.viewId,
      // The time held for this invitee since they picked it: nobody else can take it meanwhile.
      ...(hold.tokenFor(slot.start) ? { holdToken: hold.tokenFor(slot.start) } : {}),
    };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { body: json, key: newIdempotencyKey() };
    setSetback(null);
    try {
      const booked = await booking.mutateAsync({ body, idempotencyKey: attempt.current.key });
      hold.markUsed();
      refreshSlots(queryClient, source);
      if (embed.isEmbedded) {
        // The manage page never renders in a frame (it holds the booking's secret link): confirm here, and tell the site.
        embed.post({ type: "convene:booked", id: booked.id, start: booked.start, end: booked.end, timeZone: choice.timeZone });
        setEmbeddedBooking({ booked, email: body.email });
        return;
      }
      // The confirmation is the booking's own page: a reload shows it again, and Back does not lead to a second booking.
      const confirmation = new URLSearchParams({ [BOOKED_PARAM]: "1", [LANGUAGE_PARAM]: language });
      navigate(`/manage/${encodeURIComponent(manageTokenOf(booked.manageUrl))}?${confirmation.toString()}`, { replace: true });
    } catch (error) {
      onBookingError(error, slot);
    }
  };

  const onBookingError = (error: unknown, tried: Slot) => {
    if (isLinkGone(error)) return setLinkGone(error);
    if (isProblem(error, ...HOLD_LOST_CODES)) return hold.markLost();
    if (isProblem(error, "SLOT_TAKEN")) {
      refreshSlots(queryClient, source);
      const nearest = Array.isArray(error.body.nearestSlots) ? (error.body.nearestSlots as Slot[]) : [];
      return setSetback({ kind: "taken", slot: tried, nearest });
    }
    const serverErrors = serverFieldErrors(error, t);
    if (serverErrors && Object.keys(serverErrors).some((field) => field !== "start" && field !== "durationMin")) {
      setFieldErrors(serverErrors);
      return focusFirstError(form.current, serverErrors);
    }
    if (isProblem(error) && error.status === 422) {
      refreshSlots(queryClient, source);
      return setSetback({ kind: "unbookable", error });
    }
    setSetback({ kind: "failed", error });
  };

  return (
    <main className={embed.isEmbedded ? "public-page booking-page embedded" : "public-page booking-page"}>
      <BookingHeader
        page={page}
        durationMin={durationMin}
        onDurationChange={(minutes) => {
          setDurationMin(minutes);
          choice.selectSlot(null);
          setSetback(null);
        }}
        timeZone={choice.timeZone}
      />
      <div className="booking-steps">
        <SlotPicker choice={choice} source={source} lastMonth={lastMonth} ownerName={page.owner.name} onSlotPicked={(picked) => pickSlot(picked, "form")} />
        <section className="card step step-form" aria-label={t.yourDetails}>
          {slot ? (
            <BookingForm
              formRef={form}
              questions={page.questions}
              values={values}
              onChange={changeValues}
              errors={fieldErrors}
              onSubmit={() => void submit()}
              isSubmitting={booking.isPending}
              summary={`${whenText(slot.start, slot.end, choice.timeZone, locale, t)} (${zoneName(choice.timeZone)})`}
              headingRef={formHeading}
              submitRef={submitButton}
            >
              <HoldStatus state={hold.state} timeZone={choice.timeZone} onHoldAgain={hold.holdAgain} />
              {setback && <SetbackNotice setback={setback} timeZone={choice.timeZone} onPick={(next) => pickSlot(next, "submit")} />}
            </BookingForm>
          ) : (
            <div className="form-placeholder">
              <p className="muted">{t.pickFirst}</p>
            </div>
          )}
        </section>
      </div>
      <p className="powered muted small">{t.poweredBy}</p>
    </main>
  );
}

/** What an embedded page shows once booked; the email carries the link to reschedule or cancel. */
function EmbeddedConfirmation({ booked, email, timeZone }: { booked: Booked; email: string; timeZone: string }) {
  const { locale, t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className="public-page booking-page embedded narrow">
      <section className="card stack embedded-confirmation" aria-labelledby="embedded-booked">
        <h1 id="embedded-booked" ref={heading} tabIndex={-1}>
          {t.booked}
        </h1>
        <p>
          <strong>{whenText(booked.start, booked.end, timeZone, locale, t)}</strong> ({zoneName(timeZone)})
        </p>
        <p className="muted">{t.bookedMail(email)}</p>
      </section>
    </main>
  );
}

function SetbackNotice({ setback, timeZone, onPick }: { setback: Setback; timeZone: string; onPick(slot: Slot): void }) {
  const { locale, t } = useI18n();
  if (setback.kind === "taken") {
    return (
      <Notice tone="warning" title={t.takenTitle} role="alert">
        <p>{t.takenBody(formatDateTime(setback.slot.start, timeZone, locale))}</p>
        {setback.nearest.length > 0 ? (
          <ul className="slots nearest" aria-label={t.nearestTimes}>
            {setback.nearest.map((slot) => (
              <li key={slot.start}>
                <button type="button" className="slot" onClick={() => onPick(slot)}>
                  {localDate(slot.start, timeZone) === localDate(setback.slot.start, timeZone) ? formatTime(slot.start, timeZone, locale) : formatDateTime(slot.start, timeZone, locale)}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t.nothingNear}</p>
        )}
      </Notice>
    );
  }
  if (setback.kind === "unbookable") {
    return (
      <Notice tone="warning" title={t.unbookableTitle} role="alert">
        <p>{t.unbookableBody(isProblem(setback.error) && Object.hasOwn(t.problems, setback.error.code) ? problemText(t, setback.error) : t.noLongerFree)}</p>
      </Notice>
    );
  }
  return (
    <div role="alert">
      <PublicErrorText error={setback.error} />
      <p className="small muted">{t.answersKept}</p>
    </div>
  );
}

function BookingSkeleton() {
  const { t } = useI18n();
  return (
    <main className="public-page booking-page" aria-busy="true">
      <p className="visually-hidden" role="status">
        {t.loadingPage}
      </p>
      <div className="card booking-header stack">
        <Skeleton width="30%" />
        <Skeleton width="60%" height="1.8rem" />
        <Skeleton width="45%" />
      </div>
      <div className="booking-steps">
        <div className="card step stack">
          <Skeleton width="50%" height="1.4rem" />
          <Skeleton height="16rem" radius="12px" />
        </div>
        <div className="card step stack">
          <Skeleton width="70%" height="1.4rem" />
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} height="44px" radius="8px" />
          ))}
        </div>
      </div>
    </main>
  );
}
