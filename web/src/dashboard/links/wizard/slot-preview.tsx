// The times a draft link would offer over the next two weeks, computed by the
// server's availability engine (POST /links/preview-slots) without saving.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";
import { api, unwrap } from "../../../api/client";
import { ErrorText } from "../../../components/notice";
import { Skeleton } from "../../../components/skeleton";
import { browserTimeZone, formatDate, formatTime } from "../../../lib/time";
import { useCalendarConnections } from "../../calendars/calendar-api";
import { blockingCount } from "../../calendars/calendar-model";
import { durationLabel } from "../link-format";
import type { LinkBody } from "../link-api";
import { STEPS, type NoOpenTimesCause, type StepId } from "./draft-rules";

const PREVIEW_DAYS = 14;
const SHOWN_PER_DAY = 12;

export function SlotPreview({ body, whyEmpty, onEdit }: { body: LinkBody; whyEmpty(previewDays: number): NoOpenTimesCause[]; onEdit(step: StepId): void }) {
  const linkZone = body.timeZone ?? browserTimeZone();
  const viewerZone = browserTimeZone();
  const [zone, setZone] = useState<"link" | "viewer">("link");
  const [chosenDuration, setChosenDuration] = useState<number | null>(null);
  const durationMin = chosenDuration !== null && body.durationsMin.includes(chosenDuration) ? chosenDuration : (body.defaultDurationMin ?? body.durationsMin[0]!);
  const timeZone = zone === "viewer" ? viewerZone : linkZone;
  const { slug: _slug, templateId: _templateId, ...rules } = body;

  const preview = useQuery({
    queryKey: ["link-preview", rules, timeZone, durationMin],
    queryFn: () => unwrap(api.POST("/api/v1/links/preview-slots", { params: { query: { timeZone, durationMin, days: PREVIEW_DAYS } }, body: { ...rules, templateId: null } })),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const total = preview.data?.days.reduce((sum, day) => sum + day.slots.length, 0) ?? 0;

  return (
    <section className="card slot-preview" aria-labelledby="slot-preview-heading" aria-busy={preview.isFetching}>
      <div className="spread">
        <h3 id="slot-preview-heading">Times invitees would see</h3>
        <span className="muted small">next {PREVIEW_DAYS} days</span>
      </div>
      <div className="row slot-preview-controls">
        {linkZone !== viewerZone ? (
          <label className="field-inline">
            <span>Shown in</span>
            <select value={zone} onChange={(event) => setZone(event.target.value as "link" | "viewer")}>
              <option value="link">{linkZone.replaceAll("_", " ")} (the link's zone)</option>
              <option value="viewer">{viewerZone.replaceAll("_", " ")} (your browser)</option>
            </select>
          </label>
        ) : (
          <span className="muted small">Shown in {linkZone.replaceAll("_", " ")}</span>
        )}
        {body.durationsMin.length > 1 ? (
          <label className="field-inline">
            <span>Duration</span>
            <select value={durationMin} onChange={(event) => setChosenDuration(Number(event.target.value))}>
              {body.durationsMin.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {durationLabel(minutes)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <p role="status" className="small slot-preview-summary">
        {preview.isPending ? "Working out the times…" : preview.data ? (total === 0 ? "No open times in the next two weeks." : `${total} open time${total === 1 ? "" : "s"} of ${durationLabel(durationMin)} on ${preview.data.days.length} day${preview.data.days.length === 1 ? "" : "s"}.`) : ""}
      </p>
      <CalendarNote />
      <ErrorText error={preview.error} />
      {preview.isPending ? (
        <div className="stack">
          <Skeleton width="40%" />
          <Skeleton height="2.5rem" />
          <Skeleton width="35%" />
          <Skeleton height="2.5rem" />
        </div>
      ) : null}
      {preview.data && total === 0 ? (
        <ul className="plain-list small no-open-times" aria-label="Why there are no open times">
          {whyEmpty(PREVIEW_DAYS).map((cause) => (
            <li key={cause.message}>
              {cause.message}{" "}
              {cause.step ? (
                <button type="button" className="button small ghost" onClick={() => onEdit(cause.step!)}>
                  Change {STEPS.find((candidate) => candidate.id === cause.step)!.title.toLowerCase()}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {preview.data && total > 0 ? (
        <ul className="preview-days">
          {preview.data.days.map((day) => (
            <li key={day.date} className="preview-day">
              <h4>{formatDate(`${day.date}T12:00:00Z`, "UTC")}</h4>
              <ul className="preview-times" aria-label={`Times on ${formatDate(`${day.date}T12:00:00Z`, "UTC")}`}>
                {day.slots.slice(0, SHOWN_PER_DAY).map((slot) => (
                  <li key={slot.start} className="time-chip">
                    {formatTime(slot.start, timeZone)}
                  </li>
                ))}
                {day.slots.length > SHOWN_PER_DAY ? <li className="time-chip more">+{day.slots.length - SHOWN_PER_DAY} more</li> : null}
              </ul>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Whether the preview already leaves out the owner's calendar busy time (the server counts it), and where to change that. */
function CalendarNote() {
  const connections = useCalendarConnections();
  if (!connections.data) return null;
  const blocking = blockingCount(connections.data);
  return (
    <p className="muted small calendar-note">
      {blocking > 0 ? (
        <>
          Times your connected calendars mark busy are left out. <Link href="/calendars">Manage calendars</Link>
        </>
      ) : connections.data.length > 0 ? (
        <>
          None of your connected calendars blocks time, so only your Convene bookings are left out. <Link href="/calendars">Choose calendars</Link>
        </>
      ) : (
        <>
          Busy in another calendar? <Link href="/calendars">Connect it</Link> and those times are left out too.
        </>
      )}
    </p>
  );
}
