// "New meeting": the owner books a meeting directly (POST /api/v1/bookings),
// without a link. Hosts (yourself; managers may add members), a length, a day
// and one of the hosts' common free times from GET /api/v1/availability — or a
// typed time, judged by the same answer with its reasons and nearest free
// times — then attendees, title and location. Booked, it opens the booking.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link, useLocation } from "wouter";
import { api, ApiProblem, isProblem, unwrap } from "../../api/client";
import { Field, problemFieldErrors } from "../../components/form-field";
import { ErrorText, Notice } from "../../components/notice";
import { TimeZoneSelect } from "../../components/time-zone-select";
import { addDays, formatDate, formatDateTime, formatTime, localDate, startOfLocalDateMs } from "../../lib/time";
import { useNow } from "../../lib/use-now";
import { scopeOf, useOwner } from "../session";
import { BOOKINGS_KEY, useMemberLookup } from "./booking-model";
import { bookingBodyOf, DURATION_CHOICES_MIN, instantOfWallTime, isOnlyOutsideHours, LOCATION_CHOICES, type Attendee, type Availability, type LocationKind } from "./new-meeting-model";
import "./bookings.css";

let attendeeCount = 0;
const newAttendee = (): Attendee => ({ key: `a${(attendeeCount += 1)}`, name: "", email: "" });

