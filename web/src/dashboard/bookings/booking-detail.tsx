// One booking: when and with whom, the actions the server allows right now
// (reschedule and cancel before the meeting ends; attendance once it has
// started), the invitee's answers, its history, its emails and its calendar copies.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "wouter";
import { api, isProblem, unwrap } from "../../api/client";
import { ConfirmDialog } from "../../components/dialog";
import { MeetingPlace } from "../../components/meeting-place";
import { ErrorText, Notice } from "../../components/notice";
import { PageSkeleton } from "../../components/skeleton";
import { formatDateTime, formatTime } from "../../lib/time";
import { useNow } from "../../lib/use-now";
import { useOwner } from "../session";
import { BOOKINGS_KEY, bookingKey, isActive, lastListSearch, STATUS_LABEL, STATUS_TONE, useLinkLookup, useMemberLookup, type AttendanceMark, type BookingDetail as Booking } from "./booking-model";
import { AnswersCard, CalendarWritesCard, HistoryCard, InviteeCard, NotificationsCard } from "./booking-sections";
import { RescheduleDialog } from "./reschedule-dialog";
import "./bookings.css";

const WRITE_REFRESH_MS = 5_000;

/** A change not yet planned (the relay plans each within a second or so), or a calendar copy still being written. */
function isPlanningCalendars(booking: Booking): boolean {
  return booking.events.some((event) => event.fannedOutAt === null);
}

function isWritingCalendars(booking: Booking): boolean {
  return isPlanningCalendars(booking) || booking.calendarWrites.some((write) => write.state === "pending");
}

export default function BookingDetail({ bookingId }: { bookingId: string }) {
  const { user } = useOwner();
  const booking = useQuery({
    queryKey: bookingKey(bookingId),
    queryFn: () => unwrap(api.GET("/api/v1/bookings/{id}", { params: { path: { id: bookingId } } })),
    // Calendar copies are planned and written in the background: look again until they are settled.
    refetchInterval: (query) => (query.state.data && isWritingCalendars(query.state.data) ? WRITE_REFRESH_MS : false),
  });
  const links = useLinkLookup();
  const members = useMemberLookup();

  if (booking.isPending) return <PageSkeleton />;
  if (booking.error) {
    return (
      <div className="stack">
        <BackLink />
        {isProblem(booking.error, "NOT_FOUND") ? (
          <Notice title="No such booking">
            <p>It may belong to another organisation, or the address is mistyped.</p>
          </Notice>
        ) : (
          <ErrorText error={booking.error} />
        )}
      </div>
    );
  }

  const data = booking.data;
  const link = links.data?.find((candidate) => candidate.id === data.linkId);
  const nameOf = (userId: string) => members.data?.find((member) => member.id === userId)?.name;
  const hostNames = data.hostUserIds.map((id) => (id === user.id ? "you" : (nameOf(id) ?? "a team member")));

  return (
    <div className="stack booking-detail">
      <BackLink />
      <header className="detail-header">
        <div className="row">
          <span className={`badge ${STATUS_TONE[data.status]}`}>{STATUS_LABEL[data.status]}</span>
          <span className="muted small">{link ? link.title : (data.title ?? data.externalTitle ?? (data.linkId === null ? "Booked directly" : "Deleted link"))}</span>
        </div>
        <h1>{data.erasedAt ? "Invitee data erased" : data.invitee.name}</h1>
        {data.erasedAt && (
          <p className="small" role="note">
            The invitee asked for their data to be erased on {formatDateTime(data.erasedAt, user.timeZone)}: their name, email, answers and notes are gone; the time stays in
            your statistics.
          </p>
        )}
        <p className="detail-when">
          <time dateTime={data.start}>{formatDateTime(data.start, user.timeZone)}</time> – {formatTime(data.end, user.timeZone)}
          <span className="muted small"> ({data.durationMin} min, {user.timeZone.replaceAll("_", " ")})</span>
        </p>
        {data.location && data.status !== "cancelled" && (
          <p className="detail-where">
            {data.location.label}: <MeetingPlace location={data.location} />
          </p>
        )}
        <p className="muted small">Hosted by {hostNames.join(", ")}</p>
        {data.status === "cancelled" && data.cancelReason && <p className="small">Cancellation reason: {data.cancelReason}</p>}
      </header>

      <Actions booking={data} timeZone={user.timeZone} />

      <div className="detail-grid">
        <div className="stack">
          <InviteeCard booking={data} timeZone={user.timeZone} />
          <AnswersCard answers={data.answers} templateId={links.isPending ? undefined : (link?.templateId ?? null)} />
          <NotificationsCard notifications={data.notifications} timeZone={user.timeZone} />
          <CalendarWritesCard writes={data.calendarWrites} isPlanning={isPlanningCalendars(data)} timeZone={user.timeZone} names={{ meId: user.id, nameOf }} />
        </div>
        <HistoryCard history={data.history} timeZone={user.timeZone} names={{ meId: user.id, nameOf }} />
      </div>
    </div>
  );
}

