// Your own working hours (PATCH /api/v1/me {weeklyHours}), in your time zone:
// team links set to "each host's own hours" offer you only in them. The same
// week editor as the link wizard's.
import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, unwrap } from "../../api/client";
import { ErrorText } from "../../components/notice";
import { checkWeek } from "../links/wizard/draft-rules";
import { weekOf, weeklyHoursOf, type TimeRange } from "../links/wizard/draft";
import { WeekEditor } from "../links/wizard/week-editor";
import { ME_KEY, useOwner } from "../session";
import "../links/links.css";

const OFFICE_WEEK: TimeRange[][] = [[], ...[1, 2, 3, 4, 5].map(() => [{ start: "09:00", end: "17:00" }]), []];

export function WorkingHoursCard() {
  const me = useOwner();
  const queryClient = useQueryClient();
  const saved = me.user.weeklyHours;
  const [week, setWeek] = useState<TimeRange[][]>(saved ? weekOf(saved) : OFFICE_WEEK);
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
      if (weeklyHours === null) setWeek(OFFICE_WEEK);
      setMessage(weeklyHours === null ? "Working hours cleared: team links use their own hours for you." : "Working hours saved.");
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
      <p className="muted small">
        When you are available, in your time zone ({me.user.timeZone.replaceAll("_", " ")}). Team links set to “each host's own hours” offer you only in these hours;
        other links keep their own. {saved ? null : "Not set yet: every link uses its own hours for you."}
      </p>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <WeekEditor week={week} errors={errors} onChange={setWeek} />
        <ErrorText error={error} />
        <div className="row">
          <button type="submit" className="button primary" disabled={isSaving || hasErrors}>
            {isSaving ? "Saving…" : "Save working hours"}
          </button>
          {saved ? (
            <button type="button" className="button ghost" disabled={isSaving} onClick={() => void send(null)}>
              Clear
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
