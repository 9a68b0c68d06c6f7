// The invitee's private manage page: the booking in their zone, reschedule to
// another free slot of the same link (same calendar as the booking page), or
// cancel with a reason. Cancelled, past and unknown bookings get clear screens.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { isProblem } from "../api/client";
import { MeetingPlace } from "../components/meeting-place";
import { ConfirmDialog } from "../components/dialog";
import { ErrorText, Notice } from "../components/notice";
import { Skeleton } from "../components/skeleton";
import { ThemeToggle } from "../components/theme-toggle";
import { AddToCalendar } from "./add-to-calendar";
import { Facts, When, whenText } from "./meeting-facts";
import { refreshSlots, type SlotSource } from "./month-slots";
import { ManageProblemScreen } from "./problem-screens";
import { cancelManagedBooking, eraseManagedBooking, fetchManagedBooking, fetchManageSlots, rescheduleManagedBooking, type ManagedBooking } from "./public-api";
import { lastMonthOf, SlotPicker, useSlotChoice } from "./slot-picker";
import { zoneName } from "../lib/time";
import { TimeZonePicker } from "./time-zone-picker";
import "./booking.css";

const STATUS: Record<string, { label: string; tone: string }> = {
  scheduled: { label: "Confirmed", tone: "success" },
  rescheduled: { label: "Confirmed · rescheduled", tone: "success" },
  cancelled: { label: "Cancelled", tone: "danger" },
  completed: { label: "Took place", tone: "" },
  no_show: { label: "Missed", tone: "warning" },
};

