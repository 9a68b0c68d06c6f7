// Calendar, time zone and the chosen day's times, shared by the booking page
// and the manage page's reschedule step. The choice (zone, month, day, slot)
// lives in useSlotChoice so a page can also set it (a suggested free slot).
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { Notice } from "../components/notice";
import { browserTimeZone, localDate } from "../lib/time";
import { Calendar } from "./calendar";
import { PublicErrorText } from "./public-error-text";
import { useI18n } from "./i18n/i18n";
import { addMonths, formatMonth, monthOf, type MonthKey } from "./month";
import { nextMonthWithSlots, useMonthSlots, type SlotSource } from "./month-slots";
import type { Slot } from "./public-api";
import { SlotList, SlotListSkeleton } from "./slot-list";
import { TimeZonePicker } from "./time-zone-picker";

/** How far ahead the calendar pages when the link sets no booking window. */
const MONTHS_AHEAD_WITHOUT_WINDOW = 12;

export type SlotChoice = ReturnType<typeof useSlotChoice>;

export function useSlotChoice(initialStart: string | null = null) {
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [nowMs] = useState(Date.now);
  const [month, setMonth] = useState<MonthKey>(() => monthOf(localDate(initialStart ?? nowMs, timeZone)));
  const [selectedDate, setSelectedDate] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  return {
    timeZone,
    nowMs,
    today: localDate(nowMs, timeZone),
    month,
    selectedDate,
    slot,
    setMonth,
    selectDate: setSelectedDate,
    selectSlot: setSlot,
    /** Selects a slot and shows its day, wherever it is. */
    showSlot(next: Slot) {
      const date = localDate(next.start, timeZone);
      setSlot(next);
      setSelectedDate(date);
      setMonth(monthOf(date));
    },
    changeTimeZone(next: string) {
      setTimeZone(next);
      if (slot) {
        const date = localDate(slot.start, next);
        setSelectedDate(date);
        setMonth(monthOf(date));
      }
    },
  };
}

/** The last month with bookable time in the zone: from the booking window, or a year ahead. */
export function lastMonthOf(choice: SlotChoice, bookableUntil: string | null, lastSlotStart?: string): MonthKey {
  const firstMonth = monthOf(choice.today);
  const ends = [bookableUntil ? Date.parse(bookableUntil) - 1 : Number.POSITIVE_INFINITY, lastSlotStart ? Date.parse(lastSlotStart) : Number.POSITIVE_INFINITY];
  const endMs = Math.min(...ends);
  const last = Number.isFinite(endMs) ? monthOf(localDate(endMs, choice.timeZone)) : addMonths(firstMonth, MONTHS_AHEAD_WITHOUT_WINDOW);
  return last < firstMonth ? firstMonth : last;
}

type SlotPickerProps = {
  choice: SlotChoice;
  source: SlotSource;
  lastMonth: MonthKey;
  onSlotPicked(slot: Slot): void;
  ownerName: string;
  /** False where the page shows its own zone picker. */
  showsTimeZone?: boolean;
};

type Search = { month: MonthKey; isSearching: boolean };

export function SlotPicker({ choice, source, lastMonth, onSlotPicked, ownerName, showsTimeZone = true }: SlotPickerProps) {
  const queryClient = useQueryClient();
  const { locale, t } = useI18n();
  const firstMonth = monthOf(choice.today);
  const month = choice.month < firstMonth ? firstMonth : choice.month > lastMonth ? lastMonth : choice.month;
  const slots = useMonthSlots(source, month, choice.timeZone, lastMonth);
  const availableDates = useMemo(() => (slots.byDate ? new Set(slots.byDate.keys()) : null), [slots.byDate]);
  const [search, setSearch] = useState<Search | null>(null);

  const date = slots.byDate && choice.selectedDate && slots.byDate.has(choice.selectedDate) ? choice.selectedDate : (availableDates?.values().next().value ?? null);
  const searchHere = search?.month === month ? search : null;
  const slotsSection = useRef<HTMLElement>(null);
  const shouldFocusSlots = useRef(false);

  useEffect(() => {
    // After a jump the button that had focus is gone: continue at the found day's times.
    if (!date || !shouldFocusSlots.current) return;
    shouldFocusSlots.current = false;
    slotsSection.current?.querySelector<HTMLElement>("h2")?.focus();
  }, [date]);

  const jumpToFreeTime = async () => {
    setSearch({ month, isSearching: true });
    try {
      const next = await nextMonthWithSlots(queryClient, source, month, lastMonth, choice.timeZone);
      if (next) {
        shouldFocusSlots.current = true;
        choice.setMonth(next);
        choice.selectDate(null);
      } else {
        setSearch({ month, isSearching: false });
      }
    } catch {
      setSearch({ month, isSearching: false });
    }
  };

  return (
    <>
      <section className="card step step-calendar" aria-label={t.pickADay}>
        <Calendar
          month={month}
          firstMonth={firstMonth}
          lastMonth={lastMonth}
          onMonthChange={(next) => {
            choice.setMonth(next);
            choice.selectDate(null);
          }}
          availableDates={availableDates}
          selectedDate={date}
          onSelectDate={choice.selectDate}
          today={choice.today}
        />
        {showsTimeZone && <TimeZonePicker value={choice.timeZone} onChange={choice.changeTimeZone} label={t.timesShownIn} />}
      </section>
      <section className="card step step-slots" aria-label={t.pickATime} aria-busy={slots.isPending} ref={slotsSection}>
        {slots.error ? (
          <div className="stack">
            <PublicErrorText error={slots.error} />
            <button type="button" className="button" onClick={() => void slots.refetch()}>
              {t.tryAgain}
            </button>
          </div>
        ) : slots.isPending || !slots.byDate ? (
          <SlotListSkeleton />
        ) : date ? (
          <SlotList
            date={date}
            slots={slots.byDate.get(date) ?? []}
            timeZone={choice.timeZone}
            selectedStart={choice.slot?.start ?? null}
            onSelect={(slot) => {
              choice.selectSlot(slot);
              onSlotPicked(slot);
            }}
          />
        ) : (
          <Notice tone="neutral" title={t.noFreeTimeIn(formatMonth(month, locale))} role="status">
            {!searchHere && month < lastMonth && <p>{t.monthTaken}</p>}
            {month < lastMonth && !(searchHere && !searchHere.isSearching) ? (
              <button type="button" className="button primary" onClick={() => void jumpToFreeTime()} disabled={searchHere?.isSearching} aria-busy={searchHere?.isSearching}>
                {searchHere?.isSearching ? t.searching : t.jumpToFreeTime}
              </button>
            ) : (
              <p>
                {searchHere ? t.noneInComingMonths : t.asFarAsOpen} {t.checkBackLater(ownerName || null)}
              </p>
            )}
          </Notice>
        )}
      </section>
    </>
  );
}