export default function NewMeeting() {
  const me = useOwner();
  const zone = me.user.timeZone;
  const canPickHosts = scopeOf(me, "bookings.write") === "all";
  const members = useMemberLookup();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const today = localDate(useNow(), zone);

  const [hostUserIds, setHostUserIds] = useState<string[]>([me.user.id]);
  const [durationMin, setDurationMin] = useState(30);
  const [date, setDate] = useState(today);
  const [slotStart, setSlotStart] = useState<string | null>(null);
  const [typedTime, setTypedTime] = useState("");
  const [allowOutsideHours, setAllowOutsideHours] = useState(false);
  const [attendees, setAttendees] = useState<Attendee[]>(() => [newAttendee()]);
  const [inviteeTimeZone, setInviteeTimeZone] = useState(zone);
  const [title, setTitle] = useState("");
  const [locationKind, setLocationKind] = useState<LocationKind>("jitsi");
  const [locationValue, setLocationValue] = useState("");
  const [notes, setNotes] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [isSaving, setSaving] = useState(false);

  const typedMs = typedTime ? instantOfWallTime(date, typedTime, zone) : null;
  const start = slotStart ?? (typedMs === null ? null : new Date(typedMs).toISOString());
  const dayFromMs = startOfLocalDateMs(date, zone);
  const dayToMs = startOfLocalDateMs(addDays(date, 1), zone);
  const availability = useQuery({
    queryKey: ["availability", hostUserIds, durationMin, date, zone, typedMs],
    enabled: hostUserIds.length > 0,
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/availability", {
          params: {
            query: {
              from: new Date(dayFromMs).toISOString(),
              to: new Date(dayToMs).toISOString(),
              durationMin,
              hostUserIds: hostUserIds.join(","),
              timeZone: zone,
              ...(typedMs === null ? {} : { at: new Date(typedMs).toISOString() }),
            },
          },
        }),
      ),
  });

  const goTo = (next: string) => {
    setDate(next < today ? today : next);
    setSlotStart(null);
  };
  const pickSlot = (slot: string) => {
    setSlotStart(slot);
    setTypedTime("");
    setError(null);
  };
  const pickElsewhere = (slot: string) => {
    setDate(localDate(slot, zone));
    pickSlot(slot);
  };
  const toggleHost = (id: string, isOn: boolean) => {
    setHostUserIds((current) => (isOn ? [...current.filter((other) => other !== id), id] : current.filter((other) => other !== id)));
    setSlotStart(null);
  };
  const changeAttendee = (key: string, changes: Partial<Attendee>) => setAttendees((current) => current.map((attendee) => (attendee.key === key ? { ...attendee, ...changes } : attendee)));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!start || isSaving) return;
    setSaving(true);
    setError(null);
    try {
      const body = bookingBodyOf({ hostUserIds, durationMin, start, attendees, inviteeTimeZone, title, locationKind, locationValue, notes, allowOutsideHours });
      const booked = await unwrap(api.POST("/api/v1/bookings", { body }));
      await queryClient.invalidateQueries({ queryKey: BOOKINGS_KEY });
      navigate(`/bookings/${booked.id}`);
    } catch (cause) {
      setError(cause);
      setSaving(false);
      await queryClient.invalidateQueries({ queryKey: ["availability"] });
    }
  };

  const fieldErrors = new Map(problemFieldErrors(error).map((problem) => [problem.path, problem.message]));
  const location = LOCATION_CHOICES.find((choice) => choice.kind === locationKind)!;
  const dayLabel = formatDate(dayFromMs, zone);
  const dateId = useId();

  return (
    <form className="stack new-meeting" onSubmit={onSubmit} noValidate aria-labelledby="new-meeting-title">
      <Link href="/bookings" className="back-link">
        ← Bookings
      </Link>
      <h1 id="new-meeting-title">New meeting</h1>
      <p className="muted small">Book a meeting yourself, without a link. Times are in {zone.replaceAll("_", " ")}; the invitee's emails use their own zone.</p>

      <section className="card stack" aria-labelledby="when-heading">
        <h2 id="when-heading">When</h2>
        {canPickHosts ? (
          <fieldset className="slot-fieldset">
            <legend>Hosts</legend>
            <p className="muted small">Everyone you pick must be free; the first is the organizer.</p>
            {(members.data ?? [{ id: me.user.id, name: me.user.name }]).map((member) => (
              <label key={member.id} className="check">
                <input type="checkbox" checked={hostUserIds.includes(member.id)} onChange={(event) => toggleHost(member.id, event.target.checked)} />
                <span>{member.id === me.user.id ? `${member.name} (you)` : member.name}</span>
              </label>
            ))}
            {hostUserIds.length === 0 && <p className="error-text">Pick at least one host.</p>}
          </fieldset>
        ) : (
          <p className="muted small">You host this meeting.</p>
        )}
        <Field name="durationMin" label="Length">
          {(control) => (
            <select {...control} value={durationMin} onChange={(event) => { setDurationMin(Number(event.target.value)); setSlotStart(null); }}>
              {DURATION_CHOICES_MIN.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {minutes} minutes
                </option>
              ))}
            </select>
          )}
        </Field>
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
        <FreeTimes availability={availability} dayLabel={dayLabel} zone={zone} chosen={slotStart} onPick={pickSlot} />
        <Field name="time" label="Or type a time" hint={`On ${dayLabel}, in ${zone.replaceAll("_", " ")}`} optional>
          {(control) => (
            <input {...control} type="time" step={300} value={typedTime} onChange={(event) => { setTypedTime(event.target.value); setSlotStart(null); }} />
          )}
        </Field>
        {typedMs !== null && availability.data?.requested && (
          <TypedVerdict requested={availability.data.requested} zone={zone} allowOutsideHours={allowOutsideHours} onPick={pickElsewhere} />
        )}
        <label className="check">
          <input type="checkbox" checked={allowOutsideHours} onChange={(event) => setAllowOutsideHours(event.target.checked)} />
          <span>Allow outside working hours (busy time still counts)</span>
        </label>
      </section>

      <section className="card stack" aria-labelledby="who-heading">
        <h2 id="who-heading">Who</h2>
        {attendees.map((attendee, index) => (
          <fieldset key={attendee.key} className="slot-fieldset attendee-row">
            <legend>{index === 0 ? "Invitee" : `Guest ${index}`}</legend>
            <div className="attendee-fields">
              <Field name={`attendees.${index}.name`} label="Name" error={fieldErrors.get(`attendees.${index}.name`)} optional={index > 0}>
                {(control) => <input {...control} value={attendee.name} autoComplete="off" onChange={(event) => changeAttendee(attendee.key, { name: event.target.value })} />}
              </Field>
              <Field name={`attendees.${index}.email`} label="Email" error={fieldErrors.get(`attendees.${index}.email`)}>
                {(control) => <input {...control} type="email" value={attendee.email} autoComplete="off" onChange={(event) => changeAttendee(attendee.key, { email: event.target.value })} />}
              </Field>
            </div>
            {index > 0 && (
              <button type="button" className="button small ghost" onClick={() => setAttendees((current) => current.filter((other) => other.key !== attendee.key))}>
                Remove guest {index}
              </button>
            )}
          </fieldset>
        ))}
        <div>
          <button type="button" className="button small" onClick={() => setAttendees((current) => [...current, newAttendee()])} disabled={attendees.length >= 20}>
            Add a guest
          </button>
        </div>
        <Field name="inviteeTimeZone" label="Invitee's time zone">
          {(control) => <TimeZoneSelect {...control} value={inviteeTimeZone} onChange={setInviteeTimeZone} />}
        </Field>
      </section>

      <section className="card stack" aria-labelledby="what-heading">
        <h2 id="what-heading">What and where</h2>
        <Field name="title" label="Title" hint="Shown in the emails and the calendar event; “Meeting” when left blank" optional error={fieldErrors.get("title")}>
          {(control) => <input {...control} value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />}
        </Field>
        <Field name="location.kind" label="Location">
          {(control) => (
            <select {...control} value={locationKind} onChange={(event) => setLocationKind(event.target.value as LocationKind)}>
              {LOCATION_CHOICES.map((choice) => (
                <option key={choice.kind} value={choice.kind}>
                  {choice.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {location.needsCalendar && <p className="muted small">The call is made in the organizer's {location.needsCalendar} calendar, which must be connected.</p>}
        {location.valueLabel && (
          <Field name="location.value" label={location.valueLabel} error={fieldErrors.get("location.value")}>
            {(control) => <input {...control} type={locationKind === "url" ? "url" : "text"} value={locationValue} onChange={(event) => setLocationValue(event.target.value)} />}
          </Field>
        )}
        <Field name="notes" label="Notes for the invitee" optional>
          {(control) => <textarea {...control} rows={3} value={notes} maxLength={5000} onChange={(event) => setNotes(event.target.value)} />}
        </Field>
      </section>

      <BookingProblem error={error} zone={zone} onPick={pickElsewhere} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={!start || isSaving || hostUserIds.length === 0}>
          {isSaving ? "Booking…" : start ? `Book ${formatDateTime(start, zone)}` : "Pick a time to book"}
        </button>
      </div>
    </form>
  );
}

type AvailabilityQuery = { isPending: boolean; error: unknown; data: Availability | undefined };

function FreeTimes({ availability, dayLabel, zone, chosen, onPick }: { availability: AvailabilityQuery; dayLabel: string; zone: string; chosen: string | null; onPick: (start: string) => void }) {
  if (availability.error) return <ErrorText error={availability.error} />;
  if (availability.isPending || !availability.data) {
    return (
      <p className="muted" role="status">
        Loading free times…
      </p>
    );
  }
  const slots = availability.data.slots;
  if (slots.length === 0) return <p role="status">No common free time on {dayLabel}. Try another day, or type a time.</p>;
  return (
    <fieldset className="slot-fieldset">
      <legend>Free times on {dayLabel}</legend>
      <div className="slot-grid">
        {slots.map((slot) => (
          <label key={slot.start} className="slot">
            <input type="radio" name="slot" value={slot.start} checked={chosen === slot.start} onChange={() => onPick(slot.start)} />
            <span>{formatTime(slot.start, zone)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

type Requested = NonNullable<Availability["requested"]>;

function TypedVerdict({ requested, zone, allowOutsideHours, onPick }: { requested: Requested; zone: string; allowOutsideHours: boolean; onPick: (start: string) => void }) {
  if (requested.free) {
    return (
      <p className="success-text" role="status">
        {formatDateTime(requested.start, zone)} is free.
      </p>
    );
  }
  const isWaived = allowOutsideHours && isOnlyOutsideHours(requested.reasons);
  return (
    <div role="status">
      <Notice tone={isWaived ? "neutral" : "warning"} title={isWaived ? "Outside working hours, allowed" : `${formatDateTime(requested.start, zone)} is not free`}>
        <ul>
          {requested.reasons.map((reason, i) => (
            <li key={i}>{reason.message}</li>
          ))}
        </ul>
        {!isWaived && <NearestTimes starts={requested.nearest.map((slot) => slot.start)} zone={zone} onPick={onPick} />}
      </Notice>
    </div>
  );
}

function NearestTimes({ starts, zone, onPick }: { starts: string[]; zone: string; onPick: (start: string) => void }) {
  if (starts.length === 0) return <p>No free time within three days of it.</p>;
  return (
    <div className="stack">
      <p>Nearest free times:</p>
      <div className="actions">
        {starts.map((start) => (
          <button key={start} type="button" className="button small" onClick={() => onPick(start)}>
            {formatDateTime(start, zone)}
          </button>
        ))}
      </div>
    </div>
  );
}

/** What the booking answered, said so the owner can act: connect a calendar, pick a nearest time, fix a field. */
function BookingProblem({ error, zone, onPick }: { error: unknown; zone: string; onPick: (start: string) => void }) {
  if (!error) return null;
  if (isProblem(error, "CALENDAR_NOT_CONNECTED")) {
    return (
      <div role="alert">
        <Notice tone="warning" title="Connect a calendar for this location">
          <p>{(error as ApiProblem).detail}</p>
          <p>
            <Link href="/calendars">Connect a calendar</Link> or pick another location, such as Jitsi.
          </p>
        </Notice>
      </div>
    );
  }
  if (isProblem(error, "SLOT_TAKEN") || isProblem(error, "OUTSIDE_AVAILABILITY")) {
    const nearest = (((error as ApiProblem).body.nearestSlots ?? []) as { start: string }[]).map((slot) => slot.start);
    return (
      <div role="alert">
        <Notice tone="warning" title={isProblem(error, "SLOT_TAKEN") ? "That time was just taken" : "That time is not free"}>
          <p>{(error as ApiProblem).detail}</p>
          <NearestTimes starts={nearest} zone={zone} onPick={onPick} />
        </Notice>
      </div>
    );
  }
  return <ErrorText error={error} />;
}
