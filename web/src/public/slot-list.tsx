// The chosen day's free times as buttons, in the viewer's zone.
import { Skeleton } from "../components/skeleton";
import { formatTime } from "../lib/time";
import { formatDay } from "./month";
import { useI18n } from "./i18n/i18n";
import type { Slot } from "./public-api";

type SlotListProps = {
  date: string | null;
  slots: Slot[];
  timeZone: string;
  selectedStart: string | null;
  onSelect(slot: Slot): void;
};

export function SlotList({ date, slots, timeZone, selectedStart, onSelect }: SlotListProps) {
  const { locale, t } = useI18n();
  if (!date) return null;
  return (
    <div className="slot-list">
      <h2 className="slots-title" tabIndex={-1}>
        {formatDay(date, locale)}
      </h2>
      <p className="muted small" role="status">
        {t.timesAvailable(slots.length)}
      </p>
      <ul className="slots" aria-label={t.freeTimesOn(formatDay(date, locale))}>
        {slots.map((slot) => (
          <li key={slot.start}>
            <button type="button" className="slot" data-slot={slot.start} aria-pressed={slot.start === selectedStart} onClick={() => onSelect(slot)}>
              {formatTime(slot.start, timeZone, locale)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SlotListSkeleton() {
  return (
    <div className="slot-list" aria-hidden="true">
      <Skeleton width="70%" height="1.4rem" />
      <Skeleton width="40%" height="0.9rem" />
      <div className="slots">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} height="44px" radius="8px" />
        ))}
      </div>
    </div>
  );
}
