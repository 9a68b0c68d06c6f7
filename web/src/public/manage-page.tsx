// The invitee's private manage page: the booking in their zone, reschedule to
// another free slot of the same link (same calendar as the booking page), or
// cancel with a reason. Cancelled, past and unknown bookings get clear screens.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { isProblem } from "../api/client";
import { MeetingPlace } from "../components/meeting-place";
import { ConfirmDialog } from "../components/dialog";
import { Notice } from "../components/notice";
import { Skeleton } from "../components/skeleton";
import { ThemeToggle } from "../components/theme-toggle";
import { AddToCalendar } from "./add-to-calendar";
import { LanguageMenu, PublicI18n, useI18n } from "./i18n/i18n";
import { CheckIcon } from "./icons";
import { Facts, placeTerm, When } from "./meeting-facts";
import { whenText } from "./meeting-time";
import { PublicErrorText } from "./public-error-text";
import { refreshSlots, type SlotSource } from "./month-slots";
import { ManageProblemScreen } from "./problem-screens";
import { cancelManagedBooking, eraseManagedBooking, fetchManagedBooking, fetchManageSlots, rescheduleManagedBooking, type ManagedBooking } from "./public-api";
import { lastMonthOf, SlotPicker, useSlotChoice } from "./slot-picker";
import { zoneName } from "../lib/time";
import { problemText } from "./i18n/problem-text";
import { TimeZonePicker } from "./time-zone-picker";
import "./booking.css";

const STATUS_TONES: Record<string, string> = { scheduled: "success", rescheduled: "success", cancelled: "danger", completed: "", no_show: "warning" };

/** `?booked=1`: the page is the confirmation right after booking, and stays so on reload. */
export const BOOKED_PARAM = "booked";

export default function ManagePage({ token }: { token: string }) {
  return (
    <PublicI18n>
      <ManageLoader token={token} />
    </PublicI18n>
  );
}

function ManageLoader({ token }: { token: string }) {
  const booking = useQuery({ queryKey: ["manage", token], queryFn: () => fetchManagedBooking(token) });
  // Erased since it was loaded: the refetch's answer wins over the booking still held.
  if (isProblem(booking.error, "BOOKING_ERASED")) return <ManageProblemScreen error={booking.error} onRetry={() => void booking.refetch()} />;
  if (booking.data) return <Manage token={token} booking={booking.data} />;
  if (booking.error) return <ManageProblemScreen error={booking.error} onRetry={() => void booking.refetch()} />;
  return <ManageSkeleton />;
}

type Mode = "view" | "reschedule" | "cancel";
type Outcome = "rescheduled" | "cancelled" | null;

