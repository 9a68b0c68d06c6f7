// The weekly hours: each weekday on or off, with one or more time ranges, and
// a way to copy one day's hours to every day.
import { fieldId } from "../../../components/form-field";
import { WEEKDAY_NAMES, WEEK_ORDER } from "../link-format";
import type { TimeRange } from "./draft";
import type { FieldErrors } from "./draft-rules";
import { nextRange, TimeRanges } from "./time-ranges";

export function WeekEditor({ week, errors, onChange }: { week: TimeRange[][]; errors: FieldErrors; onChange(week: TimeRange[][]): void }) {
  const setDay = (day: number, ranges: TimeRange[]) => onChange(week.map((current, i) => (i === day ? ranges : current)));
  const copyToAll = (day: number) => onChange(week.map(() => week[day]!.map((range) => ({ ...range }))));
  return (
    <div className="week-editor" id={fieldId("week")} tabIndex={-1} aria-describedby={errors.week ? `${fieldId("week")}-error` : undefined}>
      {errors.week ? (
        <p className="error-text" id={`${fieldId("week")}-error`}>
          {errors.week}
        </p>
      ) : null}
      {WEEK_ORDER.map((day) => {
        const name = WEEKDAY_NAMES[day]!;
        const ranges = week[day]!;
        const isOpen = ranges.length > 0;
        return (
          <div key={day} className="week-day" data-open={isOpen}>
            <label className="check week-day-name">
              <input type="checkbox" checked={isOpen} onChange={(event) => setDay(day, event.target.checked ? [{ start: "09:00", end: "17:00" }] : [])} />
              {name}
            </label>
            <div className="week-day-hours">
              {isOpen ? (
                <TimeRanges ranges={ranges} errorKey={`week.${day}`} dayLabel={name} errors={errors} onChange={(next) => setDay(day, next)} />
              ) : (
                <p className="muted small week-day-off">Unavailable</p>
              )}
              <div className="row week-day-actions">
                <button type="button" className="button small ghost" onClick={() => setDay(day, [...ranges, nextRange(ranges)])}>
                  + Add hours<span className="visually-hidden"> on {name}</span>
                </button>
                {isOpen ? (
                  <button type="button" className="button small ghost" onClick={() => copyToAll(day)}>
                    Copy to all days<span className="visually-hidden"> ({name}'s hours)</span>
                  </button>
                ) : null}
              </div>
            </div>
          </div>
        );
      })}
    </div>
  );
}