export default function ManagePage({ token }: { token: string }) {
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
    document.title = `${booking.link.title} · Your booking`;
  }, [booking.link.title]);
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
  const status = isOver && booking.status !== "no_show" ? STATUS.completed! : (STATUS[booking.status] ?? { label: booking.status, tone: "" });
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
        isProblem(error, "SLOT_TAKEN") ? "Someone just booked that time. Please pick another one." : isProblem(error) && error.status === 422 ? "That time can no longer be booked. Please pick another one." : error instanceof Error ? error.message : "Could not reschedule.",
      );
    }
  };

  return (
    <main className="public-page manage-page">
      <section className="card manage-card stack" aria-labelledby="manage-title">
        <div className="spread">
          <span className={`badge ${status.tone}`}>{status.label}</span>
          <ThemeToggle />
        </div>
        <div>
          <h1 id="manage-title">{booking.link.title}</h1>
          <p className="muted">Your meeting with {booking.link.ownerName || "your host"}</p>
        </div>
        <Facts
          items={[
            ["When", <span key="when" className={isCancelled ? "struck" : undefined}><When start={booking.start} end={booking.end} timeZone={choice.timeZone} /></span>],
            ["Duration", `${booking.durationMin} minutes`],
            // The same address as the confirmation email; gone once the meeting is cancelled.
            ...(booking.location && !isCancelled ? [[booking.location.label, <MeetingPlace key="where" location={booking.location} />] as [string, ReactNode]] : []),
            ["With", booking.link.ownerName],
            ["Booked by", `${booking.invitee.name} (${booking.invitee.email})`],
          ]}
        />
        <TimeZonePicker value={choice.timeZone} onChange={choice.changeTimeZone} label="Show times in" />
        {outcome === "rescheduled" && !isCancelled && (
          <div ref={outcomeRef} tabIndex={-1} role="status">
            <Notice tone="success" title="Your meeting has moved">
              <p>
                It is now on {whenText(booking.start, booking.end, choice.timeZone)} ({zoneName(choice.timeZone)}). An updated invitation is on its way to {booking.invitee.email}.
              </p>
            </Notice>
          </div>
        )}
        {isCancelled ? (
          <div ref={outcomeRef} tabIndex={-1} role={outcome === "cancelled" ? "status" : undefined}>
            <Notice tone="neutral" title={outcome === "cancelled" ? "Your meeting is cancelled" : "This meeting was cancelled"}>
              {outcome === "cancelled" && <p>{booking.link.ownerName || "Your host"} has been told, and a cancellation email is on its way to {booking.invitee.email}.</p>}
              {booking.cancelReason && (
                <p>
                  Reason: <q>{booking.cancelReason}</q>
                </p>
              )}
              {booking.link.bookingUrl ? (
                <p>
                  Want to meet after all? <a href={booking.link.bookingUrl}>Book a new time</a>
                </p>
              ) : (
                <p>It can no longer be changed.</p>
              )}
            </Notice>
          </div>
        ) : isOver ? (
          <Notice tone="neutral" title="This meeting is over">
            <p>It can no longer be rescheduled or cancelled.</p>
            {booking.link.bookingUrl && (
              <p>
                <a href={booking.link.bookingUrl}>Book another meeting</a>
              </p>
            )}
          </Notice>
        ) : mode === "cancel" ? (
          <CancelStep reason={reason} onReasonChange={setReason} ownerName={booking.link.ownerName} isPending={cancel.isPending} error={cancel.error} onConfirm={() => cancel.mutate()} onBack={() => switchMode("view")} />
        ) : (
          <>
            {mode === "reschedule" ? (
              <div className="row">
                <p className="grow">Pick a new day and time below; your current time stays until you confirm the new one.</p>
                <button type="button" className="button" onClick={() => switchMode("view")}>
                  Keep the current time
                </button>
              </div>
            ) : (
              <>
                <div className="row">
                  <button type="button" className="button primary" onClick={() => switchMode("reschedule")}>
                    Reschedule
                  </button>
                  <button type="button" className="button danger" onClick={() => switchMode("cancel")}>
                    Cancel meeting
                  </button>
                </div>
                <AddToCalendar
                  manageToken={token}
                  title={`${booking.link.title} with ${booking.link.ownerName}`}
                  start={booking.start}
                  end={booking.end}
                  manageUrl={window.location.href}
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
          <section className="card step step-form" aria-label="New time">
            {slot ? (
              <div className="stack">
                <h2>New time</h2>
                <p>
                  <When start={slot.start} end={slot.end} timeZone={choice.timeZone} />
                </p>
                {rescheduleError && (
                  <p className="error-text" role="alert">
                    {rescheduleError}
                  </p>
                )}
                <button type="button" className="button primary wide" onClick={() => void confirmReschedule()} disabled={reschedule.isPending}>
                  {reschedule.isPending ? "Moving…" : "Move my meeting here"}
                </button>
              </div>
            ) : (
              <div className="form-placeholder">
                <p className="muted">Pick a new day and time.</p>
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
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  return (
    <div className="cancel-step stack">
      <h2>Cancel this meeting?</h2>
      <div className="field">
        <label htmlFor="cancel-reason">
          Reason <span className="optional">(optional)</span>
        </label>
        <textarea id="cancel-reason" ref={field} value={reason} maxLength={2000} onChange={(event) => onReasonChange(event.target.value)} aria-describedby="cancel-reason-hint" />
        <p id="cancel-reason-hint" className="hint">
          {ownerName || "Your host"} will see it.
        </p>
      </div>
      {Boolean(error) && <ErrorText error={error} />}
      <div className="row">
        <button type="button" className="button danger-solid" onClick={onConfirm} disabled={isPending}>
          {isPending ? "Cancelling…" : "Yes, cancel the meeting"}
        </button>
        <button type="button" className="button" onClick={onBack}>
          Keep it
        </button>
      </div>
    </div>
  );
}

function ManageSkeleton() {
  return (
    <main className="public-page manage-page" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading your booking…
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
  const queryClient = useQueryClient();
  const [isAsking, setAsking] = useState(false);
  return (
    <div className="erase-my-data">
      <button type="button" className="button ghost small" onClick={() => setAsking(true)}>
        Erase my data
      </button>
      <ConfirmDialog
        isOpen={isAsking}
        onClose={() => setAsking(false)}
        title="Erase your data?"
        confirmLabel="Erase my data"
        onConfirm={async () => {
          await eraseManagedBooking(token);
          await queryClient.invalidateQueries({ queryKey: ["manage", token] });
        }}
      >
        <p>
          {isAhead ? "Your meeting will be cancelled and the host told. " : "The host will be told. "}
          Your name, email address, answers and notes are removed from this booking, and this link stops working. This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