function Manage({ token, booking }: { token: string; booking: ManagedBooking }) {
  const queryClient = useQueryClient();
  const { locale, t } = useI18n();
  const [isJustBooked] = useState(() => new URLSearchParams(window.location.search).get(BOOKED_PARAM) === "1");
  const choice = useSlotChoice(booking.start);
  const [mode, setMode] = useState<Mode>("view");
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [rescheduleError, setRescheduleError] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const rescheduleSteps = useRef<HTMLDivElement>(null);
  const source = useMemo<SlotSource>(() => ({ key: ["manage-slots", token], fetch: (window) => fetchManageSlots(token, window) }), [token]);
  const lastMonth = lastMonthOf(choice, booking.link.bookableUntil);

  const settle = (view: ManagedBooking, kind: "rescheduled" | "cancelled") => {
    queryClient.setQueryData(["manage", token], view);
    refreshSlots(queryClient, source);
    setMode("view");
    setOutcome(kind);
    choice.selectSlot(null);
  };
  const reschedule = useMutation({ mutationFn: (start: string) => rescheduleManagedBooking(token, start), onSuccess: (view) => settle(view, "rescheduled") });
  const cancel = useMutation({
    mutationFn: () => cancelManagedBooking(token, reason.trim()),
    onSuccess: (view) => settle(view, "cancelled"),
    // Cancelled or over meanwhile (another tab, the host): show the booking as it is now.
    onError: (error) => isProblem(error, "BOOKING_NOT_ACTIVE") && void queryClient.invalidateQueries({ queryKey: ["manage", token] }),
  });

  useEffect(() => {
    document.title = `${booking.link.title} · ${t.yourBooking}`;
  }, [booking.link.title, t]);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  useEffect(() => {
    if (mode !== "reschedule") return;
    rescheduleSteps.current?.scrollIntoView({ behavior: "smooth", block: "start" });
    rescheduleSteps.current?.querySelector<HTMLElement>('.day[tabindex="0"]')?.focus({ preventScroll: true });
  }, [mode]);

  const switchMode = (next: Mode) => {
    setOutcome(null);
    setRescheduleError(null);
    setMode(next);
  };

  const isCancelled = booking.status === "cancelled";
  const isOver = !isCancelled && (booking.status === "completed" || booking.status === "no_show" || Date.parse(booking.end) <= choice.nowMs);
  const statusKey = isOver && booking.status !== "no_show" ? "completed" : booking.status;
  const status = { label: Object.hasOwn(t.status, statusKey) ? t.status[statusKey as keyof typeof t.status] : booking.status, tone: STATUS_TONES[statusKey] ?? "" };
  const showsConfirmation = isJustBooked && !isCancelled && !isOver && outcome === null;
  const slot = choice.slot;

  const confirmReschedule = async () => {
    if (!slot) return;
    setRescheduleError(null);
    try {
      await reschedule.mutateAsync(slot.start);
    } catch (error) {
      if (isProblem(error, "BOOKING_NOT_ACTIVE")) return void queryClient.invalidateQueries({ queryKey: ["manage", token] });
      refreshSlots(queryClient, source);
      setRescheduleError(
        isProblem(error, "SLOT_TAKEN") ? t.takenPickAnother : isProblem(error) && error.status === 422 ? t.unbookablePickAnother : problemText(t, error),
      );
    }
  };

  return (
    <main className="public-page manage-page">
      <section className="card manage-card stack" aria-labelledby="manage-title">
        <div className="spread">
          <span className={`badge ${status.tone}`}>{status.label}</span>
          <div className="row page-controls">
            <LanguageMenu />
            <ThemeToggle />
          </div>
        </div>
        {showsConfirmation && <BookedBanner email={booking.invitee.email} />}
        <div>
          <h1 id="manage-title">{booking.link.title}</h1>
          <p className="muted">{t.yourMeetingWith(booking.link.ownerName || null)}</p>
        </div>
        <Facts
          items={[
            [t.when, <span key="when" className={isCancelled ? "struck" : undefined}><When start={booking.start} end={booking.end} timeZone={choice.timeZone} /></span>],
            [t.duration, t.minutes(booking.durationMin)],
            // The same address as the confirmation email; gone once the meeting is cancelled.
            ...(booking.location && !isCancelled ? [[placeTerm(booking.location.type, t), <MeetingPlace key="where" location={booking.location} />] as [string, ReactNode]] : []),
            [t.with, withWhom(booking, locale)],
            // Right after booking, the banner already says where the confirmation went.
            ...(showsConfirmation ? [] : [[t.bookedBy, `${booking.invitee.name} (${booking.invitee.email})`] as [string, ReactNode]]),
          ]}
        />
        <TimeZonePicker value={choice.timeZone} onChange={choice.changeTimeZone} label={t.showTimesIn} />
        {outcome === "rescheduled" && !isCancelled && (
          <div ref={outcomeRef} tabIndex={-1} role="status">
            <Notice tone="success" title={t.movedTitle}>
              <p>{t.movedBody(`${whenText(booking.start, booking.end, choice.timeZone, locale, t)} (${zoneName(choice.timeZone)})`, booking.invitee.email)}</p>
            </Notice>
          </div>
        )}
        {isCancelled ? (
          <div ref={outcomeRef} tabIndex={-1} role={outcome === "cancelled" ? "status" : undefined}>
            <Notice tone="neutral" title={outcome === "cancelled" ? t.cancelledTitle : t.wasCancelledTitle}>
              {outcome === "cancelled" && <p>{t.hostTold(booking.link.ownerName || null, booking.invitee.email)}</p>}
              {booking.cancelReason && (
                <p>
                  {t.reason}: <q>{booking.cancelReason}</q>
                </p>
              )}
              {booking.link.bookingUrl ? (
                <p>
                  {t.meetAfterAll} <a href={booking.link.bookingUrl}>{t.bookNewTime}</a>
                </p>
              ) : (
                <p>{t.cannotChange}</p>
              )}
            </Notice>
          </div>
        ) : isOver ? (
          <Notice tone="neutral" title={t.overTitle}>
            <p>{t.overBody}</p>
            {booking.link.bookingUrl && (
              <p>
                <a href={booking.link.bookingUrl}>{t.bookAnother}</a>
              </p>
            )}
          </Notice>
        ) : mode === "cancel" ? (
          <CancelStep reason={reason} onReasonChange={setReason} ownerName={booking.link.ownerName} isPending={cancel.isPending} error={cancel.error} onConfirm={() => cancel.mutate()} onBack={() => switchMode("view")} />
        ) : (
          <>
            {mode === "reschedule" ? (
              <div className="row">
                <p className="grow">{t.pickNewBelow}</p>
                <button type="button" className="button" onClick={() => switchMode("view")}>
                  {t.keepCurrentTime}
                </button>
              </div>
            ) : (
              <>
                <div className="row">
                  <button type="button" className="button primary" onClick={() => switchMode("reschedule")}>
                    {t.reschedule}
                  </button>
                  <button type="button" className="button danger" onClick={() => switchMode("cancel")}>
                    {t.cancelMeeting}
                  </button>
                </div>
                <AddToCalendar
                  manageToken={token}
                  title={t.meetingWith(booking.link.title, booking.link.ownerName)}
                  start={booking.start}
                  end={booking.end}
                  manageUrl={`${window.location.origin}${window.location.pathname}`}
                  location={booking.location ? (booking.location.url ?? booking.location.text) : null}
                />
              </>
            )}
          </>
        )}
        <EraseMyData token={token} isAhead={!isCancelled && !isOver} />
      </section>
      {mode === "reschedule" && !isCancelled && !isOver && (
        <div className="booking-steps" ref={rescheduleSteps}>
          <SlotPicker choice={choice} source={source} lastMonth={lastMonth} ownerName={booking.link.ownerName} onSlotPicked={() => setRescheduleError(null)} showsTimeZone={false} />
          <section className="card step step-form" aria-label={t.newTime}>
            {slot ? (
              <div className="stack">
                <h2>{t.newTime}</h2>
                <p>
                  <When start={slot.start} end={slot.end} timeZone={choice.timeZone} />
                </p>
                {rescheduleError && (
                  <p className="error-text" role="alert">
                    {rescheduleError}
                  </p>
                )}
                <button type="button" className="button primary wide" onClick={() => void confirmReschedule()} disabled={reschedule.isPending}>
                  {reschedule.isPending ? t.moving : t.moveHere}
                </button>
              </div>
            ) : (
              <div className="form-placeholder">
                <p className="muted">{t.pickNewTime}</p>
              </div>
            )}
          </section>
        </div>
      )}
    </main>
  );
}

