// Step 6: everything the link will be, each part with a way back to change it,
// and the live preview of the times it offers.
import type { ReactNode } from "react";
import { useOwner } from "../../session";
import { durationLabel, durationsLabel, locationLabel, noticeLabel, weeklyHoursLabel } from "../link-format";
import { useTemplates } from "../link-api";
import { linkBodyOf, optionsOf, type Draft } from "./draft";
import { useToday } from "../../../lib/use-today";
import { noOpenTimesCauses, STEPS, type StepId } from "./draft-rules";
import { SlotPreview } from "./slot-preview";
import { MODE_SENTENCES } from "./team-draft";

function Part({ step, onEdit, children }: { step: StepId; onEdit(step: StepId): void; children: ReactNode }) {
  const title = STEPS.find((candidate) => candidate.id === step)!.title;
  return (
    <section className="review-part" aria-label={title}>
      <div className="spread">
        <h3>{title}</h3>
        <button type="button" className="button small ghost" onClick={() => onEdit(step)}>
          Change<span className="visually-hidden"> {title.toLowerCase()}</span>
        </button>
      </div>
      <dl className="summary-list">{children}</dl>
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ReviewStep({ draft, onEdit }: { draft: Draft; onEdit(step: StepId): void }) {
  const { user } = useOwner();
  const templates = useTemplates();
  const today = useToday(draft.timeZone);
  const body = linkBodyOf(draft, null);
  const slug = draft.slug.trim() || "…";
  const template = templates.data?.find((candidate) => candidate.id === draft.templateChoice);
  const setName = draft.templateChoice === "new" ? draft.templateName || "A new set" : (template?.name ?? "");
  return (
    <div className="review-layout">
      <div className="stack">
        <Part step="basics" onEdit={onEdit}>
          <Row term="Title">{body.title}</Row>
          <Row term="Address">
            {window.location.origin}/{user.handle}/{slug}
          </Row>
          {body.description ? <Row term="Description">{body.description}</Row> : null}
          <Row term="Location">{locationLabel({ type: draft.locationType, value: body.location!.value ?? null })}</Row>
        </Part>
        <Part step="hosts" onEdit={onEdit}>
          <Row term="Mode">{MODE_SENTENCES[draft.team.hostMode].label}</Row>
          <Row term="Hours">{draft.team.hostHours === "host" ? "Each host's own (the link's for hosts without)" : "The link's"}</Row>
        </Part>
        <Part step="availability" onEdit={onEdit}>
          <Row term="Time zone">{body.timeZone?.replaceAll("_", " ")}</Row>
          <Row term="Weekly hours">{weeklyHoursLabel(body.weeklyHours ?? [])}</Row>
          <Row term="Date exceptions">
            {body.dateOverrides?.length
              ? body.dateOverrides.map((override) => `${override.date} ${override.intervals.length ? override.intervals.map((span) => `${span.start}–${span.end}`).join(", ") : "closed"}`).join("; ")
              : "None"}
          </Row>
          <Row term="Holidays">{body.holidays?.length ? body.holidays.join(", ") : "None"}</Row>
        </Part>
        <Part step="durations" onEdit={onEdit}>
          <Row term="Durations">
            {durationsLabel(body.durationsMin)} (default {durationLabel(body.defaultDurationMin!)})
          </Row>
          <Row term="Buffers">
            {body.bufferBeforeMin} min before, {body.bufferAfterMin} min after
          </Row>
          <Row term="Start times">every {durationLabel(body.slotIntervalMin ?? body.defaultDurationMin!)}</Row>
        </Part>
        <Part step="limits" onEdit={onEdit}>
          <Row term="Per day / week">
            {body.maxPerDay ?? "no limit"} / {body.maxPerWeek ?? "no limit"}
          </Row>
          <Row term="Minimum notice">{noticeLabel(body.minNoticeMin!)}</Row>
          <Row term="Booking window">{body.maxDaysAhead ? `${body.maxDaysAhead} days ahead` : "no limit"}</Row>
          {body.rangeStartDate || body.rangeEndDate ? (
            <Row term="Only between">
              {body.rangeStartDate ?? "…"} and {body.rangeEndDate ?? "…"}
            </Row>
          ) : null}
        </Part>
        <Part step="questions" onEdit={onEdit}>
          {draft.templateChoice === "none" || draft.questions.length === 0 ? (
            <Row term="Questions">Name and email only</Row>
          ) : (
            <>
              <Row term="Set">{setName}</Row>
              <Row term="Questions">
                <ol className="plain-list">
                  {draft.questions.map((question) => (
                    <li key={question.key}>
                      {question.label}
                      {question.isRequired ? " (required)" : ""}
                      {optionsOf(question.optionsText).length && (question.type === "single_choice" || question.type === "multiple_choice") ? ` — ${optionsOf(question.optionsText).join(", ")}` : ""}
                    </li>
                  ))}
                </ol>
              </Row>
            </>
          )}
        </Part>
      </div>
      <SlotPreview body={body} whyEmpty={(previewDays) => noOpenTimesCauses(draft, today, previewDays)} onEdit={onEdit} />
    </div>
  );
}
