// The month calendar of the booking and manage pages: days with free time stand
// out, days without are disabled; arrow keys, Home/End and Page Up/Down move
// between days (one tab stop for the grid), Enter or Space picks a day.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useI18n } from "./i18n/i18n";
import { addDays, addMonths, daysInMonth, formatDay, formatMonth, localeFirstWeekday, monthOf, monthWeeks, weekdayHeaders, weekdayName, weekdayOf, type MonthKey } from "./month";

type CalendarProps = {
  month: MonthKey;
  firstMonth: MonthKey;
  lastMonth: MonthKey;
  onMonthChange(month: MonthKey): void;
  /** Dates with free time; null while loading. */
  availableDates: ReadonlySet<string> | null;
  selectedDate: string | null;
  onSelectDate(date: string): void;
  today: string;
};

const KEY_STEPS: Record<string, (date: string) => string> = {
  ArrowLeft: (date) => addDays(date, -1),
  ArrowRight: (date) => addDays(date, 1),
  ArrowUp: (date) => addDays(date, -7),
  ArrowDown: (date) => addDays(date, 7),
  PageUp: (date) => shiftMonth(date, -1),
  PageDown: (date) => shiftMonth(date, 1),
};

/** The same day of the next or previous month, clamped to its last day. */
function shiftMonth(date: string, count: number): string {
  const month = addMonths(monthOf(date), count);
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(month));
  return `${month}-${String(day).padStart(2, "0")}`;
}

export function Calendar({ month, firstMonth, lastMonth, onMonthChange, availableDates, selectedDate, onSelectDate, today }: CalendarProps) {
  const { locale, t } = useI18n();
  const firstWeekday = useMemo(() => localeFirstWeekday(locale ?? navigator.language), [locale]);
  const headers = useMemo(() => weekdayHeaders(locale), [locale]);
  const weeks = useMemo(() => monthWeeks(month, firstWeekday), [month, firstWeekday]);
  const [focusDate, setFocusDate] = useState<string | null>(null);
  const shouldFocus = useRef(false);
  const grid = useRef<HTMLTableElement>(null);
  const isLoading = availableDates === null;

  const firstAvailable = availableDates ? [...availableDates].find((date) => date.startsWith(month)) : undefined;
  const tabDate =
    focusDate?.startsWith(month) ? focusDate : selectedDate?.startsWith(month) ? selectedDate : (firstAvailable ?? (today.startsWith(month) ? today : `${month}-01`));

  useEffect(() => {
    if (!shouldFocus.current) return;
    shouldFocus.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${tabDate}"]`)?.focus();
  }, [tabDate]);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, date: string) => {
    let next: string | undefined;
    if (event.key === "Home") next = addDays(date, -((weekdayOf(date) - firstWeekday + 7) % 7));
    else if (event.key === "End") next = addDays(date, 6 - ((weekdayOf(date) - firstWeekday + 7) % 7));
    else next = KEY_STEPS[event.key]?.(date);
    if (!next) return;
    event.preventDefault();
    const nextMonth = monthOf(next);
    if (nextMonth < firstMonth || nextMonth > lastMonth) return;
    if (nextMonth !== month) onMonthChange(nextMonth);
    shouldFocus.current = true;
    setFocusDate(next);
  };

  const monthLabel = formatMonth(month, locale);
  return (
    <div className="calendar">
      <div className="calendar-head">
        <button type="button" className="button small ghost icon" onClick={() => onMonthChange(addMonths(month, -1))} disabled={month <= firstMonth} aria-label={t.previousMonth}>
          <span aria-hidden="true">‹</span>
        </button>
        <h2 className="calendar-title" id="calendar-title">
          {monthLabel}
        </h2>
        <button type="button" className="button small ghost icon" onClick={() => onMonthChange(addMonths(month, 1))} disabled={month >= lastMonth} aria-label={t.nextMonth}>
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <table className="calendar-grid" ref={grid} aria-labelledby="calendar-title" aria-busy={isLoading}>
        <thead>
          <tr>
            {weeks[0]!.map((_, column) => {
              const weekday = (firstWeekday + column) % 7;
              return (
                <th key={weekday} scope="col">
                  <abbr title={weekdayName(weekday, "long", locale)}>{headers[weekday]}</abbr>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, row) => (
            <tr key={row}>
              {week.map((date, column) =>
                date === null ? (
                  <td key={column} />
                ) : (
                  <td key={date}>
                    <DayButton
                      date={date}
                      isLoading={isLoading}
                      isAvailable={availableDates?.has(date) ?? false}
                      isSelected={date === selectedDate}
                      isToday={date === today}
                      isTabStop={date === tabDate}
                      onSelect={onSelectDate}
                      onKeyDown={onKeyDown}
                      onFocus={setFocusDate}
                    />
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="visually-hidden" role="status">
        {availableDates === null ? t.loadingFreeDays(monthLabel) : t.freeDaysIn(availableDates.size, monthLabel)}
      </p>
    </div>
  );
}

type DayButtonProps = {
  date: string;
  isLoading: boolean;
  isAvailable: boolean;
  isSelected: boolean;
  isToday: boolean;
  isTabStop: boolean;
  onSelect(date: string): void;
  onKeyDown(event: KeyboardEvent<HTMLButtonElement>, date: string): void;
  onFocus(date: string): void;
};

function DayButton({ date, isLoading, isAvailable, isSelected, isToday, isTabStop, onSelect, onKeyDown, onFocus }: DayButtonProps) {
  const { locale, t } = useI18n();
  const state = isLoading ? t.dayLoading : isAvailable ? t.dayFree : t.dayNotFree;
  const className = ["day", isLoading ? "is-loading" : isAvailable ? "is-available" : "is-unavailable", isSelected ? "is-selected" : ""].join(" ");
  return (
    <button
      type="button"
      className={className}
      data-date={date}
      tabIndex={isTabStop ? 0 : -1}
      aria-label={`${formatDay(date, locale)}, ${state}`}
      aria-pressed={isSelected}
      aria-disabled={!isAvailable}
      aria-current={isToday ? "date" : undefined}
      onClick={() => isAvailable && onSelect(date)}
      onKeyDown={(event) => onKeyDown(event, date)}
      onFocus={() => onFocus(date)}
    >
      {Number(date.slice(8, 10))}
    </button>
  );
}
