// Step 3: how long meetings are, the gaps kept around them, and how often a slot may start.
import { useState } from "react";
import { Field, fieldId } from "../../../components/form-field";
import { durationLabel } from "../link-format";
import { PRESET_DURATIONS } from "./draft";
import type { StepProps } from "./step-props";

export function DurationsStep({ draft, update, errors }: StepProps) {
  const [custom, setCustom] = useState("");
  const [customError, setCustomError] = useState<string | null>(null);
  const offered = [...new Set([...PRESET_DURATIONS, ...draft.durations])].sort((a, b) => a - b);

  const toggle = (minutes: number, isOn: boolean) =>
    update((d) => {
      const durations = isOn ? [...d.durations, minutes].sort((a, b) => a - b) : d.durations.filter((value) => value !== minutes);
      const defaultDuration = durations.includes(d.defaultDuration) ? d.defaultDuration : (durations[0] ?? d.defaultDuration);
      return { ...d, durations, defaultDuration };
    });

  const addCustom = () => {
    const minutes = /^\s*\d+\s*$/.test(custom) ? Number.parseInt(custom, 10) : NaN;
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 720) {
      setCustomError("Enter whole minutes from 5 to 720.");
      return;
    }
    setCustomError(null);
    setCustom("");
    if (!draft.durations.includes(minutes)) toggle(minutes, true);
  };

  return (
    <div className="stack">
      <fieldset className="fieldset" id={fieldId("durations")} tabIndex={-1} aria-describedby={errors.durations ? `${fieldId("durations")}-error` : undefined}>
        <legend>Durations offered</legend>
        <p className="hint muted small">Invitees pick one when there are several.</p>
        <div className="choice-grid">
          {offered.map((minutes) => (
            <label key={minutes} className="choice">
              <input type="checkbox" checked={draft.durations.includes(minutes)} onChange={(event) => toggle(minutes, event.target.checked)} />
              {durationLabel(minutes)}
            </label>
          ))}
        </div>
        {errors.durations ? (
          <p className="error-text" id={`${fieldId("durations")}-error`}>
            {errors.durations}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={fieldId("customDuration")}>Custom duration (minutes)</label>
          <div className="row nowrap">
            <input
              id={fieldId("customDuration")}
              inputMode="numeric"
              className="input-short"
              value={custom}
              aria-invalid={customError ? true : undefined}
              aria-describedby={customError ? `${fieldId("customDuration")}-error` : undefined}
              onChange={(event) => setCustom(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter") {
                  event.preventDefault();
                  addCustom();
                }
              }}
            />
            <button type="button" className="button small" onClick={addCustom}>
              Add duration
            </button>
          </div>
          {customError ? (
            <p className="error-text" id={`${fieldId("customDuration")}-error`}>
              {customError}
            </p>
          ) : null}
        </div>
      </fieldset>
      <Field name="defaultDuration" label="Default duration" error={errors.defaultDuration} hint="Preselected on the booking page.">
        {(control) => (
          <select {...control} value={draft.defaultDuration} onChange={(event) => update((d) => ({ ...d, defaultDuration: Number(event.target.value) }))} disabled={draft.durations.length === 0}>
            {draft.durations.map((minutes) => (
              <option key={minutes} value={minutes}>
                {durationLabel(minutes)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="two-columns">
        <Field name="bufferBefore" label="Buffer before (minutes)" error={errors.bufferBefore} hint="Free time kept before each meeting.">
          {(control) => <input {...control} inputMode="numeric" value={draft.bufferBefore} onChange={(event) => update((d) => ({ ...d, bufferBefore: event.target.value }))} />}
        </Field>
        <Field name="bufferAfter" label="Buffer after (minutes)" error={errors.bufferAfter} hint="Free time kept after each meeting.">
          {(control) => <input {...control} inputMode="numeric" value={draft.bufferAfter} onChange={(event) => update((d) => ({ ...d, bufferAfter: event.target.value }))} />}
        </Field>
      </div>
      <Field
        name="slotInterval"
        label="Start times every (minutes)"
        optional
        error={errors.slotInterval}
        hint={`Empty: every ${durationLabel(draft.defaultDuration)}, the default duration. 15 offers 9:00, 9:15, 9:30…`}
      >
        {(control) => <input {...control} inputMode="numeric" className="input-short" value={draft.slotInterval} onChange={(event) => update((d) => ({ ...d, slotInterval: event.target.value }))} />}
      </Field>
    </div>
  );
}
