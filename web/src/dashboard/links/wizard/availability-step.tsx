// Step 2: when the link is open — the zone of the hours, the weekly hours, and the dates that differ.
import { Link } from "wouter";
import { Field } from "../../../components/form-field";
import { TimeZoneSelect } from "../../../components/time-zone-select";
import { browserTimeZone } from "../../../lib/time";
import { DateOverrides, Holidays } from "./date-exceptions";
import type { StepProps } from "./step-props";
import { WeekEditor } from "./week-editor";

export function AvailabilityStep({ draft, update, errors }: StepProps) {
  const browserZone = browserTimeZone();
  return (
    <div className="stack">
      <Field
        name="timeZone"
        label="Time zone of these hours"
        error={errors.timeZone}
        hint={draft.timeZone !== browserZone ? `Invitees see times in their own zone. Your browser is in ${browserZone.replaceAll("_", " ")}.` : "Invitees see times in their own zone."}
      >
        {(control) => <TimeZoneSelect {...control} value={draft.timeZone} onChange={(timeZone) => update((d) => ({ ...d, timeZone }))} />}
      </Field>
      <section className="substep" aria-labelledby="weekly-hours-heading">
        <h3 id="weekly-hours-heading">Weekly hours</h3>
        <p className="muted small">
          A new link starts from your working hours (<Link href="/settings">Settings</Link>); what you change here applies to this link only.
        </p>
        <WeekEditor week={draft.week} errors={errors} onChange={(week) => update((d) => ({ ...d, week }))} />
      </section>
      <section className="substep" aria-labelledby="exceptions-heading">
        <h3 id="exceptions-heading">Date exceptions</h3>
        <p className="muted small">Specific dates with other hours, or closed.</p>
        <DateOverrides overrides={draft.overrides} errors={errors} onChange={(overrides) => update((d) => ({ ...d, overrides }))} />
      </section>
      <section className="substep" aria-labelledby="holidays-heading">
        <h3 id="holidays-heading">Holidays</h3>
        <p className="muted small">Whole days off, whatever the weekly hours say.</p>
        <Holidays holidays={draft.holidays} errors={errors} onChange={(holidays) => update((d) => ({ ...d, holidays }))} />
      </section>
    </div>
  );
}
