// Step 4: how many meetings a day or week, how much notice, and how far ahead invitees may book.
import { Field, fieldId } from "../../../components/form-field";
import { useToday } from "../../../lib/use-today";
import type { NoticeUnit } from "./draft";
import { areDatesOver } from "./draft-rules";
import type { StepProps } from "./step-props";

export function LimitsStep({ draft, update, errors }: StepProps) {
  const today = useToday(draft.timeZone);
  return (
    <div className="stack">
      <div className="two-columns">
        <Field name="maxPerDay" label="Most meetings per day" optional error={errors.maxPerDay} hint="Empty: no limit.">
          {(control) => <input {...control} inputMode="numeric" value={draft.maxPerDay} onChange={(event) => update((d) => ({ ...d, maxPerDay: event.target.value }))} />}
        </Field>
        <Field name="maxPerWeek" label="Most meetings per week" optional error={errors.maxPerWeek} hint="Empty: no limit.">
          {(control) => <input {...control} inputMode="numeric" value={draft.maxPerWeek} onChange={(event) => update((d) => ({ ...d, maxPerWeek: event.target.value }))} />}
        </Field>
      </div>
      <div className="field">
        <label htmlFor={fieldId("minNotice")}>Minimum notice</label>
        <span className="hint" id={`${fieldId("minNotice")}-hint`}>
          How long before a meeting it can still be booked.
        </span>
        <div className="row nowrap">
          <input
            id={fieldId("minNotice")}
            inputMode="numeric"
            className="input-short"
            value={draft.minNotice}
            aria-invalid={errors.minNotice ? true : undefined}
            aria-describedby={`${fieldId("minNotice")}-hint${errors.minNotice ? ` ${fieldId("minNotice")}-error` : ""}`}
            onChange={(event) => update((d) => ({ ...d, minNotice: event.target.value }))}
          />
          <select aria-label="Unit of notice" className="input-short" value={draft.minNoticeUnit} onChange={(event) => update((d) => ({ ...d, minNoticeUnit: event.target.value as NoticeUnit }))}>
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
            <option value="days">days</option>
          </select>
        </div>
        {errors.minNotice ? (
          <p className="error-text" id={`${fieldId("minNotice")}-error`}>
            {errors.minNotice}
          </p>
        ) : null}
      </div>
      <Field name="maxDaysAhead" label="Booking window (days ahead)" optional error={errors.maxDaysAhead} hint="How far into the future invitees can book. Empty: no limit.">
        {(control) => <input {...control} inputMode="numeric" className="input-short" value={draft.maxDaysAhead} onChange={(event) => update((d) => ({ ...d, maxDaysAhead: event.target.value }))} />}
      </Field>
      <fieldset className="fieldset">
        <legend>Only between these dates</legend>
        <p className="hint muted small">For a campaign or an event. Leave both empty to keep the link open.</p>
        <div className="two-columns">
          <Field name="rangeStartDate" label="First date" optional error={errors.rangeStartDate}>
            {(control) => <input {...control} type="date" value={draft.rangeStartDate} onChange={(event) => update((d) => ({ ...d, rangeStartDate: event.target.value }))} />}
          </Field>
          <Field name="rangeEndDate" label="Last date" optional error={errors.rangeEndDate}>
            {(control) => <input {...control} type="date" value={draft.rangeEndDate} onChange={(event) => update((d) => ({ ...d, rangeEndDate: event.target.value }))} />}
          </Field>
        </div>
        {areDatesOver(draft.rangeEndDate, today) ? (
          <p className="notice notice-warning small dates-over" role="status">
            These dates are over: the last date, {draft.rangeEndDate}, has passed, so nobody could book this link. Move the dates, or clear them to keep the link open.
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
