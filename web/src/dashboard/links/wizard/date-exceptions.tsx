// Dates that differ from the weekly hours: a date with its own hours or closed,
// and holidays (whole days off).
import { Field, fieldId } from "../../../components/form-field";
import { newKey, type DateOverrideDraft, type HolidayDraft } from "./draft";
import type { FieldErrors } from "./draft-rules";
import { nextRange, TimeRanges } from "./time-ranges";

function dateLabel(date: string): string {
  if (!date) return "the new date";
  return new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}

export function DateOverrides({ overrides, errors, onChange }: { overrides: DateOverrideDraft[]; errors: FieldErrors; onChange(overrides: DateOverrideDraft[]): void }) {
  const set = (key: string, change: Partial<DateOverrideDraft>) => onChange(overrides.map((override) => (override.key === key ? { ...override, ...change } : override)));
  return (
    <div className="stack">
      {overrides.length === 0 ? <p className="muted small">No exceptions: every date follows the weekly hours.</p> : null}
      <ul className="exception-list">
        {overrides.map((override) => {
          const key = `overrides.${override.key}`;
          const label = dateLabel(override.date);
          return (
            <li key={override.key} className="exception">
              <div className="exception-head">
                <Field name={`${key}.date`} label="Date" error={errors[`${key}.date`]}>
                  {(control) => <input {...control} type="date" value={override.date} onChange={(event) => set(override.key, { date: event.target.value })} />}
                </Field>
                <button type="button" className="button small ghost" onClick={() => onChange(overrides.filter((item) => item.key !== override.key))}>
                  Remove<span className="visually-hidden"> the exception on {label}</span>
                </button>
              </div>
              <fieldset className="inline-choices">
                <legend className="visually-hidden">Hours on {label}</legend>
                <label className="check">
                  <input type="radio" name={`${key}-mode`} checked={override.isClosed} onChange={() => set(override.key, { isClosed: true })} />
                  Closed all day
                </label>
                <label className="check">
                  <input type="radio" name={`${key}-mode`} checked={!override.isClosed} onChange={() => set(override.key, { isClosed: false })} />
                  Custom hours
                </label>
              </fieldset>
              {override.isClosed ? null : (
                <div id={fieldId(`${key}.ranges`)} tabIndex={-1}>
                  <TimeRanges ranges={override.ranges} errorKey={`${key}.ranges`} dayLabel={label} errors={errors} onChange={(ranges) => set(override.key, { ranges })} />
                  {errors[`${key}.ranges`] ? <p className="error-text">{errors[`${key}.ranges`]}</p> : null}
                  <button type="button" className="button small ghost" onClick={() => set(override.key, { ranges: [...override.ranges, nextRange(override.ranges)] })}>
                    + Add hours<span className="visually-hidden"> on {label}</span>
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <div>
        <button type="button" className="button small" onClick={() => onChange([...overrides, { key: newKey(), date: "", isClosed: false, ranges: [{ start: "09:00", end: "17:00" }] }])}>
          + Add a date
        </button>
      </div>
    </div>
  );
}

export function Holidays({ holidays, errors, onChange }: { holidays: HolidayDraft[]; errors: FieldErrors; onChange(holidays: HolidayDraft[]): void }) {
  return (
    <div className="stack">
      {holidays.length === 0 ? <p className="muted small">No holidays.</p> : null}
      <ul className="holiday-list">
        {holidays.map((holiday, index) => (
          <li key={holiday.key} className="holiday">
            <Field name={`holidays.${holiday.key}`} label={`Holiday ${index + 1}`} error={errors[`holidays.${holiday.key}`]}>
              {(control) => (
                <input {...control} type="date" value={holiday.date} onChange={(event) => onChange(holidays.map((item) => (item.key === holiday.key ? { ...item, date: event.target.value } : item)))} />
              )}
            </Field>
            <button type="button" className="button small ghost" onClick={() => onChange(holidays.filter((item) => item.key !== holiday.key))}>
              Remove<span className="visually-hidden"> holiday {dateLabel(holiday.date)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div>
        <button type="button" className="button small" onClick={() => onChange([...holidays, { key: newKey(), date: "" }])}>
          + Add a holiday
        </button>
      </div>
    </div>
  );
}
