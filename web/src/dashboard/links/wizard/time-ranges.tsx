// The time ranges of one day (a weekday or a specific date): start and end
// inputs per range, remove and add. End 00:00 means midnight at the end of the day.
import { fieldId } from "../../../components/form-field";
import type { TimeRange } from "./draft";
import type { FieldErrors } from "./draft-rules";

function addMinutes(time: string, minutes: number): string {
  const [hours = 0, mins = 0] = time.split(":").map(Number);
  const total = Math.min(hours * 60 + mins + minutes, 24 * 60);
  if (total >= 24 * 60) return "00:00";
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/** The range "Add hours" proposes: the hour after the last range, or a working day. */
export function nextRange(ranges: TimeRange[]): TimeRange {
  const last = ranges[ranges.length - 1];
  if (!last || last.end === "00:00" || last.end >= "23:00") return { start: "09:00", end: "17:00" };
  const start = addMinutes(last.end, 60);
  return { start, end: addMinutes(start, 120) };
}

export function TimeRanges({
  ranges,
  errorKey,
  dayLabel,
  errors,
  onChange,
}: {
  ranges: TimeRange[];
  errorKey: string;
  dayLabel: string;
  errors: FieldErrors;
  onChange(ranges: TimeRange[]): void;
}) {
  const set = (index: number, change: Partial<TimeRange>) => onChange(ranges.map((range, i) => (i === index ? { ...range, ...change } : range)));
  return (
    <ul className="time-ranges" aria-label={`Hours on ${dayLabel}`}>
      {ranges.map((range, index) => {
        const key = `${errorKey}.${index}`;
        const startError = errors[`${key}.start`];
        const endError = errors[`${key}.end`];
        return (
          <li key={index} className="time-range">
            <div className="time-range-inputs">
              <input
                type="time"
                step={300}
                id={fieldId(`${key}.start`)}
                aria-label={`${dayLabel}, range ${index + 1}, from`}
                aria-invalid={startError ? true : undefined}
                aria-describedby={startError ? `${fieldId(`${key}.start`)}-error` : undefined}
                value={range.start}
                onChange={(event) => set(index, { start: event.target.value })}
              />
              <span aria-hidden="true">–</span>
              <input
                type="time"
                step={300}
                id={fieldId(`${key}.end`)}
                aria-label={`${dayLabel}, range ${index + 1}, until`}
                aria-invalid={endError ? true : undefined}
                aria-describedby={endError ? `${fieldId(`${key}.end`)}-error` : undefined}
                value={range.end}
                onChange={(event) => set(index, { end: event.target.value })}
              />
              <button
                type="button"
                className="button small ghost icon-button"
                aria-label={`Remove ${dayLabel} ${range.start || "…"}–${range.end || "…"}`}
                onClick={() => onChange(ranges.filter((_, i) => i !== index))}
              >
                ✕
              </button>
            </div>
            {startError ? (
              <p className="error-text" id={`${fieldId(`${key}.start`)}-error`}>
                {startError}
              </p>
            ) : null}
            {endError ? (
              <p className="error-text" id={`${fieldId(`${key}.end`)}-error`}>
                {endError}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