type CancelStepProps = { reason: string; onReasonChange(reason: string): void; ownerName: string; isPending: boolean; error: unknown; onConfirm(): void; onBack(): void };

function CancelStep({ reason, onReasonChange, ownerName, isPending, error, onConfirm, onBack }: CancelStepProps) {
  const { t } = useI18n();
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  return (
    <div className="cancel-step stack">
      <h2>{t.cancelQuestion}</h2>
      <div className="field">
        <label htmlFor="cancel-reason">
          {t.reason} <span className="optional">{t.optional}</span>
        </label>
        <textarea id="cancel-reason" ref={field} value={reason} maxLength={2000} onChange={(event) => onReasonChange(event.target.value)} aria-describedby="cancel-reason-hint" />
        <p id="cancel-reason-hint" className="hint">
          {t.hostWillSee(ownerName || null)}
        </p>
      </div>
      {Boolean(error) && <PublicErrorText error={error} />}
      <div className="row">
        <button type="button" className="button danger-solid" onClick={onConfirm} disabled={isPending}>
          {isPending ? t.cancelling : t.confirmCancel}
        </button>
        <button type="button" className="button" onClick={onBack}>
          {t.keepIt}
        </button>
      </div>
    </div>
  );
}

/** The confirmation right after booking: its address is this page, so a reload shows it again. */
function BookedBanner({ email }: { email: string }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    window.scrollTo({ top: 0 });
    heading.current?.focus();
  }, []);
  return (
    <section className="confirmation stack" aria-labelledby="confirmation-title">
      <div className="screen-mark success">
        <CheckIcon />
      </div>
      <h2 id="confirmation-title" ref={heading} tabIndex={-1}>
        {t.booked}
      </h2>
      <p role="status">{t.bookedMail(email)}</p>
      <p className="muted small">{t.bookedHere}</p>
      <p>
        <a href={`${window.location.origin}${window.location.pathname}`}>{t.manageLink}</a>
      </p>
    </section>
  );
}

function ManageSkeleton() {
  const { t } = useI18n();
  return (
    <main className="public-page manage-page" aria-busy="true">
      <p className="visually-hidden" role="status">
        {t.loadingBooking}
      </p>
      <div className="card manage-card stack">
        <Skeleton width="25%" />
        <Skeleton width="60%" height="1.8rem" />
        <Skeleton height="6rem" radius="8px" />
        <Skeleton width="50%" height="44px" radius="8px" />
      </div>
    </main>
  );
}

/** The invitee's right to erasure: after it, the manage link shows only that the data was erased. */
function EraseMyData({ token, isAhead }: { token: string; isAhead: boolean }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [isAsking, setAsking] = useState(false);
  return (
    <div className="erase-my-data">
      <button type="button" className="button ghost small" onClick={() => setAsking(true)}>
        {t.eraseMyData}
      </button>
      <ConfirmDialog
        isOpen={isAsking}
        onClose={() => setAsking(false)}
        title={t.eraseTitle}
        confirmLabel={t.eraseMyData}
        cancelLabel={t.eraseKeep}
        onConfirm={async () => {
          await eraseManagedBooking(token);
          await queryClient.invalidateQueries({ queryKey: ["manage", token] });
        }}
      >
        <p>{isAhead ? t.eraseBodyAhead : t.eraseBodyPast}</p>
      </ConfirmDialog>
    </div>
  );
}

/** Who the invitee meets: the booking's hosts (a team meeting lists them all), else the link's owner. */
function withWhom(booking: ManagedBooking, locale: string | undefined): string {
  const names = booking.hosts.map((host) => host.name);
  return names.length > 0 ? new Intl.ListFormat(locale, { type: "conjunction" }).format(names) : booking.link.ownerName;
}