function BackLink() {
  return (
    <div>
      <Link href={`/bookings${lastListSearch()}`} className="back-link">
        <span aria-hidden="true">←</span> Bookings
      </Link>
    </div>
  );
}

function Actions({ booking, timeZone }: { booking: Booking; timeZone: string }) {
  const nowMs = useNow(30_000);
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<"cancel" | "reschedule" | null>(null);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState("");
  const [attendanceError, setAttendanceError] = useState<unknown>(null);
  const [isMarking, setMarking] = useState(false);
  const reasonId = useId();
  const attendanceHintId = useId();

  const hasStarted = Date.parse(booking.start) <= nowMs;
  const hasEnded = Date.parse(booking.end) <= nowMs;
  const canChange = isActive(booking.status) && !hasEnded;
  const canMarkAttendance = booking.status !== "cancelled" && hasStarted;

  const refresh = async (changed: Partial<Booking>) => {
    queryClient.setQueryData(bookingKey(booking.id), { ...booking, ...changed });
    await Promise.all([queryClient.invalidateQueries({ queryKey: bookingKey(booking.id) }), queryClient.invalidateQueries({ queryKey: BOOKINGS_KEY })]);
  };

  const markAttendance = async (status: AttendanceMark) => {
    setMarking(true);
    setAttendanceError(null);
    try {
      const marked = await unwrap(api.POST("/api/v1/bookings/{id}/attendance", { params: { path: { id: booking.id } }, body: { status } }));
      setMessage(status === "showed" ? "Marked as showed up." : "Marked as no-show.");
      await refresh(marked);
    } catch (cause) {
      setAttendanceError(cause);
    } finally {
      setMarking(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="actions-heading">
      <h2 id="actions-heading" className="visually-hidden">
        Actions
      </h2>
      <div className="actions">
        {canChange && (
          <>
            <button type="button" className="button primary" onClick={() => setDialog("reschedule")}>
              Reschedule
            </button>
            <button type="button" className="button danger" onClick={() => setDialog("cancel")}>
              Cancel booking
            </button>
          </>
        )}
        <a className="button" href={`/api/v1/bookings/${booking.id}/ics`} download>
          Download .ics
        </a>
      </div>

      {booking.status !== "cancelled" && (
        <div className="stack attendance-block">
          <h3 id="attendance-heading">Attendance</h3>
          <div className="attendance" role="group" aria-labelledby="attendance-heading" aria-describedby={attendanceHintId}>
            <button type="button" className="button" aria-pressed={booking.status === "completed"} disabled={!canMarkAttendance || isMarking} onClick={() => markAttendance("showed")}>
              Showed up
            </button>
            <button type="button" className="button" aria-pressed={booking.status === "no_show"} disabled={!canMarkAttendance || isMarking} onClick={() => markAttendance("no_show")}>
              No-show
            </button>
          </div>
          <p id={attendanceHintId} className="muted small">
            {canMarkAttendance
              ? booking.status === "completed" || booking.status === "no_show"
                ? "Marked. You can correct it if it is wrong."
                : "Did the invitee show up? This feeds the link's show rate."
              : "You can mark attendance once the meeting has started."}
          </p>
          <ErrorText error={attendanceError} />
        </div>
      )}

      <p className="success-text live" role="status">
        {message}
      </p>

      {dialog === "reschedule" && (
        <RescheduleDialog
          booking={booking}
          timeZone={timeZone}
          isOpen
          onClose={() => setDialog(null)}
          onMoved={async (moved) => {
            setDialog(null);
            setMessage(`Moved to ${formatDateTime(moved.start, timeZone)}. ${booking.invitee.name} gets an email with the new time.`);
            await refresh(moved);
          }}
        />
      )}
      <ConfirmDialog
        isOpen={dialog === "cancel"}
        onClose={() => setDialog(null)}
        title="Cancel this booking?"
        confirmLabel="Cancel booking"
        cancelLabel="Keep booking"
        onConfirm={async () => {
          const cancelled = await unwrap(api.POST("/api/v1/bookings/{id}/cancel", { params: { path: { id: booking.id } }, body: reason.trim() ? { reason: reason.trim() } : {} }));
          setMessage(`Booking cancelled. ${booking.invitee.name} gets an email${reason.trim() ? " with your reason" : ""}.`);
          setReason("");
          await refresh(cancelled);
        }}
      >
        <p>
          {booking.invitee.name}, {formatDateTime(booking.start, timeZone)}. The time becomes free again and {booking.invitee.name} is told by email.
        </p>
        <div className="field">
          <label htmlFor={reasonId}>Reason (optional, sent to the invitee)</label>
          <textarea id={reasonId} value={reason} maxLength={2000} onChange={(event) => setReason(event.target.value)} />
        </div>
      </ConfirmDialog>
    </section>
  );
}
