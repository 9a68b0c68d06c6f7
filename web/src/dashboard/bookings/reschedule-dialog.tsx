// Moves a booking: pick a day, then one of that day's free times (the link's
// slots for the booked duration, from GET /bookings/:id/slots), then confirm.
// The invitee gets the new time by email.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api, isProblem, unwrap } from "../../api/client";
import { Dialog } from "../../components/dialog";
import { ErrorText } from "../../components/notice";
import { addDays, formatDate, formatDateTime, formatTime, localDate, startOfLocalDateMs } from "../../lib/time";
import { useNow } from "../../lib/use-now";
import type { BookingDetail } from "./booking-model";

const SEARCH_AHEAD_DAYS = 60;

type Props = { booking: BookingDetail; timeZone: string; isOpen: boolean; onClose: () => void; onMoved: (booking: BookingDetail) => void };

function slotsOf(bookingId: string, fromDate: string, days: number, timeZone: string) {
  return unwrap(
    api.GET("/api/v1/bookings/{id}/slots", {
      params: {
        path: { id: bookingId },
        query: { from: new Date(startOfLocalDateMs(fromDate, timeZone)).toISOString(), to: new Date(startOfLocalDateMs(addDays(fromDate, days), timeZone)).toISOString(), timeZone },
      },
    }),
  );
}

export function RescheduleDialog({ booking, timeZone, isOpen, onClose, onMoved }: Props) {
  const nowMs = useNow();
  const today = localDate(nowMs, timeZone);
  const bookedDate = localDate(booking.start, timeZone);
  const [date, setDate] = useState(bookedDate < today ? today : bookedDate);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);
  const [isSearching, setSearching] = useState(false);
  const [searchNote, setSearchNote] = useState("");
  const queryClient = useQueryClient();
  const dateId = useId();

  const slots = useQuery({
    queryKey: ["booking-slots", booking.id, date, timeZone],
    queryFn: () => slotsOf(booking.id, date, 1, timeZone),
    enabled: isOpen,
    staleTime: 0,
  });
  const free = (slots.data?.days.find((day) => day.date === date)?.slots ?? []).filter((slot) => slot.start !== booking.start);

  const goTo = (next: string) => {
    setDate(next < today ? today : next);
    setChosen(null);
    setError(null);
    setSearchNote("");
  };

  const findNextFreeDay = async () => {
    setSearching(true);
    setSearchNote("");
    try {
      const ahead = await slotsOf(booking.id, addDays(date, 1), SEARCH_AHEAD_DAYS, timeZone);
      const next = ahead.days.find((day) => day.slots.some((slot) => slot.start !== booking.start));
      if (next) goTo(next.date);
      else setSearchNote(`No free time in the ${SEARCH_AHEAD_DAYS} days after ${formatDate(startOfLocalDateMs(date, timeZone), timeZone)}.`);
    } catch (cause) {
      setError(cause);
    } finally {
      setSearching(false);
    }
  };

  const move = async () => {
    if (!chosen) return;
    setSaving(true);
    setError(null);
    try {
      const moved = await unwrap(api.POST("/api/v1/bookings/{id}/reschedule", { params: { path: { id: booking.id } }, body: { start: chosen } }));
      onMoved({ ...booking, ...moved });
      setChosen(null);
    } catch (cause) {
      setError(cause);
      // The time may have gone meanwhile: show the day as it is now.
      if (isProblem(cause, "SLOT_TAKEN") || (cause as { status?: number }).status === 422) await queryClient.invalidateQueries({ queryKey: ["booking-slots", booking.id] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="Reschedule">
      <p className="muted small">
        Now: {formatDateTime(booking.start, timeZone)}. Free times of the link for {booking.durationMin} minutes, in {timeZone.replaceAll("_", " ")}.
      </p>
      <div className="day-picker">
        <button type="button" className="button small" onClick={() => goTo(addDays(date, -1))} disabled={date <= today} aria-label="Previous day">
          ←
        </button>
        <div className="field">
          <label htmlFor={dateId}>Day</label>
          <input id={dateId} type="date" value={date} min={today} onChange={(event) => event.target.value && goTo(event.target.value)} />
        </div>
        <button type="button" className="button small" onClick={() => goTo(addDays(date, 1))} aria-label="Next day">
          →
        </button>
      </div>

      {slots.isPending ? (
        <p className="muted" role="status">
          Loading free times…
        </p>
      ) : slots.error ? (
        <ErrorText error={slots.error} />
      ) : free.length === 0 ? (
        <div className="stack">
          <p role="status">No free times on {formatDate(startOfLocalDateMs(date, timeZone), timeZone)}.</p>
          <div>
            <button type="button" className="button small" onClick={findNextFreeDay} disabled={isSearching}>
              {isSearching ? "Looking…" : "Find the next free day"}
            </button>
          </div>
          {searchNote && <p className="muted small" role="status">{searchNote}</p>}
        </div>
      ) : (
        <fieldset className="slot-fieldset">
          <legend>Free times on {formatDate(startOfLocalDateMs(date, timeZone), timeZone)}</legend>
          <div className="slot-grid">
            {free.map((slot) => (
              <label key={slot.start} className="slot">
                <input type="radio" name="slot" value={slot.start} checked={chosen === slot.start} onChange={() => setChosen(slot.start)} />
                <span>{formatTime(slot.start, timeZone)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      <ErrorText error={error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} disabled={isSaving}>
          Close
        </button>
        <button type="button" className="button primary" onClick={move} disabled={!chosen || isSaving}>
          {isSaving ? "Moving…" : chosen ? `Move to ${formatDateTime(chosen, timeZone)}` : "Pick a time"}
        </button>
      </div>
    </Dialog>
  );
}
