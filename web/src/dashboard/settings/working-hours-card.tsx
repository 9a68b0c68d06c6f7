// Your own working hours (PATCH /api/v1/me {weeklyHours}), in your time zone.
// Everyone has them (Monday to Friday, 09:00–17:00 until changed): they are
// your availability without a link (GET /availability, a new meeting, an AI
// agent), and for links that take each host's own hours; new links start from
// them. The same week editor as the link wizard's.
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client";
import { ErrorText } from "../../components/notice";
import { checkWeek } from "../links/wizard/draft-rules";
import { officeWeek, weekOf, weeklyHoursOf, type TimeRange } from "../links/wizard/draft";
import { WeekEditor } from "../links/wizard/week-editor";
import { ME_KEY, useOwner } from "../session";
import "../links/links.css";

export function WorkingHoursCard() {
  const me = useOwner();
  const queryClient = useQueryClient();
  const saved = me.user.weeklyHours;
  const [week, setWeek] = useState<TimeRange[][]>(saved ? weekOf(saved) : officeWeek());
  const [isSaving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState("");
  const errors = checkWeek(week);
  const hasErrors = Object.keys(errors).length > 0;

  const send = async (weeklyHours: ReturnType<typeof weeklyHoursOf> | null) => {
    setSaving(true);
    setError(null);
    setMessage("");
    try {
      const updated = await unwrap(api.PATCH("/api/v1/me", { body: { weeklyHours } }));
      queryClient.setQueryData(ME_KEY, updated);
      if (weeklyHours === null) setWeek(officeWeek());
      setMessage(weeklyHours === null ? "Working hours reset to Monday to Friday, 09:00–17:00." : "Working hours saved.");
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!hasErrors && !isSaving) void send(weeklyHoursOf(week));
  };

  return (
    <section className="card stack" aria-labelledby="working-hours-heading">
      <h2 id="working-hours-heading">Working hours</h2>
      <p className="muted small">When you are available, in your time zone ({me.user.timeZone.replaceAll("_", " ")}). They decide:</p>
      <ul className="muted small">
        <li>your free times without a link: a new meeting from Bookings, the API and AI agents booking for you (outside them only when asked);</li>
        <li>links that use each host's own hours;</li>
        <li>where a new link starts (each link can then keep hours of its own).</li>
      </ul>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <WeekEditor week={week} errors={errors} onChange={setWeek} />
        <ErrorText error={error} />
        <div className="row">
          <button type="submit" className="button primary" disabled={isSaving || hasErrors}>
            {isSaving ? "Saving…" : "Save working hours"}
          </button>
          {saved ? (
            <button type="button" className="button ghost" disabled={isSaving} onClick={() => void send(null)}>
              Reset to Mon–Fri 09:00–17:00
            </button>
          ) : null}
          <span className="success-text" role="status">
            {message}
          </span>
        </div>
      </form>
    </section>
  );
}
